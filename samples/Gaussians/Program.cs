// A linear classifier: one softmax layer on two inputs, trained on three Gaussian blobs. Trained twice: once as
// declared, once with its biases held at zero, which confines every decision boundary to a ray from the origin
// (each class then owns a wedge around the origin). Datasets.Blobs' default blobs sit around the origin, where
// wedges separate them as well as any lines do (both reach 100%), so this sample moves them away from it.
using System.Diagnostics;
using System.Globalization;
using Unrolled;
using Unrolled.Samples;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var clock = Stopwatch.StartNew();
string outputDirectory = SampleOutput.Directory(args);

const int Epochs = 100, Seed = 3;
double[,] centers = { { 1.0, 1.0 }, { 5.0, 1.0 }, { 3.0, 4.0 } };
string[] blobNames = ["center (1, 1)", "center (5, 1)", "center (3, 4)"];
var all = Datasets.Blobs<float>(samples: 400, centers, standardDeviation: 0.6, seed: Seed);
var (train, test) = TrainTestSplit.Split(all, testFraction: 0.25, seed: Seed);
Console.WriteLine($"Blobs: centers (1, 1), (5, 1), (3, 4), deviation 0.6; {train.Count} training and {test.Count} test samples");
Console.WriteLine($"Network: {LinearSoftmax.Spec} ({LinearSoftmax.ParameterCount} parameters: W is 2x3, b has 3)");
Console.WriteLine();

var withBias = Train("with biases", zeroBiases: false);
Console.WriteLine();
var withoutBias = Train("biases forced to 0", zeroBiases: true);
Console.WriteLine();

Console.WriteLine($"{"",-20} {"train acc",10} {"test acc",10} {"test loss",10}");
Report("with biases", withBias);
Report("biases forced to 0", withoutBias);

SampleOutput.Save(WithOrigin(Plots.DecisionRegions(
    withBias.Trainer,
    all,
    "Three Gaussians: one softmax layer (with biases)",
    $"test accuracy {withBias.Test.Accuracy * 100:F1}%; boundaries are any lines",
    blobNames)), outputDirectory, "gaussians-decision-regions", 500, 580);
SampleOutput.Save(WithOrigin(Plots.DecisionRegions(
    withoutBias.Trainer,
    all,
    "Three Gaussians: one softmax layer, biases forced to 0",
    $"test accuracy {withoutBias.Test.Accuracy * 100:F1}%; boundaries must start at the origin",
    blobNames)), outputDirectory, "gaussians-no-bias-decision-regions", 500, 580);
SampleOutput.Save(Plots.LossCurves(
    [
        new LossLine("with biases", withBias.History.Epochs.Select(e => e.TrainLoss).ToArray()),
        new LossLine("biases = 0", withoutBias.History.Epochs.Select(e => e.TrainLoss).ToArray(), Dashed: true),
    ],
    "Three Gaussians: training loss",
    "cross-entropy, momentum 0.9, lr 0.05, mini-batches of 32"), outputDirectory, "gaussians-loss", 540, 360);
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s");

Run Train(string name, bool zeroBiases)
{
    Console.WriteLine($"Training {name}:");
    var network = new LinearSoftmax();
    network.Initialize(Seed); // weights Glorot-uniform, biases 0
    IOptimizer<float> optimizer = new Momentum<float>(LinearSoftmax.ParameterCount, 0.05f, 0.9f);
    if (zeroBiases)
    {
        optimizer = new ZeroBiases(optimizer, LinearSoftmax.Spec);
    }

    var trainer = new Trainer<float>(network, optimizer, new TrainerOptions { Epochs = Epochs, BatchSize = 32, Seed = Seed });
    var progress = new ProgressPrinter(Epochs, every: 20, prefix: "  ");
    var history = trainer.Fit(train, onEpoch: progress.OnEpoch);
    progress.Complete(history);
    PrintParameters(network.Parameters);
    return new Run(trainer, history, trainer.Evaluate(train), trainer.Evaluate(test));
}

static void PrintParameters(ReadOnlySpan<float> p)
{
    // Layout: W [2 inputs, 3 units] row-major, then b [3].
    int bias = LinearSoftmax.Spec.BiasOffset(0);
    Console.WriteLine($"  W = [[{p[0],6:F2} {p[1],6:F2} {p[2],6:F2}]");
    Console.WriteLine($"       [{p[3],6:F2} {p[4],6:F2} {p[5],6:F2}]]   b = [{p[bias],6:F2} {p[bias + 1],6:F2} {p[bias + 2],6:F2}]");
}

static void Report(string name, Run run) =>
    Console.WriteLine($"{name,-20} {run.Train.Accuracy * 100,9:F1}% {run.Test.Accuracy * 100,9:F1}% {run.Test.Loss,10:F4}");

// Thin axes through (0, 0) and a dot at the origin, under the data points: without biases every boundary between
// two classes is a ray from there. (Solid: a dashed line drawn before the points makes Skia's SVG writer complain.)
static ScottPlot.Plot WithOrigin(ScottPlot.Plot plot)
{
    var color = ScottPlot.Colors.Black.WithOpacity(0.5);
    ScottPlot.IPlottable[] origin =
    [
        plot.Add.HorizontalLine(0, 1, color),
        plot.Add.VerticalLine(0, 1, color),
        plot.Add.Marker(0, 0, ScottPlot.MarkerShape.FilledCircle, 6, color),
    ];
    foreach (var mark in origin.Reverse())
    {
        plot.MoveToBack(mark);
    }

    plot.MoveToBack(plot.GetPlottables<ScottPlot.Plottables.Heatmap>().Single()); // the regions stay at the bottom
    return plot;
}

/// <summary>A linear classifier: 2 inputs, 3 softmax outputs.</summary>
[Network(inputs: 2, Loss = LossFunction.CrossEntropy)]
[Dense(3, Activation.Softmax)]
public partial class LinearSoftmax;

/// <summary>A trained network and how it did.</summary>
internal sealed record Run(Trainer<float> Trainer, History History, Evaluation Train, Evaluation Test);

/// <summary>
/// Wraps an optimizer and sets every bias back to zero after each of its steps: the network then computes
/// softmax(x W) and learns W only.
/// </summary>
internal sealed class ZeroBiases(IOptimizer<float> inner, NetworkSpec spec) : IOptimizer<float>
{
    public float LearningRate
    {
        get => inner.LearningRate;
        set => inner.LearningRate = value;
    }

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        inner.Step(parameters, gradients);
        for (int layer = 0; layer < spec.Layers.Count; layer++)
        {
            parameters.Slice(spec.BiasOffset(layer), spec.Layers[layer].Units).Clear();
        }
    }

    public void Reset() => inner.Reset();
}
