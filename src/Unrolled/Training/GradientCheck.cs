using System.Numerics;

namespace Unrolled;

/// <summary>How far the analytic gradient of one parameter block (a layer's weights, bias or PReLU slopes) is from the numerical one.</summary>
/// <param name="Name">The block's name: <c>W1</c>, <c>b1</c>, <c>slope1</c>, <c>W2</c>, ... (layers counted from 1).</param>
/// <param name="Offset">Where the block starts in the parameters.</param>
/// <param name="Length">The number of parameters in the block.</param>
/// <param name="MaxAbsoluteError">The largest |analytic - numerical| over the block.</param>
/// <param name="MaxRelativeError">The largest |analytic - numerical| / max(|analytic|, |numerical|, floor) over the block.</param>
public sealed record GradientCheckBlock(string Name, int Offset, int Length, double MaxAbsoluteError, double MaxRelativeError);

/// <summary>The result of <see cref="GradientCheck.Run{T}"/>: one entry per parameter block, and the worst of them.</summary>
/// <param name="Blocks">Per block, in parameter order: W1, b1 (when layer 1 has a bias), slope1 (when it is PReLU), W2, ...</param>
public sealed record GradientCheckReport(IReadOnlyList<GradientCheckBlock> Blocks)
{
    /// <summary>The largest absolute error over all blocks.</summary>
    public double MaxAbsoluteError => Blocks.Max(b => b.MaxAbsoluteError);

    /// <summary>The largest relative error over all blocks.</summary>
    public double MaxRelativeError => Blocks.Max(b => b.MaxRelativeError);

    /// <summary>One line per block, for test output and logs.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Blocks.Select(b =>
        FormattableString.Invariant($"{b.Name,-6} [{b.Length}] abs {b.MaxAbsoluteError:E2} rel {b.MaxRelativeError:E2}")));
}

/// <summary>
/// Checks backpropagation against central differences, parameter by parameter, with the fourth-order stencil
/// (8 (L(p + h) - L(p - h)) - (L(p + 2h) - L(p - 2h))) / 12h: its truncation error is O(h^4), so a step large
/// enough to keep rounding noise small (1e-4 in double) still measures the derivative to about 1e-12.
/// </summary>
public static class GradientCheck
{
    /// <summary>
    /// Compares <see cref="INetwork{T}.Backward"/>'s gradient for one sample with the numerical derivative of
    /// <see cref="INetwork{T}.Loss"/> for every parameter. The network's parameters and gradients are the same
    /// afterwards as before.
    /// </summary>
    /// <remarks>
    /// With dropout (<see cref="NetworkSpec.HasDropout"/>) the derivative is that of the training loss under one fixed
    /// mask: the network must be an <see cref="IDropoutNetwork"/>, whose stream is restarted with
    /// <paramref name="dropoutSeed"/> before Backward and before every loss the differences take, each of which is
    /// Backward's return value (Loss never drops). The stream is left as after one such Backward. A
    /// <see cref="ReferenceNetwork{T}"/> whose masks were fixed (<see cref="ReferenceNetwork{T}.SetDropoutMask"/>) uses those.
    /// </remarks>
    /// <param name="network">The network; checking in <see cref="double"/> gives meaningful small errors.</param>
    /// <param name="input">One sample's inputs.</param>
    /// <param name="target">Its targets.</param>
    /// <param name="step">h: 1e-4 suits double (rounding noise ~1e-16/h, truncation ~h^4); use ~1e-2 for float. Keep it
    /// small next to the distance from ReLU-like kinks, where no finite difference is meaningful.</param>
    /// <param name="relativeFloor">The smallest denominator of the relative error, so vanishing gradients do not turn rounding noise into large ratios.</param>
    /// <param name="dropoutSeed">With dropout, the seed of the one mask every evaluation uses.</param>
    /// <exception cref="ArgumentException">The network has dropout but is not an <see cref="IDropoutNetwork"/>, so its masks cannot be replayed.</exception>
    public static GradientCheckReport Run<T>(
        INetwork<T> network, ReadOnlySpan<T> input, ReadOnlySpan<T> target, double step = 1e-4, double relativeFloor = 1e-6, long dropoutSeed = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(step > 0) || !double.IsFinite(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive and finite.");
        }

        IDropoutNetwork? dropout = null;
        if (network.Spec.HasDropout)
        {
            dropout = network as IDropoutNetwork ?? throw new ArgumentException(
                "The network has dropout but does not implement IDropoutNetwork: its masks cannot be replayed for the differences.", nameof(network));
        }

        T[] savedGradients = network.Gradients.ToArray();
        try
        {
            network.ZeroGradients();
            dropout?.SeedDropout(dropoutSeed);
            network.Backward(input, target);
            T[] analytic = network.Gradients.ToArray();

            var spec = network.Spec;
            var blocks = new List<GradientCheckBlock>();
            for (int layer = 0; layer < spec.Layers.Count; layer++)
            {
                int units = spec.Layers[layer].Units;
                blocks.Add(CheckBlock(network, dropout, dropoutSeed, input, target, analytic, $"W{layer + 1}", spec.WeightOffset(layer), spec.FanIn(layer) * units, step, relativeFloor));
                if (spec.HasBias(layer))
                {
                    blocks.Add(CheckBlock(network, dropout, dropoutSeed, input, target, analytic, $"b{layer + 1}", spec.BiasOffset(layer), units, step, relativeFloor));
                }

                if (spec.HasSlopes(layer))
                {
                    blocks.Add(CheckBlock(network, dropout, dropoutSeed, input, target, analytic, $"slope{layer + 1}", spec.SlopeOffset(layer), units, step, relativeFloor));
                }
            }

            return new GradientCheckReport(blocks);
        }
        finally
        {
            savedGradients.CopyTo(network.Gradients);
        }
    }

