using System.Text.Json;
using Xunit.Abstractions;

namespace Unrolled.Tests.Training;

/// <summary>
/// One step of each regularizer, and PReLU, bias-free and hidden-softmax forward and backward, against the numbers
/// PyTorch 1.13 computed in float64 (tests/fixtures/toolbox/make_parity.py, committed with parity.json).
/// </summary>
public class PyTorchParityTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-12;

    private static readonly JsonElement Cases = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "toolbox", "parity.json"))).RootElement.GetProperty("cases");

    public static TheoryData<string> GradientCases => new("prelu", "no_bias", "hidden_softmax_mse", "hidden_softmax_cross_entropy", "dropout_fixed_masks");

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void Loss_and_gradients_match_PyTorch(string name)
    {
        var c = Cases.GetProperty(name);
        var (net, inputs, targets) = Load(c);
        if (c.TryGetProperty("masks", out var masks))
        {
            int layer = 0;
            foreach (var mask in masks.EnumerateArray())
            {
                net.SetDropoutMask(layer++, mask.EnumerateArray().Select(m => m.GetBoolean()).ToArray());
            }
        }

        int samples = inputs.Length / net.InputCount;
        double worst = Worst(c.GetProperty("meanLoss").GetDouble(), net.Backward(inputs, targets) / samples);
        worst = Math.Max(worst, Worst(Numbers(c.GetProperty("gradients")), net.Gradients.ToArray().Select(g => g / samples).ToArray()));
        if (c.TryGetProperty("outputs", out var outputs))
        {
            var y = new double[samples * net.OutputCount];
            net.Forward(inputs, y);
            worst = Math.Max(worst, Worst(Numbers(outputs), y));
        }

        Report(name, worst);
    }

    [Theory]
    [InlineData("l1_sgd_weights_with_weight_decay")]
    [InlineData("l1_adam_weights_and_biases")]
    public void One_step_with_an_L1_penalty_matches_PyTorch_through_the_optimizer_and_the_trainer(string name)
    {
        var c = Cases.GetProperty(name);
        double l1 = c.GetProperty("l1").GetDouble();
        bool biases = c.GetProperty("l1IncludesBiases").GetBoolean();

        // Through the optimizer: the data's mean gradient, the L1 subgradient added by the optimizer.
        var (net, inputs, targets) = Load(c);
        int samples = inputs.Length / net.InputCount;
        double worst = Worst(c.GetProperty("meanLoss").GetDouble(), net.Backward(inputs, targets) / samples);
        double[] gradients = net.Gradients.ToArray().Select(g => g / samples).ToArray();
        var penalty = new L1Penalty<double>(net.Spec, l1, biases);
        var penalized = new double[gradients.Length];
        penalty.AddSubgradient(net.Parameters, gradients, penalized);
        worst = Math.Max(worst, Worst(Numbers(c.GetProperty("gradients")), penalized));
        Optimizer(c, net.ParameterCount, penalty).Step(net.Parameters, gradients);
        worst = Math.Max(worst, Worst(Numbers(c.GetProperty("after")), net.Parameters.ToArray()));

        // Through the trainer: one epoch of one batch in order, TrainerOptions.L1 with an optimizer without it.
        var (trained, _, _) = Load(c);
        var data = new Dataset<double>(inputs, trained.InputCount, targets, trained.OutputCount);
        var options = new TrainerOptions { Epochs = 1, BatchSize = samples, Shuffle = false, L1 = l1, L1IncludesBiases = biases };
        new Trainer<double>(trained, Optimizer(c, trained.ParameterCount, null), options).Fit(data);
        worst = Math.Max(worst, Worst(Numbers(c.GetProperty("after")), trained.Parameters.ToArray()));
        Report(name, worst);
    }

    [Fact]
    public void One_step_on_inputs_with_fixed_noise_matches_PyTorch()
    {
        var c = Cases.GetProperty("input_noise_fixed_noise");
        var (net, inputs, targets) = Load(c);
        double[] noise = Numbers(c.GetProperty("noise"));
        double[] noisy = inputs.Select((x, k) => x + noise[k]).ToArray();
        int samples = inputs.Length / net.InputCount;
        double worst = Worst(c.GetProperty("meanLoss").GetDouble(), net.Backward(noisy, targets) / samples);
        double[] gradients = net.Gradients.ToArray().Select(g => g / samples).ToArray();
        new Sgd<double>(c.GetProperty("learningRate").GetDouble()).Step(net.Parameters, gradients);
        worst = Math.Max(worst, Worst(Numbers(c.GetProperty("after")), net.Parameters.ToArray()));
        Report("input_noise_fixed_noise", worst);
    }

    [Fact]
    public void The_trainers_noise_is_that_step_with_noise_from_its_own_stream()
    {
        // What the parity above checks with PyTorch's noise, the trainer does with noise it draws: x + std * N(0, 1)
        // from the stream Trainer seeds for InputNoise. The same step by hand with the same draws gives the same bits.
        var c = Cases.GetProperty("input_noise_fixed_noise");
        var (trained, inputs, targets) = Load(c);
        double deviation = c.GetProperty("deviation").GetDouble(), rate = c.GetProperty("learningRate").GetDouble();
        int samples = inputs.Length / trained.InputCount;
        var data = new Dataset<double>(inputs, trained.InputCount, targets, trained.OutputCount);
        var options = new TrainerOptions { Epochs = 1, BatchSize = samples, Shuffle = false, Seed = 7, InputNoise = deviation };
        new Trainer<double>(trained, new Sgd<double>(rate), options).Fit(data);

        var (byHand, _, _) = Load(c);
        var stream = new SeededRandom(Trainer<double>.StreamSeed(7, 1));
        double[] noisy = inputs.Select(x => x + deviation * stream.NextGaussian()).ToArray();
        byHand.Backward(noisy, targets);
        double[] gradients = byHand.Gradients.ToArray().Select(g => g / samples).ToArray();
        new Sgd<double>(rate).Step(byHand.Parameters, gradients);
        Assert.Equal(byHand.Parameters.ToArray(), trained.Parameters.ToArray());
    }

    private void Report(string name, double worst)
    {
        output.WriteLine($"{name}: largest difference from PyTorch {worst:E2}");
        Assert.True(worst <= Tolerance, $"{name}: {worst:E2}");
    }

    private static IOptimizer<double> Optimizer(JsonElement c, int count, L1Penalty<double>? l1)
    {
        double rate = c.GetProperty("learningRate").GetDouble(), decay = c.GetProperty("weightDecay").GetDouble();
        return c.GetProperty("optimizer").GetString() == "Sgd"
            ? new Sgd<double>(rate, decay, l1)
            : new Adam<double>(count, rate, 0.9, 0.999, 1e-8, decay, l1);
    }

    /// <summary>The case's network with its parameters, and its batch row-major.</summary>
    private static (ReferenceNetwork<double> Network, double[] Inputs, double[] Targets) Load(JsonElement c)
    {
        var spec = c.GetProperty("spec");
        var layers = spec.GetProperty("layers").EnumerateArray().Select(l => new LayerSpec(
            l.GetProperty("units").GetInt32(),
            Enum.Parse<Activation>(l.GetProperty("activation").GetString()!),
            l.TryGetProperty("alpha", out var alpha) ? alpha.GetDouble() : double.NaN,
            l.TryGetProperty("dropout", out var dropout) ? dropout.GetDouble() : 0,
            !l.TryGetProperty("bias", out var bias) || bias.GetBoolean())).ToArray();
        var network = new ReferenceNetwork<double>(new NetworkSpec(
            spec.GetProperty("inputs").GetInt32(), layers, Enum.Parse<LossFunction>(spec.GetProperty("loss").GetString()!), Precision.Double));
        double[] parameters = Numbers(c.GetProperty("parameters"));
        Assert.Equal(network.ParameterCount, parameters.Length);
        parameters.CopyTo(network.Parameters);
        return (network, Numbers(c.GetProperty("inputs")), Numbers(c.GetProperty("targets")));
    }

    /// <summary>A number, or an array of numbers or of rows, flattened row-major.</summary>
    private static double[] Numbers(JsonElement element) => element.ValueKind == JsonValueKind.Array
        ? element.EnumerateArray().SelectMany(Numbers).ToArray()
        : [element.GetDouble()];

    private static double Worst(double expected, double actual) => Math.Abs(expected - actual) / Math.Max(1, Math.Abs(expected));

    private static double Worst(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        return expected.Zip(actual, Worst).Max();
    }
}
