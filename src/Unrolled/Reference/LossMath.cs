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
    /// <remarks>
    /// A <see cref="Activation.PRelu"/> output is differentiated with <see cref="LayerSpec.Alpha"/> as every unit's
    /// slope (a <see cref="LayerSpec"/> does not hold the learned ones): with trained slopes, take
    /// <see cref="MeanSquaredErrorGradient{T}"/> and then <see cref="ActivationMath.PReluBackward{T}"/>, as
    /// <see cref="ReferenceNetwork{T}"/> does.
    /// </remarks>
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
                MeanSquaredErrorGradient(a, target, delta);
                ActivationMath.Backward(output.Activation, T.CreateTruncating(output.Alpha), z, a, delta, mode);
                return;
        }
    }

    /// <summary>
    /// dLoss/da of <see cref="LossFunction.MeanSquaredError"/>, <c>2 (a_k - t_k) / m</c> over the m outputs, before the
    /// output activation's derivative: the step <see cref="OutputDelta{T}(LossFunction, LayerSpec, ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>
    /// chains through the activation.
    /// </summary>
    public static void MeanSquaredErrorGradient<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> target, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        T count = T.CreateTruncating(a.Length), two = T.One + T.One;
        for (int k = 0; k < a.Length; k++)
        {
            gradient[k] = two * (a[k] - target[k]) / count;
        }
    }
}
