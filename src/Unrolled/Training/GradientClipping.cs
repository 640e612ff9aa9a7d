using System.Numerics;
using System.Numerics.Tensors;

namespace Unrolled;

/// <summary>Rescaling of gradients before an optimizer step.</summary>
public static class GradientClipping
{
    /// <summary>The epsilon PyTorch's <c>clip_grad_norm_</c> adds to the norm before dividing.</summary>
    public const double NormEpsilon = 1e-6;

    /// <summary>
    /// Scales <paramref name="gradients"/> in place so that their global L2 norm is at most about
    /// <paramref name="maxNorm"/>, as <c>torch.nn.utils.clip_grad_norm_</c> does:
    /// <code>
    /// total_norm = sqrt(sum g^2)
    /// clip_coef  = max_norm / (total_norm + 1e-6)
    /// g = g * min(clip_coef, 1)
    /// </code>
    /// Gradients whose norm is below the limit are left as they are. A non-finite norm behaves as in PyTorch
    /// (error_if_nonfinite=False): an infinite norm scales the gradients by 0, a NaN norm makes them NaN.
    /// </summary>
    /// <param name="gradients">The gradients, for example <see cref="INetwork{T}.Gradients"/>.</param>
    /// <param name="maxNorm">The largest norm allowed: positive; <c>+infinity</c> disables clipping.</param>
    /// <returns>The norm of the gradients before clipping.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not positive.</exception>
    public static T ClipByGlobalNorm<T>(Span<T> gradients, T maxNorm)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(maxNorm > T.Zero))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, $"{nameof(maxNorm)} must be positive.");
        }

        T norm = TensorPrimitives.Norm<T>(gradients);
        T coefficient = maxNorm / (norm + T.CreateTruncating(NormEpsilon));
        if (!(coefficient >= T.One))
        {
            TensorPrimitives.Multiply(gradients, coefficient, gradients);
        }

        return norm;
    }
}
