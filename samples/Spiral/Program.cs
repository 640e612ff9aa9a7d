// The CS231n three-arm spiral: not linearly separable, so a hidden layer has to bend the boundaries. The same
// 2 -> 100 -> 3 network twice, once with ReLU hidden units and once with logistic (sigmoid) ones, trained identically.
using System.Diagnostics;
using System.Globalization;
using Unrolled;
using Unrolled.Samples;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var clock = Stopwatch.StartNew();
string outputDirectory = SampleOutput.Directory(args);

const int Epochs = 1000, Seed = 0;
const float LearningRate = 0.5f, MomentumFactor = 0.9f;
var data = Datasets.Spiral<float>(samples: 300, arms: 3, noise: 0.2, seed: Seed);
Console.WriteLine($"Spiral: {data}");
Console.WriteLine($"Training both networks for {Epochs} full-batch iterations of gradient descent with momentum (lr {LearningRate}, mu {MomentumFactor})");
Console.WriteLine();

var relu = Train("ReLU", new SpiralRelu());
Console.WriteLine();
var sigmoid = Train("Sigmoid", new SpiralSigmoid());
Console.WriteLine();

Console.WriteLine($"{"hidden units",-14} {"accuracy",9} {"loss",8} {"time",7}");
foreach (var run in new[] { relu, sigmoid })
{
    Console.WriteLine($"{run.Name,-14} {run.Result.Accuracy * 100,8:F1}% {run.Result.Loss,8:F4} {run.Seconds,6:F2}s");
}

SampleOutput.Save(Plots.DecisionRegions(
    relu.Trainer, data, "Spiral: 2 \u2192 100 ReLU \u2192 3 softmax", $"training accuracy {relu.Result.Accuracy * 100:F1}% after {Epochs} iterations"),
    outputDirectory, "spiral-relu-decision-regions", 500, 580);
SampleOutput.Save(Plots.DecisionRegions(
    sigmoid.Trainer, data, "Spiral: 2 \u2192 100 sigmoid \u2192 3 softmax", $"training accuracy {sigmoid.Result.Accuracy * 100:F1}% after {Epochs} iterations"),
    outputDirectory, "spiral-sigmoid-decision-regions", 500, 580);
SampleOutput.Save(Plots.LossCurves(
    [
        new LossLine("ReLU hidden", relu.History.Epochs.Select(e => e.TrainLoss).ToArray()),
        new LossLine("sigmoid hidden", sigmoid.History.Epochs.Select(e => e.TrainLoss).ToArray(), Dashed: true),
    ],
    "Spiral: training loss, ReLU vs sigmoid hidden units",
    $"2 \u2192 100 \u2192 3, cross-entropy, full batch, lr {LearningRate}, momentum {MomentumFactor}"), outputDirectory, "spiral-loss", 540, 360);
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s");

Run Train(string name, INetwork<float> network)
{
    Console.WriteLine($"{name}: {network.Spec} ({network.ParameterCount} parameters)");
    network.Initialize(Seed); // He-uniform for ReLU, Glorot-uniform for sigmoid
    var trainer = new Trainer<float>(
        network,
        new Momentum<float>(network.ParameterCount, LearningRate, MomentumFactor),
        new TrainerOptions { Epochs = Epochs, BatchSize = data.Count, Shuffle = false, Seed = Seed });
    var progress = new ProgressPrinter(Epochs, every: 100, prefix: "  ");
    var start = Stopwatch.GetTimestamp();
    var history = trainer.Fit(data, onEpoch: progress.OnEpoch);
    double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
    progress.Complete(history);
    return new Run(name, trainer, history, trainer.Evaluate(data), seconds);
}

/// <summary>100 ReLU hidden units.</summary>
[Network(inputs: 2, Loss = LossFunction.CrossEntropy)]
[Dense(100, Activation.Relu)]
[Dense(3, Activation.Softmax)]
public partial class SpiralRelu;

/// <summary>100 logistic hidden units.</summary>
[Network(inputs: 2, Loss = LossFunction.CrossEntropy)]
[Dense(100, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
public partial class SpiralSigmoid;

/// <summary>A trained network and how it did.</summary>
internal sealed record Run(string Name, Trainer<float> Trainer, History History, Evaluation Result, double Seconds);
