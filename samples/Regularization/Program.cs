// What regularizers do to overfitting: the digits network trained on only 200 of the 1797 images, four times from
// the same initial weights: without regularization, with dropout, with an L1 penalty and with input noise. Each run
// watches the loss on 300 held-out validation images; all are scored on the same 450 test images at the end.
using System.Diagnostics;
using System.Globalization;
using Unrolled;
using Unrolled.Samples;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var clock = Stopwatch.StartNew();
string outputDirectory = SampleOutput.Directory(args);

const int Epochs = 150, Seed = 0, TrainingImages = 200, ValidationImages = 300, Hidden = DigitsNet.Hidden;
const float LearningRate = 0.002f;

string csv = Path.Combine(AppContext.BaseDirectory, "digits.csv");
var digits = CsvLoader.Load<float>(csv, labelColumn: "label", classCount: 10);
var (pool, test) = TrainTestSplit.Split(digits, testFraction: 0.25, seed: Seed);
var train = pool.Subset(Enumerable.Range(0, TrainingImages).ToArray());
var validation = pool.Subset(Enumerable.Range(TrainingImages, ValidationImages).ToArray());

// Standardize each pixel with the mean and deviation of the 200 training images only.
var scaler = Standardizer.Fit(train);
(train, validation, test) = (scaler.Transform(train), scaler.Transform(validation), scaler.Transform(test));
Console.WriteLine($"Digits: {digits}");
Console.WriteLine($"Training on {train.Count} images, validating on {validation.Count}, testing on {test.Count} (split seed {Seed}); pixels standardized on the training images");
Console.WriteLine($"Network: 64 -> {Hidden} ReLU -> 10 softmax, Adam (lr {LearningRate}), batches of 20, {Epochs} epochs, no early stopping");
Console.WriteLine();

// Two declared networks (Networks.cs): the same shape with and without dropout, so the same initial weights.
var runs = new[]
{
    Train("no regularization", dropout: 0, l1: 0, noise: 0),
    Train("dropout 0.5", dropout: DigitsDropoutNet.Rate, l1: 0, noise: 0),
    Train("L1 0.001", dropout: 0, l1: 0.001, noise: 0),
    Train("input noise 0.5", dropout: 0, l1: 0, noise: 0.5),
};

Console.WriteLine();
Console.WriteLine($"{"",-18} {"train loss",10} {"val loss",9} {"best val",9} {"at epoch",8} {"test loss",9} {"test acc",9}");
foreach (var run in runs)
{
    int best = Array.IndexOf(run.Validation, run.Validation.Min());
    Console.WriteLine($"{run.Name,-18} {run.Train[^1],10:F4} {run.Validation[^1],9:F4} {run.Validation[best],9:F4} {best + 1,8} {run.Test.Loss,9:F4} {run.Test.Accuracy * 100,8:F1}%");
}

Console.WriteLine();
Console.WriteLine("Test accuracy with 200 training images: " + string.Join(", ", runs.Select(r => $"{r.Name} {r.Test.Accuracy * 100:F1}%")));

var lines = new List<LossLine>();
for (int k = 0; k < runs.Length; k++)
{
    lines.Add(new LossLine(runs[k].Name, runs[k].Train, Color: k));
    lines.Add(new LossLine(string.Empty, runs[k].Validation, Dashed: true, Color: k));
}

var plot = Plots.LossCurves(lines,
    $"Digits on {TrainingImages} training images: 64 \u2192 {Hidden} ReLU \u2192 10 softmax",
    "solid: training loss, dashed: validation loss (no dropout or noise when measured)");
Plots.LegendBelow(plot);
SampleOutput.Save(plot, outputDirectory, "regularization-loss", 620, 440);
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s");

Run Train(string name, double dropout, double l1, double noise)
{
    INetwork<float> network = dropout > 0 ? new DigitsDropoutNet() : new DigitsNet(); // both Initialize(Seed): dropout adds no parameter
    network.Initialize(Seed);
    var spec = network.Spec;
    var trainer = new Trainer<float>(network, new Adam<float>(network.ParameterCount, LearningRate), new TrainerOptions
    {
        Epochs = Epochs,
        BatchSize = 20,
        Seed = Seed,
        L1 = l1,
        InputNoise = noise,
    });

    // The training loss Fit reports is measured with dropout and noise on; measure it again as inference sees it.
    var trainLoss = new List<double>();
    var validationLoss = new List<double>();
    var progress = new ProgressPrinter(Epochs, every: 50, prefix: "  ");
    Console.WriteLine($"{name}: {spec}" + (l1 > 0 ? $", L1 {l1}" : string.Empty) + (noise > 0 ? $", input noise {noise}" : string.Empty));
    var history = trainer.Fit(train, validation, onEpoch: report =>
    {
        trainLoss.Add(trainer.Evaluate(train).Loss);
        validationLoss.Add(report.ValidationLoss!.Value);
        progress.OnEpoch(report);
    });
    progress.Complete(history);
    return new Run(name, [.. trainLoss], [.. validationLoss], trainer.Evaluate(test));
}

/// <summary>One regularizer's run: the clean training and the validation loss of each epoch, and the test score.</summary>
internal sealed record Run(string Name, double[] Train, double[] Validation, Evaluation Test);
