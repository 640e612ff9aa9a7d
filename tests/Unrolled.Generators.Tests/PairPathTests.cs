using System.Numerics;
using Unrolled.Generators.Tests.Infrastructure;

namespace Unrolled.Generators.Tests;

/// <summary>
/// Batches of networks too large for lanes run two samples per pass over the weights (ForwardLayerNPair): which
/// networks do, and that every sample of even and odd batches matches one call per sample and the interpreter.
/// CI runs this class again with AVX-512, AVX and all SIMD switched off.
/// </summary>
public class PairPathTests
{
    [Theory]
    [InlineData("[Network(64)] [Dense(64, Activation.Relu)] [Dense(64, Activation.Relu)] [Dense(10)]", true)]
    [InlineData("[Network(2)] [Dense(8, Activation.Tanh)] [Dense(1)]", false)]
    [InlineData("[Network(64)] [Dense(64, Activation.Relu)] [Dense(2)]", false)]
    public void Networks_whose_layers_are_all_vectorized_and_too_large_for_lanes_run_in_pairs(string attributes, bool pairs)
    {
        var run = GeneratorRunner.Run($"using Unrolled;\n{attributes}\npublic partial class Net;");
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Equal(pairs, run.Sources["Net.g.cs"].Contains("private static void ForwardLayer1Pair(", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[Network(40, Loss = LossFunction.CrossEntropy)] [Dense(36, Activation.Tanh)] [Dense(20, Activation.Sigmoid)] [Dense(5, Activation.Softmax)]")]
    [InlineData("[Network(33)] [Dense(40, Activation.Elu)] [Dense(9, Activation.Softplus)] [Dense(4)]")]
    [InlineData("[Network(64)] [Dense(64, Activation.Relu)] [Dense(64, Activation.Relu)] [Dense(10)]")]
    [InlineData("[Network(30, Precision = Precision.Double, Loss = LossFunction.CrossEntropy)] [Dense(35, Activation.LeakyRelu)] [Dense(7, Activation.Softmax)]")]
    public void Pairs_match_single_samples_and_the_interpreter(string attributes)
    {
        var (network, source) = DeclaredNetwork.Create(attributes);
        Assert.Contains("ForwardLayer1Pair", source, StringComparison.Ordinal);
        DeclaredNetwork.Run(network, single => Compare(single, 2e-6), dual => Compare(dual, 1e-13));
    }

    private static void Compare<T>(INetwork<T> network, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var reference = new ReferenceNetwork<T>(network.Spec);
        reference.Initialize(3);
        var random = new SeededRandom(29);
        for (int k = 0; k < reference.Parameters.Length; k++)
        {
            reference.Parameters[k] += T.CreateTruncating(random.NextDouble(-0.1, 0.1));
        }

        reference.Parameters.CopyTo(network.Parameters);
        foreach (int samples in new[] { 8, 7 })
        {
            var input = new T[samples * network.InputCount];
            for (int k = 0; k < input.Length; k++)
            {
                input[k] = T.CreateTruncating(random.NextDouble(-2, 2));
            }

            var batch = new T[samples * network.OutputCount];
            network.Forward(input, batch);
            var one = new T[network.OutputCount];
            var expected = new T[network.OutputCount];
            for (int s = 0; s < samples; s++)
            {
                var x = input.AsSpan(s * network.InputCount, network.InputCount);
                network.Forward(x, one);
                reference.Forward(x, expected);
                for (int o = 0; o < one.Length; o++)
                {
                    double b = double.CreateTruncating(batch[(s * one.Length) + o]);
                    double single = double.CreateTruncating(one[o]), e = double.CreateTruncating(expected[o]);
                    Assert.True(Math.Abs(b - single) <= tolerance * Math.Max(1, Math.Abs(single)), $"{samples} samples, sample {s}, output {o}: batch {b:R}, single {single:R}");
                    Assert.True(Math.Abs(b - e) <= tolerance * Math.Max(1, Math.Abs(e)), $"{samples} samples, sample {s}, output {o}: batch {b:R}, interpreter {e:R}");
                }
            }
        }
    }
}
