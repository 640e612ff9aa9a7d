using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Unrolled.Numerics;

public static partial class FastMath
{
    // Exp's constants (Cephes expf): clamps, the shifter 1.5 * 2^23 for rounding, ln 2 split in two, the polynomial.
    private const float ExpUpperClamp = 89f;
    private const float ExpLowerClamp = -104f;
    private const float Log2E = 1.44269504088896341f;
    private const float Shifter = 12582912f;
    private const int ShifterBits = 0x4B400000;
    private const float Ln2Hi = 0.693359375f;
    private const float Ln2Lo = -2.12194440e-4f;
    private const float ExpP0 = 1.9875691500e-4f;
    private const float ExpP1 = 1.3981999507e-3f;
    private const float ExpP2 = 8.3334519073e-3f;
    private const float ExpP3 = 4.1665795894e-2f;
    private const float ExpP4 = 1.6666665459e-1f;
    private const float ExpP5 = 5.0000001201e-1f;

    /// <summary>e^x for one float: the algorithm of the vector overloads, so that a scalar tail matches SIMD lanes bit for bit.</summary>
    /// <param name="x">Any float.</param>
    /// <returns>e^x within <see cref="ExpMaxUlpError"/> ulp; +Inf above ln(float.MaxValue) ~ 88.72, 0 below ~ -103.97, NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x)
    {
        // Clamp so that n stays small (the result still overflows to +Inf or underflows to 0 where it should).
        float z = Minimum(Maximum(x, ExpLowerClamp), ExpUpperClamp);

        // n = round(z / ln 2) by the shifter trick (round to nearest even), as a float and as an integer.
        float t = Fused.MultiplyAdd(z, Log2E, Shifter);
        float n = t - Shifter;
        int ni = BitConverter.SingleToInt32Bits(t) - ShifterBits;

        // r = z - n ln 2 in two parts (Cody-Waite); |r| <= ln(2) / 2.
        float r = Fused.MultiplyAdd(n, -Ln2Hi, z);
        r = Fused.MultiplyAdd(n, -Ln2Lo, r);

        // e^r = 1 + r + r^2 P(r), Cephes expf's minimax polynomial, evaluated by Estrin's scheme (three independent
        // pairs, then two steps in r^2) for half the latency of Horner's.
        float r2 = r * r;
        float p01 = Fused.MultiplyAdd(ExpP0, r, ExpP1);
        float p23 = Fused.MultiplyAdd(ExpP2, r, ExpP3);
        float p45 = Fused.MultiplyAdd(ExpP4, r, ExpP5);
        float p = Fused.MultiplyAdd(Fused.MultiplyAdd(p01, r2, p23), r2, p45);
        p = Fused.MultiplyAdd(p, r2, r) + 1f;

        // e^x = e^r 2^n, 2^n applied as 2^(n/2) 2^(n - n/2) so that both factors are normal floats for n in [-150, 128].
        int half = ni >> 1;
        float scale1 = BitConverter.Int32BitsToSingle((half + 127) << 23);
        float scale2 = BitConverter.Int32BitsToSingle((ni - half + 127) << 23);
        float y = p * scale1 * scale2;
        return float.IsNaN(x) ? x : y;
    }

