using System.Numerics;
using Unrolled.Numerics;

namespace Unrolled;

/// <summary>
/// Activations and their derivatives, element by element, as the interpreter computes them. Generated code writes
/// the same formulas inline, in the same order, so the two agree to the last bit or close to it.
/// </summary>
public static class ActivationMath
{
    /// <summary>Applies <paramref name="activation"/> to <paramref name="z"/>, writing <paramref name="a"/>.</summary>
    /// <remarks>Softmax subtracts the maximum first, so large logits cannot overflow.</remarks>
    public static void Apply<T>(Activation activation, T alpha, ReadOnlySpan<T> z, Span<T> a)
        where T : IFloatingPointIeee754<T> => Apply(activation, alpha, z, a, ActivationMode.Exact);

    /// <summary>Applies <paramref name="activation"/> with the functions <paramref name="mode"/> selects.</summary>
    /// <remarks>For <see cref="Activation.PRelu"/> <paramref name="alpha"/> is every unit's slope; see <see cref="PRelu{T}"/> for one slope per unit.</remarks>
    public static void Apply<T>(Activation activation, T alpha, ReadOnlySpan<T> z, Span<T> a, ActivationMode mode)
        where T : IFloatingPointIeee754<T>
    {
        bool fast = IsFast<T>(mode);
        if (activation == Activation.Softmax)
        {
            Softmax(z, a, fast);
            return;
        }

        for (int j = 0; j < z.Length; j++)
        {
            a[j] = fast ? ApplyFast(activation, alpha, z[j]) : Apply(activation, alpha, z[j]);
        }
    }

    /// <summary>One element of an element-wise activation (not Softmax).</summary>
    public static T Apply<T>(Activation activation, T alpha, T z)
        where T : IFloatingPointIeee754<T> => activation switch
    {
        Activation.Identity => z,
        Activation.Sigmoid => T.One / (T.One + T.Exp(-z)),
        Activation.Tanh => T.Tanh(z),
        Activation.Relu => T.Max(z, T.Zero),
        Activation.LeakyRelu => z > T.Zero ? z : alpha * z,
        Activation.Elu => z > T.Zero ? z : alpha * (T.Exp(z) - T.One),
        Activation.Softplus => T.Max(z, T.Zero) + T.Log(T.One + T.Exp(-T.Abs(z))),
        Activation.Silu => z / (T.One + T.Exp(-z)),
        Activation.PRelu => z > T.Zero ? z : alpha * z,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not an element-wise activation."),
    };

    /// <summary>
    /// PReLU with one learned slope per unit, as PyTorch's <c>nn.PReLU(num_parameters=units)</c>:
    /// a_j = z_j for z_j &gt; 0, slopes_j * z_j otherwise.
    /// </summary>
    public static void PRelu<T>(ReadOnlySpan<T> slopes, ReadOnlySpan<T> z, Span<T> a)
        where T : IFloatingPointIeee754<T>
    {
        for (int j = 0; j < z.Length; j++)
        {
            a[j] = z[j] > T.Zero ? z[j] : slopes[j] * z[j];
        }
    }

    /// <summary>
    /// PReLU backward with PyTorch's semantics (also at z = 0, where the negative branch applies): first the slopes'
    /// gradient, <c>slopeGradients_j += z_j &gt; 0 ? 0 : z_j * delta_j</c> (a fused multiply-add, as the weights'), then
    /// in place <c>delta_j = z_j &gt; 0 ? delta_j : slopes_j * delta_j</c>.
    /// </summary>
    public static void PReluBackward<T>(ReadOnlySpan<T> slopes, ReadOnlySpan<T> z, Span<T> delta, Span<T> slopeGradients)
        where T : IFloatingPointIeee754<T>
    {
        for (int j = 0; j < z.Length; j++)
        {
            if (!(z[j] > T.Zero))
            {
                slopeGradients[j] = Fused.MultiplyAdd(z[j], delta[j], slopeGradients[j]);
                delta[j] = slopes[j] * delta[j];
            }
        }
    }

    /// <summary>Softmax of <paramref name="z"/> into <paramref name="a"/>, after subtracting the maximum.</summary>
    public static void Softmax<T>(ReadOnlySpan<T> z, Span<T> a)
        where T : IFloatingPointIeee754<T> => Softmax(z, a, fast: false);

