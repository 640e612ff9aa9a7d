// Regression: a network with a linear (identity) output fits a noisy 1-D function, y = sin(2x) + noise, by mean
// squared error. Two tanh hidden layers of 16 units; Adam on mini-batches.
using System.Diagnostics;
using System.Globalization;
using Unrolled;
using Unrolled.Samples;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var clock = Stopwatch.StartNew();
string outputDirectory = SampleOutput.Directory(args);

const int Samples = 240, Epochs = 300, Seed = 7;
const double Noise = 0.1, Low = -3, High = 3;
const float LearningRate = 0.02f;
static double TrueFunction(double x) => Math.Sin(2 * x);

// The data: x uniform in [-3, 3], y = sin(2x) + Gaussian noise (deviation 0.1), from a seeded generator.
var random = new SeededRandom(Seed);
var xs = new float[Samples];
var ys = new float[Samples];
for (int i = 0; i < Samples; i++)
{
    double x = random.NextDouble(Low, High);
    xs[i] = (float)x;
    ys[i] = (float)(TrueFunction(x) + Noise * random.NextGaussian());
}

var all = new Dataset<float>(xs, inputCount: 1, ys, outputCount: 1); // no labels: a regression set
var (train, test) = TrainTestSplit.Split(all, testFraction: 0.25, seed: Seed);
Console.WriteLine($"Data: y = sin(2x) + N(0, {Noise}\u00b2), x in [{Low}, {High}]; {train.Count} training and {test.Count} test samples");
Console.WriteLine($"Network: {SineNet.Spec} ({SineNet.ParameterCount} parameters)");
Console.WriteLine($"Training: Adam (lr {LearningRate}, cosine decay), mini-batches of 16, {Epochs} epochs; the test loss is only watched");
Console.WriteLine($"(the noise alone costs an MSE of about {Noise * Noise:F4}: what a perfect fit of sin(2x) would score)");

var network = new SineNet();
network.Initialize(Seed);
var trainer = new Trainer<float>(network, new Adam<float>(SineNet.ParameterCount, LearningRate), new TrainerOptions
{
    Epochs = Epochs,
    BatchSize = 16,
    Seed = Seed,
    Schedule = LearningRateSchedule.Cosine(), // anneal the rate to 0 so that the last epochs settle
});
var progress = new ProgressPrinter(Epochs, every: 25, validationLabel: "test");
var history = trainer.Fit(train, validation: test, onEpoch: progress.OnEpoch);
progress.Complete(history);

double trainMse = trainer.Evaluate(train).Loss, testMse = trainer.Evaluate(test).Loss;
Console.WriteLine($"Final MSE: train {trainMse:F4}, test {testMse:F4}");

// The fitted curve against the true function, on a fine grid.
const int CurvePoints = 301;
var gridX = new double[CurvePoints];
var fitted = new double[CurvePoints];
var truth = new double[CurvePoints];
Span<float> input = stackalloc float[1], output = stackalloc float[1];
double maxError = 0;
for (int i = 0; i < CurvePoints; i++)
{
    gridX[i] = Low + (High - Low) * i / (CurvePoints - 1);
    input[0] = (float)gridX[i];
    network.Forward(input, output);
    fitted[i] = output[0];
    truth[i] = TrueFunction(gridX[i]);
    maxError = Math.Max(maxError, Math.Abs(fitted[i] - truth[i]));
}

Console.WriteLine($"Largest gap between the network and sin(2x) on [{Low}, {High}]: {maxError:F3}");

// The fit, drawn with ScottPlot directly: the training samples, sin(2x) and the network's curve.
var fitPlot = Plots.Create(
    "Regression: 1 \u2192 16 tanh \u2192 16 tanh \u2192 1",
    $"train MSE {trainMse:F4}, test MSE {testMse:F4} after {Epochs} epochs of Adam",
    "x",
    "y");
var samples = fitPlot.Add.ScatterPoints(train.Features.ToArray(), train.Targets.ToArray(), Plots.ClassColor(0).MixedWith(ScottPlot.Colors.White, 0.45));
samples.MarkerSize = 5;
samples.LegendText = "training samples";
var truthLine = fitPlot.Add.ScatterLine(gridX, truth, ScottPlot.Colors.Black.WithOpacity(0.7));
truthLine.LinePattern = ScottPlot.LinePattern.Dashed;
truthLine.LineWidth = 2;
truthLine.LegendText = "sin(2x)";
var networkLine = fitPlot.Add.ScatterLine(gridX, fitted, Plots.ClassColor(3));
networkLine.LineWidth = 2.5f;
networkLine.LegendText = "network";
fitPlot.Axes.SetLimitsX(Low, High);
Plots.LegendBelow(fitPlot);
SampleOutput.Save(fitPlot, outputDirectory, "regression-fit", 540, 400);
SampleOutput.Save(Plots.LossCurve(
    history,
    "Regression: mean squared error",
    $"Adam, lr {LearningRate} with cosine decay, mini-batches of 16",
    validationName: "test loss"), outputDirectory, "regression-loss", 540, 360);
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s");

/// <summary>1 input, two tanh hidden layers of 16, 1 linear output; mean squared error (the default loss).</summary>
[Network(inputs: 1)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(1)]
public partial class SineNet;
