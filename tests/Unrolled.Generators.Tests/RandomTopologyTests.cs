using Unrolled.Generators.Tests.Infrastructure;
using Unrolled.Testing;
using Xunit.Abstractions;

namespace Unrolled.Generators.Tests;

/// <summary>
/// The main oracle: 120 random topologies are generated, compiled and run against <see cref="ReferenceNetwork{T}"/>
/// (computing the same FastMath activations as generated float code) with the same parameters and inputs: outputs,
/// loss and every gradient must agree, for a single sample and for batches.
/// </summary>
[Trait("Category", "SimdPaths")]
public class RandomTopologyTests(ITestOutputHelper output)
{
    public static TheoryData<int> Indices => new(Enumerable.Range(0, RandomTopologies.Count));

    /// <summary>
    /// Float sums in another order (partial sums, tiles) differ by a few ulp; the activations are the same. A batch's
    /// weight gradient sums each sample's x delta, terms of order 10 that can cancel to order 1 in a chain of identity
    /// layers without bias (Net103: 2.8e-6 in a batch of 9), so the bound is a few ulp of the terms, not of the sum.
    /// </summary>
    public const double FloatTolerance = 4e-6;

    public const double DoubleTolerance = 1e-12;

    [Theory]
    [MemberData(nameof(Indices))]
    public void Generated_network_matches_the_reference_interpreter(int index)
    {
        var topology = RandomTopologies.Topologies[index];
        output.WriteLine(topology.ToString());
        object generated = RandomTopologies.CreateGenerated(index);
        double worst = generated switch
        {
            INetwork<float> single => NetworkOracle.Check(single, FloatTolerance, seed: 1000 + index),
            INetwork<double> dual => NetworkOracle.Check(dual, DoubleTolerance, seed: 1000 + index),
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

        // Random biases, not the initializer's zeros: a layer without bias whose inputs dropout zeroed, fed zero biases
        // upstream, sits exactly on ReLU's kink, where central differences see half a slope.
        var random = new SeededRandom(index);
        NetworkOracle.RandomParameters(network.Spec, random, network.Parameters);
        var (input, target) = NetworkOracle.Batch<double>(network.Spec, random, samples: 1);
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
        Assert.InRange(topologies.Sum(t => t.Layers.Where((_, l) => !t.HasBias(l)).Count()), 30, 200);
        Assert.InRange(topologies.Sum(t => t.Layers.SkipLast(1).Count(l => l.Activation == Activation.Softmax)), 5, 40);
        Assert.InRange(topologies.Sum(t => t.Layers.Count(l => l.Activation == Activation.PRelu)), 5, 40);
        Assert.InRange(topologies.Sum(t => t.Layers.Where((_, l) => t.DropoutOf(l) > 0).Count()), 5, 60);
        Assert.Contains(topologies, t => t.DropoutOf(t.Layers.Length - 1) > 0 && t.Loss == LossFunction.MeanSquaredError);
        Assert.Contains(topologies, t => t.DropoutOf(t.Layers.Length - 1) > 0 && t.Loss != LossFunction.MeanSquaredError);
        Assert.Contains(topologies, t => t.Layers[^1].Activation == Activation.PRelu);
        Assert.Contains(topologies, t => t.Layers.Any(l => l.Units == 32));
    }
}
