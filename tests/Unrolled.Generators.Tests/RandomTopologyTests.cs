using System.Numerics;
using Unrolled.Generators.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Unrolled.Generators.Tests;

/// <summary>
/// The main oracle: 120 random topologies are generated, compiled and run against <see cref="ReferenceNetwork{T}"/>
/// with the same parameters and inputs: outputs, loss and every gradient must agree.
/// </summary>
public class RandomTopologyTests(ITestOutputHelper output)
{
    public static TheoryData<int> Indices => new(Enumerable.Range(0, RandomTopologies.Count));

    [Theory]
    [MemberData(nameof(Indices))]
    public void Generated_network_matches_the_reference_interpreter(int index)
    {
        var topology = RandomTopologies.Topologies[index];
        output.WriteLine(topology.ToString());
        object generated = RandomTopologies.CreateGenerated(index);
        double worst = generated switch
        {
            INetwork<float> single => Compare(single, 1e-5, index),
            INetwork<double> dual => Compare(dual, 1e-12, index),
            _ => throw new InvalidOperationException($"{topology.Name} implements no INetwork<T>."),
        };
        output.WriteLine($"largest relative difference: {worst:E2}");
    }

    [Theory]
    [MemberData(nameof(Indices))]
    public void Double_networks_pass_a_gradient_check(int index)
    {
        if (RandomTopologies.CreateGenerated(index) is not INetwork<double> network)
        {
            return; // float networks are compared with the reference above; central differences need double
        }

        var random = new SeededRandom(index);
        var (input, target) = Sample(network.Spec, random, network.InputCount, network.OutputCount, double.CreateTruncating);
        // Below 1e-4 a gradient is compared absolutely: the finite differences' rounding noise (~1e-12) is all that is left.
        var report = GradientCheck.Run(network, input, target, relativeFloor: 1e-4);
        output.WriteLine(RandomTopologies.Topologies[index].ToString());
        output.WriteLine(report.ToString());
        Assert.True(report.MaxRelativeError < 1e-6, $"Gradient check failed:\n{report}");
        Assert.True(report.MaxAbsoluteError < 1e-9, $"Gradient check failed:\n{report}");
    }

    [Fact]
    public void The_random_topologies_cover_every_activation_loss_precision_and_mode()
    {
        var topologies = RandomTopologies.Topologies;
        Assert.Equal(Enum.GetValues<Activation>().Order(), topologies.SelectMany(t => t.Layers.Select(l => l.Activation)).Distinct().Order());
        Assert.Equal(Enum.GetValues<LossFunction>().Order(), topologies.Select(t => t.Loss).Distinct().Order());
        Assert.Equal(Enum.GetValues<Precision>().Order(), topologies.Select(t => t.Precision).Distinct().Order());
        Assert.Equal(Enum.GetValues<UnrollMode>().Order(), topologies.Select(t => t.Unroll).Distinct().Order());
        Assert.Contains(topologies, t => t.Layers.Length == 4);
        Assert.Contains(topologies, t => t.Layers.Any(l => l.Units == 32));
    }

    private static double Compare<T>(INetwork<T> generated, double tolerance, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var reference = new ReferenceNetwork<T>(generated.Spec);
        var random = new SeededRandom(1000 + seed);

        // Same random parameters in both: U(-2/sqrt(fanIn), 2/sqrt(fanIn)), wider than the initializer's so that
        // activations leave their linear range, yet keeping pre-activations of order one at any depth as trained
        // networks do (with ±1.5 regardless of fan-in, four ReLU layers reach values near 100, where float sums in
        // another order differ by 1e-5 for no fault of either side).
        var spec = generated.Spec;
        for (int layer = 0; layer < spec.Layers.Count; layer++)
        {
            double bound = 2 / Math.Sqrt(spec.FanIn(layer));
            int start = spec.WeightOffset(layer), end = spec.BiasOffset(layer) + spec.Layers[layer].Units;
            for (int k = start; k < end; k++)
            {
                generated.Parameters[k] = reference.Parameters[k] = T.CreateTruncating(random.NextDouble(-bound, bound));
            }
        }

        double worst = 0;
        var outGenerated = new T[generated.OutputCount];
        var outReference = new T[generated.OutputCount];
        generated.ZeroGradients();
        reference.ZeroGradients();
        for (int sample = 0; sample < 3; sample++)
        {
            var (input, target) = Sample(generated.Spec, random, generated.InputCount, generated.OutputCount, T.CreateTruncating);
            generated.Forward(input, outGenerated);
            reference.Forward(input, outReference);
            for (int k = 0; k < outGenerated.Length; k++)
            {
                worst = Math.Max(worst, AssertClose(outReference[k], outGenerated[k], tolerance, $"output {k}"));
            }

            worst = Math.Max(worst, AssertClose(reference.Loss(input, target), generated.Loss(input, target), tolerance, "loss"));

            // Backward accumulates: after several samples the gradients hold their sum.
            worst = Math.Max(worst, AssertClose(reference.Backward(input, target), generated.Backward(input, target), tolerance, "backward loss"));
        }

        for (int k = 0; k < generated.ParameterCount; k++)
        {
            worst = Math.Max(worst, AssertClose(reference.Gradients[k], generated.Gradients[k], tolerance, $"gradient {k}"));
        }

        return worst;
    }

    /// <summary>A random input, and a target of the kind the loss expects: a distribution, probabilities, or any value.</summary>
    private static (T[] Input, T[] Target) Sample<T>(NetworkSpec spec, SeededRandom random, int inputs, int outputs, Func<double, T> convert)
    {
        var input = Enumerable.Range(0, inputs).Select(_ => convert(random.NextDouble(-2, 2))).ToArray();
        double[] target = spec.Loss switch
        {
            LossFunction.CrossEntropy => Enumerable.Range(0, outputs).Select(_ => random.NextDouble()).ToArray() is var w
                ? w.Select(v => v / w.Sum()).ToArray()
                : [],
            LossFunction.BinaryCrossEntropy => Enumerable.Range(0, outputs).Select(_ => random.NextDouble()).ToArray(),
            _ => Enumerable.Range(0, outputs).Select(_ => random.NextDouble(-1, 1)).ToArray(),
        };
        return (input, target.Select(convert).ToArray());
    }

    /// <summary>Fails unless |expected - actual| is within tolerance relative to max(|expected|, 1); returns that relative difference.</summary>
    private static double AssertClose<T>(T expected, T actual, double tolerance, string what)
        where T : IFloatingPointIeee754<T>
    {
        double e = double.CreateTruncating(expected), a = double.CreateTruncating(actual);
        double relative = Math.Abs(e - a) / Math.Max(Math.Abs(e), 1.0);
        Assert.True(relative <= tolerance && !double.IsNaN(a) == !double.IsNaN(e), $"{what}: reference {e:R}, generated {a:R}, relative difference {relative:E2}");
        return double.IsNaN(relative) ? 0 : relative;
    }
}
