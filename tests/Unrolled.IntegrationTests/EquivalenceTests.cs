using System.Numerics;
using Unrolled.IntegrationTests.Networks;

namespace Unrolled.IntegrationTests;

/// <summary>Networks compiled by the generator as an analyzer agree with the interpreter, and with finite differences.</summary>
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
        switch (Create(name))
        {
            case INetwork<float> single:
                AssertMatches(single, 1e-5f);
                break;
            case INetwork<double> dual:
                AssertMatches(dual, 1e-12);
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
        var target = Samples.Target<double>(network.Spec, random);
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

    private static void AssertMatches<T>(INetwork<T> generated, T tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var reference = new ReferenceNetwork<T>(generated.Spec);
        Assert.Equal(reference.Parameters.ToArray(), generated.Parameters.ToArray());
        var random = new SeededRandom(11);
        var yGenerated = new T[generated.OutputCount];
        var yReference = new T[generated.OutputCount];
        for (int sample = 0; sample < 4; sample++)
        {
            var input = Enumerable.Range(0, generated.InputCount).Select(_ => T.CreateTruncating(random.NextDouble(-1, 1))).ToArray();
            var target = Samples.Target<T>(generated.Spec, random);
            generated.Forward(input, yGenerated);
            reference.Forward(input, yReference);
            AssertClose(yReference, yGenerated, tolerance);
            AssertClose([reference.Loss(input, target)], [generated.Loss(input, target)], tolerance);
            AssertClose([reference.Backward(input, target)], [generated.Backward(input, target)], tolerance);
        }

        AssertClose(reference.Gradients.ToArray(), generated.Gradients.ToArray(), tolerance);
    }

    private static void AssertClose<T>(T[] expected, T[] actual, T tolerance)
        where T : IFloatingPointIeee754<T>
    {
        for (int k = 0; k < expected.Length; k++)
        {
            T scale = T.Max(T.One, T.Abs(expected[k]));
            Assert.True(T.Abs(expected[k] - actual[k]) <= tolerance * scale, $"[{k}] expected {expected[k]}, got {actual[k]}");
        }
    }
}

internal static class Samples
{
    /// <summary>A random target of the kind the spec's loss expects.</summary>
    public static T[] Target<T>(NetworkSpec spec, SeededRandom random)
        where T : IFloatingPointIeee754<T>
    {
        var values = Enumerable.Range(0, spec.Outputs).Select(_ => random.NextDouble()).ToArray();
        if (spec.Loss == LossFunction.CrossEntropy)
        {
            double sum = values.Sum();
            values = values.Select(v => v / sum).ToArray();
        }

        return values.Select(T.CreateTruncating).ToArray();
    }
}