    private static void Softmax<T>(ReadOnlySpan<T> z, Span<T> a, bool fast)
        where T : IFloatingPointIeee754<T>
    {
        T max = z[0];
        for (int j = 1; j < z.Length; j++)
        {
            max = T.Max(max, z[j]);
        }

        T sum = T.Zero;
        for (int j = 0; j < z.Length; j++)
        {
            a[j] = fast ? FastExp(z[j] - max) : T.Exp(z[j] - max);
            sum += a[j];
        }

        for (int j = 0; j < z.Length; j++)
        {
            a[j] /= sum;
        }
    }

    /// <summary>
    /// Turns the gradient with respect to the activations, <paramref name="delta"/>, into the gradient with respect
    /// to the pre-activations, in place: delta_j *= f'(z_j), or the softmax Jacobian-vector product a ⊙ (delta - (delta · a)).
    /// </summary>
    public static void Backward<T>(Activation activation, T alpha, ReadOnlySpan<T> z, ReadOnlySpan<T> a, Span<T> delta)
        where T : IFloatingPointIeee754<T> => Backward(activation, alpha, z, a, delta, ActivationMode.Exact);

    /// <summary>As <see cref="Backward{T}(Activation, T, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>, with the functions <paramref name="mode"/> selects.</summary>
    public static void Backward<T>(Activation activation, T alpha, ReadOnlySpan<T> z, ReadOnlySpan<T> a, Span<T> delta, ActivationMode mode)
        where T : IFloatingPointIeee754<T>
    {
        bool fast = IsFast<T>(mode);
        if (activation == Activation.Softmax)
        {
            T dot = T.Zero;
            for (int j = 0; j < a.Length; j++)
            {
                dot += delta[j] * a[j];
            }

            for (int j = 0; j < a.Length; j++)
            {
                delta[j] = a[j] * (delta[j] - dot);
            }

            return;
        }

        for (int j = 0; j < delta.Length; j++)
        {
            delta[j] = fast && activation is Activation.Softplus or Activation.Silu
                ? BackwardFast(activation, z[j], delta[j])
                : Backward(activation, alpha, z[j], a[j], delta[j]);
        }
    }

    /// <summary>One element of <see cref="Backward{T}(Activation, T, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>: g * f'(z), given z and a = f(z).</summary>
    public static T Backward<T>(Activation activation, T alpha, T z, T a, T g)
        where T : IFloatingPointIeee754<T> => activation switch
    {
        Activation.Identity => g,
        Activation.Sigmoid => g * a * (T.One - a),
        Activation.Tanh => g * (T.One - a * a),
        Activation.Relu => z > T.Zero ? g : T.Zero,
        Activation.LeakyRelu => z > T.Zero ? g : alpha * g,
        Activation.Elu => z > T.Zero ? g : g * (a + alpha),
        Activation.Softplus => g / (T.One + T.Exp(-z)),
        Activation.Silu => g * SiluDerivative(z),
        Activation.PRelu => z > T.Zero ? g : alpha * g,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not an element-wise activation."),
    };

    /// <summary>Whether <paramref name="mode"/> selects FastMath for <typeparamref name="T"/>: float only.</summary>
    private static bool IsFast<T>(ActivationMode mode) => mode == ActivationMode.Fast && typeof(T) == typeof(float);

    /// <summary>One element as a float SIMD lane of generated code computes it (the type is float: see <see cref="IsFast{T}"/>).</summary>
    private static T ApplyFast<T>(Activation activation, T alpha, T z)
        where T : IFloatingPointIeee754<T>
    {
        float x = float.CreateTruncating(z);
        return activation switch
        {
            Activation.Sigmoid => T.CreateTruncating(FastMath.Sigmoid(x)),
            Activation.Tanh => T.CreateTruncating(FastMath.Tanh(x)),
            Activation.Elu => z > T.Zero ? z : alpha * (FastExp(z) - T.One),
            Activation.Silu => z * T.CreateTruncating(FastMath.Sigmoid(x)),
            _ => Apply(activation, alpha, z),
        };
    }

    /// <summary>g f'(z) where the derivative needs sigmoid(z), with FastMath's sigmoid (float only).</summary>
    private static T BackwardFast<T>(Activation activation, T z, T g)
        where T : IFloatingPointIeee754<T>
    {
        T s = T.CreateTruncating(FastMath.Sigmoid(float.CreateTruncating(z)));
        return activation == Activation.Softplus ? g * s : g * (s * (T.One + z * (T.One - s)));
    }

    private static T FastExp<T>(T x)
        where T : IFloatingPointIeee754<T> => T.CreateTruncating(FastMath.Exp(float.CreateTruncating(x)));

    private static T SiluDerivative<T>(T z)
        where T : IFloatingPointIeee754<T>
    {
        T s = T.One / (T.One + T.Exp(-z));
        return s * (T.One + z * (T.One - s));
    }
}
