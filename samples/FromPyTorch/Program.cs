// From PyTorch to Unrolled: train.py trained 64 -> 32 ReLU -> 10 softmax on the digits with DistributedDataParallel on
// two processes and exported it with torch.onnx.export. This program imports digits.onnx into the generated DigitsNet,
// checks its outputs against the ones PyTorch printed, scores the same test set, and times one forward pass.
// (For now the weights are read at run time with OnnxModel.Import; compile-time baking will replace that.)
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Unrolled;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const double Tolerance = 1e-5;
string here = AppContext.BaseDirectory;
string modelPath = Path.Combine(here, "digits.onnx");

// 1. The model: its spec as the file states it, then the weights into the declared network (which must agree).
Console.WriteLine($"digits.onnx holds {OnnxModel.ReadSpec(modelPath)}");
var network = new DigitsNet();
OnnxModel.Import(network, modelPath);
Console.WriteLine($"Imported into DigitsNet: {DigitsNet.Spec} ({DigitsNet.ParameterCount} parameters)");

// 2. PyTorch's outputs for the first test samples, from the same (standardized) inputs.
using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(here, "expected.json")));
var root = expected.RootElement;
Console.WriteLine($"Trained by {root.GetProperty("producer").GetString()}");
float[][] inputs = Rows(root.GetProperty("inputs"));
float[][] outputs = Rows(root.GetProperty("outputs"));
double largest = 0;
var y = new float[DigitsNet.OutputCount];
for (int s = 0; s < inputs.Length; s++)
{
    network.Forward(inputs[s], y);
    for (int k = 0; k < y.Length; k++)
    {
        largest = Math.Max(largest, Math.Abs(y[k] - outputs[s][k]));
    }
}

if (largest > Tolerance)
{
    Console.WriteLine($"FAIL: outputs differ from PyTorch's by up to {largest:E2} (allowed {Tolerance:E0})");
    return 1;
}

Console.WriteLine($"Outputs match PyTorch's on {inputs.Length} samples: largest difference {largest:E2} (allowed {Tolerance:E0})");

// 3. The test set train.py held out (samples/Digits's split), standardized as train.py did.
using var split = JsonDocument.Parse(File.ReadAllText(Path.Combine(here, "split.json")));
int[] testRows = split.RootElement.GetProperty("testRows").EnumerateArray().Select(r => r.GetInt32()).ToArray();
double[] mean = split.RootElement.GetProperty("mean").EnumerateArray().Select(v => v.GetDouble()).ToArray();
double[] scale = split.RootElement.GetProperty("scale").EnumerateArray().Select(v => v.GetDouble()).ToArray();
var digits = CsvLoader.Load<float>(Path.Combine(here, "digits.csv"), labelColumn: "label", classCount: 10);

// TrainTestSplit.Split(digits, 0.25, seed: 0) shuffles with SeededRandom(0): the same rows must come first.
int[] order = Enumerable.Range(0, digits.Count).ToArray();
new SeededRandom(0).Shuffle<int>(order);
bool sameSplit = order.AsSpan(0, testRows.Length).SequenceEqual(testRows);
Console.WriteLine($"Test set: {testRows.Length} rows, {(sameSplit ? "the same as TrainTestSplit.Split(0.25, seed 0) in samples/Digits" : "NOT the split TrainTestSplit gives")}");

int correct = 0;
var x = new float[DigitsNet.InputCount];
foreach (int row in testRows)
{
    ReadOnlySpan<float> pixels = digits.Feature(row);
    for (int i = 0; i < x.Length; i++)
    {
        x[i] = (float)((pixels[i] - mean[i]) / scale[i]);
    }

    network.Forward(x, y);
    correct += y.AsSpan().IndexOf(y.Max()) == digits.Label(row) ? 1 : 0;
}

double accuracy = (double)correct / testRows.Length;
Console.WriteLine($"Test accuracy: {accuracy * 100:F2}% ({correct}/{testRows.Length}); PyTorch's: {root.GetProperty("testAccuracy").GetDouble() * 100:F2}% ({root.GetProperty("testCorrect").GetInt32()}/{root.GetProperty("testCount").GetInt32()})");

// 4. Latency of one sample through the generated code: the median over 31 rounds of 20000 calls, after warm-up.
const int Calls = 20_000, Rounds = 31;
for (int i = 0; i < Calls; i++)
{
    network.Forward(inputs[i % inputs.Length], y);
}

var perCall = new double[Rounds];
for (int round = 0; round < Rounds; round++)
{
    long start = Stopwatch.GetTimestamp();
    for (int i = 0; i < Calls; i++)
    {
        network.Forward(inputs[i & 3], y);
    }

    perCall[round] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Calls;
}

Array.Sort(perCall);
Console.WriteLine($"Single-sample latency: {perCall[Rounds / 2]:F0} ns per Forward (median of {Rounds} rounds of {Calls} calls; fastest round {perCall[0]:F0} ns)");
if (!sameSplit || correct != root.GetProperty("testCorrect").GetInt32())
{
    Console.WriteLine("FAIL: the test set or its score differs from train.py's");
    return 1;
}

return 0;

static float[][] Rows(JsonElement array) =>
    array.EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();

/// <summary>64 pixels, 32 ReLU hidden units, 10 softmax outputs: the shape train.py trains.</summary>
[Network(inputs: 64, Loss = LossFunction.CrossEntropy)]
[Dense(32, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class DigitsNet;
