// Handwritten digits: 1797 8x8 images (scikit-learn's load_digits) read from digits.csv, a 64 -> 32 ReLU -> 10 softmax
// network trained with Adam on mini-batches, early stopping on a validation split, then scored on a held-out test set.
using System.Diagnostics;
using System.Globalization;
using Unrolled;
using Unrolled.Samples;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var clock = Stopwatch.StartNew();
string outputDirectory = SampleOutput.Directory(args);

const int Epochs = 60, Seed = 0;
const float LearningRate = 0.001f;

// digits.csv is copied next to the executable by the project file: 64 pixel columns (0-16) and "label" (0-9).
string csv = Path.Combine(AppContext.BaseDirectory, "digits.csv");
var digits = CsvLoader.Load<float>(csv, labelColumn: "label", classCount: 10);
var (train, test) = TrainTestSplit.Split(digits, testFraction: 0.25, seed: Seed);

// Standardize each pixel with the mean and deviation of the training part only, then apply the same to the test part.
var scaler = Standardizer.Fit(train);
train = scaler.Transform(train);
test = scaler.Transform(test);
Console.WriteLine($"Digits: {digits}");
Console.WriteLine($"Split: {train.Count} training, {test.Count} test (25%, seed {Seed}); pixels standardized on the training part");
Console.WriteLine($"Network: {DigitsNet.Spec} ({DigitsNet.ParameterCount} parameters)");
Console.WriteLine($"Training: Adam (lr {LearningRate}), mini-batches of 32, up to {Epochs} epochs; 10% of the training part held out for early stopping (patience 10)");

var network = new DigitsNet();
network.Initialize(Seed);
var trainer = new Trainer<float>(network, new Adam<float>(DigitsNet.ParameterCount, LearningRate), new TrainerOptions
{
    Epochs = Epochs,
    BatchSize = 32,
    Seed = Seed,
    ValidationFraction = 0.1,
    EarlyStoppingPatience = 10,
    RestoreBestParameters = true,
});
var progress = new ProgressPrinter(Epochs, every: 5);
var history = trainer.Fit(train, onEpoch: progress.OnEpoch);
progress.Complete(history);

var result = trainer.Evaluate(test);
var confusion = result.ConfusionMatrix!;
Console.WriteLine($"Best epoch {history.BestEpoch} (lowest validation loss {history.Epochs[history.BestEpoch - 1].ValidationLoss:F4})");
Console.WriteLine($"Test accuracy {result.Accuracy * 100:F2}% ({confusion.Correct}/{confusion.Total}), test loss {result.Loss:F4}");
Console.WriteLine();
Console.WriteLine("Confusion matrix (rows: actual digit, columns: predicted digit):");
Console.WriteLine("      " + string.Concat(Enumerable.Range(0, 10).Select(p => $"{p,4}")));
for (int actual = 0; actual < 10; actual++)
{
    Console.WriteLine($"{actual,4}  " + string.Concat(Enumerable.Range(0, 10).Select(p => $"{(confusion[actual, p] == 0 && p != actual ? "." : confusion[actual, p].ToString(CultureInfo.InvariantCulture)),4}")));
}

Console.WriteLine();
var lossPlot = Plots.LossCurve(
    history,
    "Digits: 64 \u2192 32 ReLU \u2192 10 softmax, cross-entropy",
    $"Adam lr {LearningRate}, batches of 32; best epoch {history.BestEpoch}; test accuracy {result.Accuracy * 100:F1}%");
var best = lossPlot.Add.VerticalLine(history.BestEpoch, 1, ScottPlot.Colors.Black.WithOpacity(0.5), ScottPlot.LinePattern.Dotted);
best.LegendText = $"best epoch ({history.BestEpoch}), restored";
SampleOutput.Save(lossPlot, outputDirectory, "digits-loss", 540, 360);
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s");

/// <summary>64 pixels, 32 ReLU hidden units, 10 softmax outputs.</summary>
[Network(inputs: 64, Loss = LossFunction.CrossEntropy)]
[Dense(32, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class DigitsNet;
