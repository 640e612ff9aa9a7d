using Unrolled.IntegrationTests.Networks;
using Unrolled.Testing;

namespace Unrolled.IntegrationTests;

/// <summary>Networks compiled by the generator as an analyzer agree with the interpreter, and with finite differences.</summary>
[Trait("Category", "SimdPaths")]
public class EquivalenceTests
{
    public static TheoryData<string> Networks => new() { nameof(CirclesNet), nameof(SmoothNet), nameof(BinaryNet), nameof(RegressionNet), nameof(MnistNet), nameof(MnistDoubleNet), nameof(WideNet), nameof(VeryWideNet) };

    public static TheoryData<string> DoubleNetworks => new() { nameof(SmoothNet), nameof(BinaryNet), nameof(RegressionNet) };

    internal static object Create(string name) => name switch
    {
        nameof(CirclesNet) => new CirclesNet(),
        nameof(SmoothNet) => new SmoothNet(),
        nameof(BinaryNet) => new BinaryNet(),
        nameof(RegressionNet) => new RegressionNet(),
        nameof(MnistNet) => new MnistNet(),
        nameof(MnistDoubleNet) => new MnistDoubleNet(),
        nameof(WideNet) => new WideNet(),
        nameof(VeryWideNet) => new VeryWideNet(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Matches_the_reference_interpreter(string name)
    {
        // The very wide network's float sums of 90,000 terms differ from the interpreter's order by more than a few ulp.
        int[] batches = name == nameof(VeryWideNet) ? [1, 2] : [1, 2, 9, 37];
        switch (Create(name))
        {
            case INetwork<float> single:
                NetworkOracle.Check(single, name == nameof(VeryWideNet) ? 1e-4 : 2e-6, seed: 11, batches: batches);
                break;
            case INetwork<double> dual:
                NetworkOracle.Check(dual, 1e-12, seed: 11, batches: batches);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(DoubleNetworks))]
    public void Backpropagation_matches_central_differences(string name)
    {
        var network = (INetwork<double>)Create(name);
        var random = new SeededRandom(7);
        var input = Enumerable.Range(0, network.InputCount).Select(_ => random.NextDouble(-2, 2)).ToArray();
        var target = new double[network.OutputCount];
        NetworkOracle.Target(network.Spec, random, target.AsSpan());
        var report = GradientCheck.Run(network, input, target, relativeFloor: 1e-5);
        Assert.True(report.MaxRelativeError < 1e-6, report.ToString());
        Assert.True(report.MaxAbsoluteError < 1e-9, report.ToString());
    }

    [Fact]
    public void Initialization_is_deterministic_and_the_same_as_the_interpreter()
    {
        var a = new CirclesNet();
        var b = new ReferenceNetwork<float>(CirclesNet.Spec);
        Assert.Equal(b.Parameters.ToArray(), a.Parameters.ToArray());

        a.Initialize(42);
        b.Initialize(42);
        Assert.Equal(b.Parameters.ToArray(), a.Parameters.ToArray());
        Assert.NotEqual(new CirclesNet().Parameters.ToArray(), a.Parameters.ToArray());
    }

    [Fact]
    public void A_user_constructor_is_kept_and_the_spec_is_exposed()
    {
        var steering = new Controllers.Steering(seed: 3);
        var reference = new ReferenceNetwork<float>(Controllers.Steering.Spec, seed: 3);
        Assert.Equal(reference.Parameters.ToArray(), steering.Parameters.ToArray());
        Assert.Equal(2, Controllers.Steering.InputCount);
        Assert.Equal(17, Controllers.Steering.ParameterCount);
        Assert.Equal(new NetworkSpec(2, [new LayerSpec(4, Activation.Tanh), new LayerSpec(1)]), Controllers.Steering.Spec);
    }

    [Fact]
    public void Spans_of_the_wrong_length_throw_and_change_nothing()
    {
        var net = new CirclesNet();
        float[] before = net.Parameters.ToArray();
        var error = Assert.Throws<ArgumentException>(() => net.Forward(new float[3], new float[2]));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("length 2", error.Message);
        Assert.Throws<ArgumentException>(() => net.Forward(new float[2], new float[1]));
        Assert.Throws<ArgumentException>(() => net.Loss(new float[2], new float[3]));
        Assert.Throws<ArgumentException>(() => net.Backward(new float[1], new float[2]));
        Assert.Equal(before, net.Parameters.ToArray());
        Assert.All(net.Gradients.ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void Softmax_stays_finite_for_huge_logits()
    {
        var net = new CirclesNet();
        net.Parameters.Clear();
        net.Parameters[CirclesNet.Spec.BiasOffset(1)] = 1000f; // logits 1000 and 0: e^1000 would overflow
        float[] output = new float[2];
        net.Forward([0f, 0f], output);
        Assert.Equal(1f, output[0]);
        Assert.Equal(0f, output[1]);
        Assert.True(float.IsFinite(net.Loss([0f, 0f], [0f, 1f])));
    }
}