    private static GradientCheckBlock CheckBlock<T>(
        INetwork<T> network, IDropoutNetwork? dropout, long dropoutSeed, ReadOnlySpan<T> input, ReadOnlySpan<T> target, T[] analytic,
        string name, int offset, int length, double step, double relativeFloor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double maxAbsolute = 0, maxRelative = 0;
        for (int k = offset; k < offset + length; k++)
        {
            T original = network.Parameters[k];
            T h = T.CreateTruncating(step);
            T twoH = h + h;
            double plus = LossAt(network, dropout, dropoutSeed, input, target, k, original + h);
            double minus = LossAt(network, dropout, dropoutSeed, input, target, k, original - h);
            double plus2 = LossAt(network, dropout, dropoutSeed, input, target, k, original + twoH);
            double minus2 = LossAt(network, dropout, dropoutSeed, input, target, k, original - twoH);
            network.Parameters[k] = original;

            // Divide by the step actually taken, which rounding to T may have changed.
            double taken = (double.CreateTruncating(original + h) - double.CreateTruncating(original - h)) / 2;
            double numerical = (8 * (plus - minus) - (plus2 - minus2)) / (12 * taken);
            double exact = double.CreateTruncating(analytic[k]);
            double absolute = Math.Abs(exact - numerical);
            double relative = absolute / Math.Max(Math.Max(Math.Abs(exact), Math.Abs(numerical)), relativeFloor);
            maxAbsolute = Math.Max(maxAbsolute, double.IsNaN(absolute) ? double.PositiveInfinity : absolute);
            maxRelative = Math.Max(maxRelative, double.IsNaN(relative) ? double.PositiveInfinity : relative);
        }

        return new GradientCheckBlock(name, offset, length, maxAbsolute, maxRelative);
    }

    /// <summary>The loss with one parameter set to <paramref name="value"/>; with dropout, the training loss under the seeded mask.</summary>
    private static double LossAt<T>(
        INetwork<T> network, IDropoutNetwork? dropout, long dropoutSeed, ReadOnlySpan<T> input, ReadOnlySpan<T> target, int index, T value)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        network.Parameters[index] = value;
        if (dropout is null)
        {
            return double.CreateTruncating(network.Loss(input, target));
        }

        dropout.SeedDropout(dropoutSeed);
        return double.CreateTruncating(network.Backward(input, target)); // the gradients it adds are restored at the end
    }
}