    /// <summary>e^x for each lane: the same algorithm and the same bits as <see cref="Exp(float)"/>.</summary>
    /// <param name="x">Any floats.</param>
    /// <returns>e^x within <see cref="ExpMaxUlpError"/> ulp per lane; +Inf, 0 and NaN as <see cref="Exp(float)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x)
    {
        Vector128<float> z = Minimum(Maximum(x, Vector128.Create(ExpLowerClamp)), Vector128.Create(ExpUpperClamp));
        Vector128<float> shifter = Vector128.Create(Shifter);
        Vector128<float> t = Fused.MultiplyAdd(z, Vector128.Create(Log2E), shifter);
        Vector128<float> n = t - shifter;
        Vector128<int> ni = t.AsInt32() - Vector128.Create(ShifterBits);

        Vector128<float> r = Fused.MultiplyAdd(n, Vector128.Create(-Ln2Hi), z);
        r = Fused.MultiplyAdd(n, Vector128.Create(-Ln2Lo), r);

        Vector128<float> r2 = r * r;
        Vector128<float> p01 = Fused.MultiplyAdd(Vector128.Create(ExpP0), r, Vector128.Create(ExpP1));
        Vector128<float> p23 = Fused.MultiplyAdd(Vector128.Create(ExpP2), r, Vector128.Create(ExpP3));
        Vector128<float> p45 = Fused.MultiplyAdd(Vector128.Create(ExpP4), r, Vector128.Create(ExpP5));
        Vector128<float> p = Fused.MultiplyAdd(Fused.MultiplyAdd(p01, r2, p23), r2, p45);
        p = Fused.MultiplyAdd(p, r2, r) + Vector128<float>.One;

        Vector128<int> half = Vector128.ShiftRightArithmetic(ni, 1);
        Vector128<int> bias = Vector128.Create(127);
        Vector128<float> scale1 = Vector128.ShiftLeft(half + bias, 23).AsSingle();
        Vector128<float> scale2 = Vector128.ShiftLeft(ni - half + bias, 23).AsSingle();
        Vector128<float> y = p * scale1 * scale2;
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), y, x);
    }

    /// <summary>e^x for each lane: the same algorithm and the same bits as <see cref="Exp(float)"/>.</summary>
    /// <param name="x">Any floats.</param>
    /// <returns>e^x within <see cref="ExpMaxUlpError"/> ulp per lane; +Inf, 0 and NaN as <see cref="Exp(float)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        Vector256<float> z = Minimum(Maximum(x, Vector256.Create(ExpLowerClamp)), Vector256.Create(ExpUpperClamp));
        Vector256<float> shifter = Vector256.Create(Shifter);
        Vector256<float> t = Fused.MultiplyAdd(z, Vector256.Create(Log2E), shifter);
        Vector256<float> n = t - shifter;
        Vector256<int> ni = t.AsInt32() - Vector256.Create(ShifterBits);

        Vector256<float> r = Fused.MultiplyAdd(n, Vector256.Create(-Ln2Hi), z);
        r = Fused.MultiplyAdd(n, Vector256.Create(-Ln2Lo), r);

        Vector256<float> r2 = r * r;
        Vector256<float> p01 = Fused.MultiplyAdd(Vector256.Create(ExpP0), r, Vector256.Create(ExpP1));
        Vector256<float> p23 = Fused.MultiplyAdd(Vector256.Create(ExpP2), r, Vector256.Create(ExpP3));
        Vector256<float> p45 = Fused.MultiplyAdd(Vector256.Create(ExpP4), r, Vector256.Create(ExpP5));
        Vector256<float> p = Fused.MultiplyAdd(Fused.MultiplyAdd(p01, r2, p23), r2, p45);
        p = Fused.MultiplyAdd(p, r2, r) + Vector256<float>.One;

        Vector256<int> half = Vector256.ShiftRightArithmetic(ni, 1);
        Vector256<int> bias = Vector256.Create(127);
        Vector256<float> scale1 = Vector256.ShiftLeft(half + bias, 23).AsSingle();
        Vector256<float> scale2 = Vector256.ShiftLeft(ni - half + bias, 23).AsSingle();
        Vector256<float> y = p * scale1 * scale2;
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), y, x);
    }

    /// <summary>e^x for each lane: the same algorithm and the same bits as <see cref="Exp(float)"/>.</summary>
    /// <param name="x">Any floats.</param>
    /// <returns>e^x within <see cref="ExpMaxUlpError"/> ulp per lane; +Inf, 0 and NaN as <see cref="Exp(float)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        Vector512<float> z = Minimum(Maximum(x, Vector512.Create(ExpLowerClamp)), Vector512.Create(ExpUpperClamp));
        Vector512<float> shifter = Vector512.Create(Shifter);
        Vector512<float> t = Fused.MultiplyAdd(z, Vector512.Create(Log2E), shifter);
        Vector512<float> n = t - shifter;
        Vector512<int> ni = t.AsInt32() - Vector512.Create(ShifterBits);

        Vector512<float> r = Fused.MultiplyAdd(n, Vector512.Create(-Ln2Hi), z);
        r = Fused.MultiplyAdd(n, Vector512.Create(-Ln2Lo), r);

        Vector512<float> r2 = r * r;
        Vector512<float> p01 = Fused.MultiplyAdd(Vector512.Create(ExpP0), r, Vector512.Create(ExpP1));
        Vector512<float> p23 = Fused.MultiplyAdd(Vector512.Create(ExpP2), r, Vector512.Create(ExpP3));
        Vector512<float> p45 = Fused.MultiplyAdd(Vector512.Create(ExpP4), r, Vector512.Create(ExpP5));
        Vector512<float> p = Fused.MultiplyAdd(Fused.MultiplyAdd(p01, r2, p23), r2, p45);
        p = Fused.MultiplyAdd(p, r2, r) + Vector512<float>.One;

        Vector512<int> half = Vector512.ShiftRightArithmetic(ni, 1);
        Vector512<int> bias = Vector512.Create(127);
        Vector512<float> scale1 = Vector512.ShiftLeft(half + bias, 23).AsSingle();
        Vector512<float> scale2 = Vector512.ShiftLeft(ni - half + bias, 23).AsSingle();
        Vector512<float> y = p * scale1 * scale2;
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), y, x);
    }
}
