using Unrolled.Generators.Tests.Infrastructure;

namespace Unrolled.Generators.Tests;

/// <summary>
/// Small networks get a single-sample forward pass with every layer's values in locals (ForwardSample): which
/// networks qualify at which widths, and that its outputs match the interpreter for odd sizes (overlapping last
/// vectors), layers of two or three units in a padded vector (softmax masking the padding), vector and scalar softmax
/// outputs, one- and two-unit layers summed out of vectors, and every activation it vectorizes. CI runs this class again with
/// AVX-512, AVX and all SIMD switched off.
/// </summary>
public class RegisterPathTests
{
    [Theory]
    [InlineData("[Network(2, Loss = LossFunction.CrossEntropy)] [Dense(3, Activation.Sigmoid)] [Dense(2, Activation.Softmax)]", "ForwardSample(", "")]
    [InlineData("[Network(2)] [Dense(16, Activation.Relu)] [Dense(16, Activation.Relu)] [Dense(2)]", "ForwardSample512(,ForwardSample256(,ForwardSample128(", "")]
    [InlineData("[Network(2)] [Dense(8, Activation.Tanh)] [Dense(8, Activation.Tanh)] [Dense(1)]", "ForwardSample256(,ForwardSample128(", "ForwardSample512(")]
    [InlineData("[Network(64)] [Dense(64, Activation.Relu)] [Dense(64, Activation.Relu)] [Dense(10)]", "", "ForwardSample")]
    [InlineData("[Network(4)] [Dense(8, Activation.Softplus)] [Dense(1)]", "", "ForwardSample")]
    [InlineData("[Network(4, Precision = Precision.Double)] [Dense(8, Activation.Tanh)] [Dense(1)]", "", "ForwardSample")]
    [InlineData("[Network(4, ExactActivations = true)] [Dense(8, Activation.Tanh)] [Dense(1)]", "", "ForwardSample")]
    [InlineData("[Network(4)] [Dense(33, Activation.Relu)] [Dense(1)]", "", "ForwardSample")]
    public void Small_networks_with_vector_activations_qualify(string attributes, string present, string absent)
    {
        var run = GeneratorRunner.Run($"using Unrolled;\n{attributes}\npublic partial class Net;");
        Assert.Empty(run.CompilationDiagnostics);
        string source = run.Sources["Net.g.cs"];
        foreach (string name in present.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Contains($"private static void {name}", source, StringComparison.Ordinal);
        }

        foreach (string name in absent.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.DoesNotContain(name, source, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("[Network(3, Loss = LossFunction.CrossEntropy)] [Dense(5, Activation.Tanh)] [Dense(7, Activation.Sigmoid)] [Dense(4, Activation.Softmax)]")]
    [InlineData("[Network(2, Loss = LossFunction.CrossEntropy)] [Dense(16, Activation.Relu)] [Dense(16, Activation.Relu)] [Dense(2, Activation.Softmax)]")]
    [InlineData("[Network(5)] [Dense(13, Activation.LeakyRelu, Alpha = 0.1)] [Dense(9, Activation.Elu)] [Dense(3, Activation.Silu)] [Dense(1)]")]
    [InlineData("[Network(6)] [Dense(32, Activation.Tanh)] [Dense(20, Activation.Relu)] [Dense(6)]")]
    [InlineData("[Network(1, Loss = LossFunction.BinaryCrossEntropy)] [Dense(4, Activation.Relu)] [Dense(1, Activation.Sigmoid)]")]
    [InlineData("[Network(4, Precision = Precision.Double)] [Dense(6, Activation.Relu)] [Dense(3, Activation.LeakyRelu)] [Dense(2)]")]
    [InlineData("[Network(2)] [Dense(8, Activation.Tanh)] [Dense(8, Activation.Tanh)] [Dense(1)]")]
    [InlineData("[Network(3)] [Dense(8, Activation.Relu)] [Dense(2)]")]
    [InlineData("[Network(2)] [Dense(16, Activation.Tanh)] [Dense(2, Activation.Relu)] [Dense(4)]")]
    [InlineData("[Network(2)] [Dense(32, Activation.Silu)] [Dense(1)]")]
    [InlineData("[Network(3, Precision = Precision.Double)] [Dense(4, Activation.Relu)] [Dense(1)]")]
    [InlineData("[Network(3, Precision = Precision.Double)] [Dense(8, Activation.Relu)] [Dense(1)]")]
    [InlineData("[Network(2, Loss = LossFunction.CrossEntropy)] [Dense(3, Activation.Sigmoid)] [Dense(2, Activation.Softmax)]")]
    [InlineData("[Network(4, Loss = LossFunction.CrossEntropy)] [Dense(8, Activation.Relu)] [Dense(3, Activation.Softmax)]")]
    [InlineData("[Network(2)] [Dense(3, Activation.Tanh)] [Dense(2, Activation.LeakyRelu)] [Dense(16, Activation.Relu)] [Dense(2)]")]
    [InlineData("[Network(3)] [Dense(2)]")]
    [InlineData("[Network(3, ExactActivations = true, Loss = LossFunction.CrossEntropy)] [Dense(4, Activation.Relu)] [Dense(3, Activation.Softmax)]")]
    public void Register_forward_matches_the_interpreter(string attributes)
    {
        var (network, source) = DeclaredNetwork.Create(attributes);
        Assert.Contains("ForwardSample", source, StringComparison.Ordinal);
        DeclaredNetwork.Run(network, single => Compare(single, 2e-6), dual => Compare(dual, 1e-14));
    }

    private static void Compare<T>(INetwork<T> generated, double tolerance)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var reference = new ReferenceNetwork<T>(generated.Spec);
        reference.Initialize(5);
        var random = new SeededRandom(17);
        for (int k = 0; k < reference.Parameters.Length; k++)
        {
            reference.Parameters[k] += T.CreateTruncating(random.NextDouble(-0.1, 0.1)); // non-zero biases too
        }

        reference.Parameters.CopyTo(generated.Parameters);
        var input = new T[generated.InputCount];
        var expected = new T[generated.OutputCount];
        var actual = new T[generated.OutputCount];
        for (int sample = 0; sample < 50; sample++)
        {
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = T.CreateTruncating(random.NextDouble(-3, 3));
            }

            reference.Forward(input, expected);
            generated.Forward(input, actual);
            for (int o = 0; o < expected.Length; o++)
            {
                double e = double.CreateTruncating(expected[o]), a = double.CreateTruncating(actual[o]);
                Assert.True(Math.Abs(a - e) <= tolerance * Math.Max(1, Math.Abs(e)), $"sample {sample}, output {o}: {a:R}, interpreter {e:R}");
            }
        }
    }
}
