using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Unrolled.Numerics;

public static partial class FastMath
{
    // Tanh is a rational function of x: tanh(x) ~ x P(x^2) / Q(x^2), P and Q of degree 4, fitted for relative error
    // on [0, TanhClamp] (Lawson-weighted least squares, then the coefficients rounded to float). It needs no exp and
    // no branch: one division and nine multiply-adds, about half the latency of the exponential form 1 - 2 / (e^2x + 1).
    // At TanhClamp the quotient rounds to 1, so clamping x there (and the quotient at 1) saturates exactly.
    private const int SignMask = unchecked((int)0x80000000);
    private const float TanhClamp = 9.1f;
    private const float TanhP1 = 0.13377487659454346f;
    private const float TanhP2 = 0.003491276176646352f;
    private const float TanhP3 = 2.0533860151772387e-05f;
    private const float TanhP4 = 1.3242543950298113e-08f;
    private const float TanhQ1 = 0.4671080708503723f;
    private const float TanhQ2 = 0.02586086094379425f;
    private const float TanhQ3 = 0.0003278397780377418f;
    private const float TanhQ4 = 7.732332960586064e-07f;

    /// <summary>tanh(x) for one float: the algorithm of the vector overloads, so that a scalar tail matches SIMD lanes bit for bit.</summary>
    /// <param name="x">Any float.</param>
    /// <returns>tanh(x) within <see cref="TanhMaxUlpError"/> ulp; exactly ±1 from |x| = 9.1 on (and at ±Inf), ±0 at ±0, NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x)
    {
        int bits = BitConverter.SingleToInt32Bits(x);
        int sign = bits & SignMask;
        float y = Minimum(BitConverter.Int32BitsToSingle(bits & ~SignMask), TanhClamp);
        float s = y * y;
        float p = Fused.MultiplyAdd(TanhP4, s, TanhP3);
        p = Fused.MultiplyAdd(p, s, TanhP2);
        p = Fused.MultiplyAdd(p, s, TanhP1);
        p = Fused.MultiplyAdd(p, s, 1f);
        float q = Fused.MultiplyAdd(TanhQ4, s, TanhQ3);
        q = Fused.MultiplyAdd(q, s, TanhQ2);
        q = Fused.MultiplyAdd(q, s, TanhQ1);
        q = Fused.MultiplyAdd(q, s, 1f);
        float result = Minimum(y * p / q, 1f);
        result = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(result) | sign);
        return float.IsNaN(x) ? x : result;
    }

    /// <summary>tanh(x) for each lane: the same algorithm and the same bits as <see cref="Tanh(float)"/>.</summary>
    /// <param name="x">Any floats.</param>
    /// <returns>tanh(x) within <see cref="TanhMaxUlpError"/> ulp per lane; ±1, ±0 and NaN as <see cref="Tanh(float)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x)
    {
        Vector128<int> signMask = Vector128.Create(SignMask);
        Vector128<int> sign = x.AsInt32() & signMask;
        Vector128<float> y = Minimum(Vector128.AndNot(x.AsInt32(), signMask).AsSingle(), Vector128.Create(TanhClamp));
        Vector128<float> s = y * y;
        Vector128<float> p = Fused.MultiplyAdd(Vector128.Create(TanhP4), s, Vector128.Create(TanhP3));
        p = Fused.MultiplyAdd(p, s, Vector128.Create(TanhP2));
        p = Fused.MultiplyAdd(p, s, Vector128.Create(TanhP1));
        p = Fused.MultiplyAdd(p, s, Vector128<float>.One);
        Vector128<float> q = Fused.MultiplyAdd(Vector128.Create(TanhQ4), s, Vector128.Create(TanhQ3));
        q = Fused.MultiplyAdd(q, s, Vector128.Create(TanhQ2));
        q = Fused.MultiplyAdd(q, s, Vector128.Create(TanhQ1));
        q = Fused.MultiplyAdd(q, s, Vector128<float>.One);
        Vector128<float> result = Minimum(y * p / q, Vector128<float>.One);
        result = (result.AsInt32() | sign).AsSingle();
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), result, x);
    }

    /// <summary>tanh(x) for each lane: the same algorithm and the same bits as <see cref="Tanh(float)"/>.</summary>
    /// <param name="x">Any floats.</param>
    /// <returns>tanh(x) within <see cref="TanhMaxUlpError"/> ulp per lane; ±1, ±0 and NaN as <see cref="Tanh(float)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<int> signMask = Vector256.Create(SignMask);
        Vector256<int> sign = x.AsInt32() & signMask;
        Vector256<float> y = Minimum(Vector256.AndNot(x.AsInt32(), signMask).AsSingle(), Vector256.Create(TanhClamp));
        Vector256<float> s = y * y;
        Vector256<float> p = Fused.MultiplyAdd(Vector256.Create(TanhP4), s, Vector256.Create(TanhP3));
        p = Fused.MultiplyAdd(p, s, Vector256.Create(TanhP2));
        p = Fused.MultiplyAdd(p, s, Vector256.Create(TanhP1));
        p = Fused.MultiplyAdd(p, s, Vector256<float>.One);
        Vector256<float> q = Fused.MultiplyAdd(Vector256.Create(TanhQ4), s, Vector256.Create(TanhQ3));
        q = Fused.MultiplyAdd(q, s, Vector256.Create(TanhQ2));
        q = Fused.MultiplyAdd(q, s, Vector256.Create(TanhQ1));
        q = Fused.MultiplyAdd(q, s, Vector256<float>.One);
        Vector256<float> result = Minimum(y * p / q, Vector256<float>.One);
        result = (result.AsInt32() | sign).AsSingle();
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    /// <summary>tanh(x) for each lane: the same algorithm and the same bits as <see cref="Tanh(float)"/>.</summary>
    /// <param name="x">Any floats.</param>
    /// <returns>tanh(x) within <see cref="TanhMaxUlpError"/> ulp per lane; ±1, ±0 and NaN as <see cref="Tanh(float)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        Vector512<int> signMask = Vector512.Create(SignMask);
        Vector512<int> sign = x.AsInt32() & signMask;
        Vector512<float> y = Minimum(Vector512.AndNot(x.AsInt32(), signMask).AsSingle(), Vector512.Create(TanhClamp));
        Vector512<float> s = y * y;
        Vector512<float> p = Fused.MultiplyAdd(Vector512.Create(TanhP4), s, Vector512.Create(TanhP3));
        p = Fused.MultiplyAdd(p, s, Vector512.Create(TanhP2));
        p = Fused.MultiplyAdd(p, s, Vector512.Create(TanhP1));
        p = Fused.MultiplyAdd(p, s, Vector512<float>.One);
        Vector512<float> q = Fused.MultiplyAdd(Vector512.Create(TanhQ4), s, Vector512.Create(TanhQ3));
        q = Fused.MultiplyAdd(q, s, Vector512.Create(TanhQ2));
        q = Fused.MultiplyAdd(q, s, Vector512.Create(TanhQ1));
        q = Fused.MultiplyAdd(q, s, Vector512<float>.One);
        Vector512<float> result = Minimum(y * p / q, Vector512<float>.One);
        result = (result.AsInt32() | sign).AsSingle();
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);
    }
}
