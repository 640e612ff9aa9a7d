// From PyTorch to Unrolled: train.py trained 64 -> 32 ReLU -> 10 softmax on the digits with DistributedDataParallel on
// two processes and exported it with torch.onnx.export. DigitsNet (at the bottom) bakes digits.onnx into this program
// at compile time: the weights are constant data in the assembly, nothing is read at run time. The program checks the
// baked network's outputs against the ones PyTorch printed, through an instance and through the static ForwardBaked,
// checks that importing the file at run time gives the same weights, scores the same test set, and times one forward
// pass each way. It runs the same under the JIT and as a NativeAOT binary (.ci/aot-smoke.sh).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Unrolled;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const double Tolerance = 1e-5;
string here = AppContext.BaseDirectory;
Console.WriteLine($"DigitsNet: {DigitsNet.Spec}, {DigitsNet.ParameterCount} parameters baked from digits.onnx at compile time");

// 1. The baked network, and the file imported at run time into another instance: the same weights, bit for bit.
var network = new DigitsNet();
var imported = new DigitsNet();
imported.Parameters.Clear();
OnnxModel.Import(imported, Path.Combine(here, "digits.onnx"));
bool sameWeights = Bits(network.Parameters).SequenceEqual(Bits(imported.Parameters));
Console.WriteLine($"Run-time import of digits.onnx: {(sameWeights ? "the same weights, bit for bit" : "DIFFERENT weights")}");

// 2. PyTorch's outputs for the first test samples, from the same (standardized) inputs, each way.
using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(here, "expected.json")));
var root = expected.RootElement;
Console.WriteLine($"Trained by {root.GetProperty("producer").GetString()}");
float[][] inputs = Rows(root.GetProperty("inputs"));
float[][] outputs = Rows(root.GetProperty("outputs"));
double largestInstance = 0, largestStatic = 0;
var y = new float[DigitsNet.OutputCount];
for (int s = 0; s < inputs.Length; s++)
{
    network.Forward(inputs[s], y);
    largestInstance = Math.Max(largestInstance, LargestDifference(y, outputs[s]));
    DigitsNet.ForwardBaked(inputs[s], y);
    largestStatic = Math.Max(largestStatic, LargestDifference(y, outputs[s]));
}

double largest = Math.Max(largestInstance, largestStatic);
if (largest > Tolerance || !sameWeights)
{
    Console.WriteLine($"FAIL: outputs differ from PyTorch's by up to {largest:E2} (allowed {Tolerance:E0}), or the run-time import differs");
    return 1;
}

Console.WriteLine($"Outputs match PyTorch's on {inputs.Length} samples: largest difference {largestInstance:E2} through an instance, "
    + $"{largestStatic:E2} through DigitsNet.ForwardBaked (allowed {Tolerance:E0})");

// 3. The test set train.py held out (samples/Digits's split), standardized as train.py did, scored by ForwardBaked.
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

    DigitsNet.ForwardBaked(x, y);
    correct += y.AsSpan().IndexOf(y.Max()) == digits.Label(row) ? 1 : 0;
}

double accuracy = (double)correct / testRows.Length;
Console.WriteLine($"Test accuracy: {accuracy * 100:F2}% ({correct}/{testRows.Length}); PyTorch's: {root.GetProperty("testAccuracy").GetDouble() * 100:F2}% ({root.GetProperty("testCorrect").GetInt32()}/{root.GetProperty("testCount").GetInt32()})");

// 4. Latency of one sample, each way: the median over 31 rounds of 20000 calls, after warm-up.
var (instanceMedian, instanceFastest) = Latency(input => network.Forward(input, y));
var (staticMedian, staticFastest) = Latency(input => DigitsNet.ForwardBaked(input, y));
Console.WriteLine($"Single-sample latency: {instanceMedian:F0} ns per Forward, {staticMedian:F0} ns per ForwardBaked "
    + $"(median of 31 rounds of 20000 calls; fastest rounds {instanceFastest:F0} and {staticFastest:F0} ns)");
if (!sameSplit || correct != root.GetProperty("testCorrect").GetInt32())
{
    Console.WriteLine("FAIL: the test set or its score differs from train.py's");
    return 1;
}

return 0;

(double Median, double Fastest) Latency(Action<float[]> forward)
{
    const int Calls = 20_000, Rounds = 31;
    for (int i = 0; i < Calls; i++)
    {
        forward(inputs[i % inputs.Length]);
    }

    var perCall = new double[Rounds];
    for (int round = 0; round < Rounds; round++)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < Calls; i++)
        {
            forward(inputs[i & 3]);
        }

        perCall[round] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Calls;
    }

    Array.Sort(perCall);
    return (perCall[Rounds / 2], perCall[0]);
}

static double LargestDifference(float[] actual, float[] expected)
{
    double largest = 0;
    for (int k = 0; k < actual.Length; k++)
    {
        largest = Math.Max(largest, Math.Abs(actual[k] - expected[k]));
    }

    return largest;
}

static int[] Bits(Span<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

static float[][] Rows(JsonElement array) =>
    array.EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();

/// <summary>
/// 64 pixels, 32 ReLU hidden units, 10 softmax outputs: the shape train.py trains. The weights are digits.onnx's,
/// baked in at compile time; a declaration of another shape would not compile (UNR025-UNR029).
/// </summary>
[Network(inputs: 64, Loss = LossFunction.CrossEntropy, Weights = "digits.onnx")]
[Dense(32, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class DigitsNet;
