using System.Numerics;
using Xunit;

namespace Unrolled.Testing;

/// <summary>
/// The oracle of every equivalence suite: a network (generated, or anything implementing <see cref="INetwork{T}"/>)
/// against <see cref="ReferenceNetwork{T}"/> with the same random parameters and inputs. For each batch size it
/// compares Forward of the whole batch in one call, Loss, and Backward's summed loss and every gradient, relative to
/// max(|reference|, 1). With dropout both networks must be <see cref="IDropoutNetwork"/>s: each Backward is preceded by
/// the same <see cref="IDropoutNetwork.SeedDropout"/>, so that the two draw the same masks (the order of the draws is
/// IDropoutNetwork's contract).
/// </summary>
public static class NetworkOracle
{
    /// <summary>Batch sizes that take every batch path: one sample, a pair, and a lane block of 8 with one left over.</summary>
    public static readonly int[] DefaultBatches = [1, 2, 9];

    /// <summary>Runs the comparison; fails with the quantity, sample and index that differ most.</summary>
    /// <param name="network">The network under test; its parameters and gradients are overwritten.</param>
    /// <param name="tolerance">The largest relative difference allowed.</param>
    /// <param name="seed">Seeds parameters, inputs and targets.</param>
    /// <param name="activations">
    /// How the interpreter computes activations: <see cref="ActivationMode.Fast"/> for float networks that use
    /// FastMath (the default), <see cref="ActivationMode.Exact"/> for ExactActivations networks.
    /// </param>
    /// <param name="batches">The batch sizes to run (default <see cref="DefaultBatches"/>).</param>
    /// <returns>The largest relative difference seen.</returns>
    public static double Check<T>(INetwork<T> network, double tolerance, int seed, ActivationMode activations = ActivationMode.Fast, int[]? batches = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var spec = network.Spec;
        var reference = new ReferenceNetwork<T>(spec, activations: activations);
        var random = new SeededRandom(seed);
        RandomParameters(spec, random, reference.Parameters);
        reference.Parameters.CopyTo(network.Parameters);

        double worst = 0;
        foreach (int samples in batches ?? DefaultBatches)
        {
            var (input, target) = Batch<T>(spec, random, samples);
            var expected = new T[samples * spec.Outputs];
            var actual = new T[samples * spec.Outputs];
            reference.Forward(input, expected);
            network.Forward(input, actual);
            for (int k = 0; k < expected.Length; k++)
            {
                worst = Math.Max(worst, Compare(expected[k], actual[k], tolerance, $"batch of {samples}: output {k % spec.Outputs} of sample {k / spec.Outputs}"));
            }

            worst = Math.Max(worst, Compare(reference.Loss(input, target), network.Loss(input, target), tolerance, $"batch of {samples}: loss"));

            reference.ZeroGradients();
            network.ZeroGradients();
            if (spec.HasDropout)
            {
                var dropout = Assert.IsAssignableFrom<IDropoutNetwork>(network);
                dropout.SeedDropout(seed + samples);
                reference.SeedDropout(seed + samples);
            }

            worst = Math.Max(worst, Compare(reference.Backward(input, target), network.Backward(input, target), tolerance, $"batch of {samples}: Backward's loss"));
            for (int k = 0; k < spec.ParameterCount; k++)
            {
                worst = Math.Max(worst, Compare(reference.Gradients[k], network.Gradients[k], tolerance, $"batch of {samples}: gradient {k}"));
            }
        }

        return worst;
    }

    /// <summary>
    /// Parameters at the scale of trained networks: U(-2/sqrt(fanIn), 2/sqrt(fanIn)) for weights, biases and PReLU slopes, wider than
    /// the initializer's so that activations leave their linear range, yet keeping pre-activations of order one at any
    /// depth (with ±1.5 regardless of fan-in, four ReLU layers reach values near 100, where float sums taken in another
    /// order differ by 1e-5 for no fault of either side).
    /// </summary>
    public static void RandomParameters<T>(NetworkSpec spec, SeededRandom random, Span<T> parameters)
        where T : IFloatingPointIeee754<T>
    {
        for (int layer = 0; layer < spec.Layers.Count; layer++)
        {
            double bound = 2 / Math.Sqrt(spec.FanIn(layer));
            int start = spec.WeightOffset(layer), end = start + spec.LayerParameterCount(layer); // weights, bias, PReLU slopes
            for (int k = start; k < end; k++)
            {
                parameters[k] = T.CreateTruncating(random.NextDouble(-bound, bound));
            }
        }
    }

    /// <summary>Random inputs in [-2, 2], and targets of the kind the loss expects: distributions, probabilities, or any value.</summary>
    public static (T[] Input, T[] Target) Batch<T>(NetworkSpec spec, SeededRandom random, int samples)
        where T : IFloatingPointIeee754<T>
    {
        var input = new T[samples * spec.Inputs];
        for (int k = 0; k < input.Length; k++)
        {
            input[k] = T.CreateTruncating(random.NextDouble(-2, 2));
        }

        var target = new T[samples * spec.Outputs];
        for (int s = 0; s < samples; s++)
        {
            Target(spec, random, target.AsSpan(s * spec.Outputs, spec.Outputs));
        }

        return (input, target);
    }

    /// <summary>One target of the kind the loss expects.</summary>
    public static void Target<T>(NetworkSpec spec, SeededRandom random, Span<T> target)
        where T : IFloatingPointIeee754<T>
    {
        var values = new double[target.Length];
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = spec.Loss == LossFunction.MeanSquaredError ? random.NextDouble(-1, 1) : random.NextDouble();
        }

        double sum = spec.Loss == LossFunction.CrossEntropy ? values.Sum() : 1;
        for (int k = 0; k < values.Length; k++)
        {
            target[k] = T.CreateTruncating(values[k] / sum);
        }
    }

    private static double Compare<T>(T expected, T actual, double tolerance, string what)
        where T : IFloatingPointIeee754<T>
    {
        double e = double.CreateTruncating(expected), a = double.CreateTruncating(actual);
        double relative = Math.Abs(e - a) / Math.Max(Math.Abs(e), 1.0);
        Assert.True(relative <= tolerance && double.IsNaN(a) == double.IsNaN(e),
            $"{what}: reference {e:R}, network {a:R}, relative difference {relative:E2} (tolerance {tolerance:E1})");
        return double.IsNaN(relative) ? 0 : relative;
    }
}
