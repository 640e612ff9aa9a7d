using System.Numerics;

namespace Unrolled;

/// <summary>
/// The per-sample losses and their gradients at the output layer, as the interpreter computes them; generated code
/// writes the same formulas inline. Cross-entropy and binary cross-entropy work from the logits z (stable), and their
/// gradients are fused with the output activation: dL/dz = softmax(z) * sum(t) - t, and (sigmoid(z) - t) / m.
/// </summary>
public static class LossMath
{
    /// <summary>
    /// The loss of one sample from the output layer's pre-activations <paramref name="z"/> and activations
    /// <paramref name="a"/> against <paramref name="target"/>.
    /// </summary>
    public static T Loss<T>(LossFunction loss, ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> target)
        where T : IFloatingPointIeee754<T>
    {
        T count = T.CreateTruncating(a.Length);
        T sum = T.Zero;
        switch (loss)
        {
            case LossFunction.MeanSquaredError:
                for (int k = 0; k < a.Length; k++)
                {
                    T e = a[k] - target[k];
                    sum += e * e;
                }

                return sum / count;

            case LossFunction.CrossEntropy:
                // -sum t_k log softmax(z)_k = sum t_k (logsumexp(z) - z_k), logsumexp taken around the maximum.
                T max = z[0];
                for (int k = 1; k < z.Length; k++)
                {
                    max = T.Max(max, z[k]);
                }

                T exps = T.Zero;
                for (int k = 0; k < z.Length; k++)
                {
                    exps += T.Exp(z[k] - max);
                }

                T logSumExp = max + T.Log(exps);
                for (int k = 0; k < z.Length; k++)
                {
                    sum += target[k] * (logSumExp - z[k]);
                }

                return sum;

            case LossFunction.BinaryCrossEntropy:
                // -[t log s(z) + (1 - t) log(1 - s(z))] = max(z, 0) - z t + log(1 + e^-|z|)
                for (int k = 0; k < z.Length; k++)
                {
                    sum += T.Max(z[k], T.Zero) - z[k] * target[k] + T.Log(T.One + T.Exp(-T.Abs(z[k])));
                }

                return sum / count;

            default:
                throw new ArgumentOutOfRangeException(nameof(loss), loss, "Not a LossFunction value.");
        }
    }

    /// <summary>
    /// Writes dLoss/dz of the output layer into <paramref name="delta"/>, through the output activation: fused for
    /// cross-entropy with softmax and binary cross-entropy with sigmoid, chained through the activation otherwise.
    /// </summary>
    public static void OutputDelta<T>(
        LossFunction loss, LayerSpec output, ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> target, Span<T> delta)
        where T : IFloatingPointIeee754<T> => OutputDelta(loss, output, z, a, target, delta, ActivationMode.Exact);

    /// <summary>As the overload without a mode, with the output activation's derivative computed as <paramref name="mode"/> selects.</summary>
    public static void OutputDelta<T>(
        LossFunction loss, LayerSpec output, ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> target, Span<T> delta, ActivationMode mode)
        where T : IFloatingPointIeee754<T>
    {
        T count = T.CreateTruncating(a.Length);
        switch (loss)
        {
            case LossFunction.CrossEntropy:
                T total = T.Zero;
                for (int k = 0; k < target.Length; k++)
                {
                    total += target[k];
                }

                for (int k = 0; k < a.Length; k++)
                {
                    delta[k] = a[k] * total - target[k];
                }

                return;

            case LossFunction.BinaryCrossEntropy:
                for (int k = 0; k < a.Length; k++)
                {
                    delta[k] = (a[k] - target[k]) / count;
                }

                return;

            default:
                T two = T.One + T.One;
                for (int k = 0; k < a.Length; k++)
                {
                    delta[k] = two * (a[k] - target[k]) / count;
                }

                ActivationMath.Backward(output.Activation, T.CreateTruncating(output.Alpha), z, a, delta, mode);
                return;
        }
    }
}
