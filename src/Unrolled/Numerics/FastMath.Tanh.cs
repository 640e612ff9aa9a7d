using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Unrolled.Numerics;

public static partial class FastMath
{
    // Tanh's constants: below TanhSmall the odd polynomial of Cephes tanhf, above it the exponential form.
    private const int SignMask = unchecked((int)0x80000000);
    private const float TanhSmall = 0.625f;
    private const float TanhP0 = -5.70498872745e-3f;
    private const float TanhP1 = 2.06390887954e-2f;
    private const float TanhP2 = -5.37397155531e-2f;
    private const float TanhP3 = 1.33314422036e-1f;
    private const float TanhP4 = -3.33332819422e-1f;

    /// <summary>tanh(x) for one float: the algorithm of the vector overloads, so that a scalar tail matches SIMD lanes bit for bit.</summary>
    /// <param name="x">Any float.</param>
    /// <returns>tanh(x) within <see cref="TanhMaxUlpError"/> ulp; exactly ±1 from |x| ~ 9.01 on (and at ±Inf), ±0 at ±0, NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x)
    {
        int bits = BitConverter.SingleToInt32Bits(x);
        int sign = bits & SignMask;
        float ax = BitConverter.Int32BitsToSingle(bits & ~SignMask);

        // |x| < 0.625: tanh(ax) = ax + ax z P(z), z = ax^2 (Cephes tanhf's polynomial).
        float z = ax * ax;
        float p = Fused.MultiplyAdd(TanhP0, z, TanhP1);
        p = Fused.MultiplyAdd(p, z, TanhP2);
        p = Fused.MultiplyAdd(p, z, TanhP3);
        p = Fused.MultiplyAdd(p, z, TanhP4);
        float small = Fused.MultiplyAdd(p * z, ax, ax);

        // Otherwise: tanh(ax) = 1 - 2 / (e^(2 ax) + 1), which reaches 1 exactly (and stays NaN for NaN).
        float large = 1f - (2f / (Exp(ax + ax) + 1f));

        float result = ax < TanhSmall ? small : large;
        return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(result) | sign);
    }

    /// <summary>tanh(x) for each lane: the same algorithm and the same bits as <see cref="Tanh(float)"/>.</summary>
    /// <param name="x">Any floats.</param>
    /// <returns>tanh(x) within <see cref="TanhMaxUlpError"/> ulp per lane; ±1, ±0 and NaN as <see cref="Tanh(float)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x)
    {
        Vector128<int> signMask = Vector128.Create(SignMask);
        Vector128<int> sign = x.AsInt32() & signMask;
        Vector128<float> ax = Vector128.AndNot(x.AsInt32(), signMask).AsSingle();

        Vector128<float> z = ax * ax;
        Vector128<float> p = Fused.MultiplyAdd(Vector128.Create(TanhP0), z, Vector128.Create(TanhP1));
        p = Fused.MultiplyAdd(p, z, Vector128.Create(TanhP2));
        p = Fused.MultiplyAdd(p, z, Vector128.Create(TanhP3));
        p = Fused.MultiplyAdd(p, z, Vector128.Create(TanhP4));
        Vector128<float> small = Fused.MultiplyAdd(p * z, ax, ax);

        Vector128<float> one = Vector128<float>.One;
        Vector128<float> large = one - (Vector128.Create(2f) / (Exp(ax + ax) + one));

        Vector128<float> result = Vector128.ConditionalSelect(Vector128.LessThan(ax, Vector128.Create(TanhSmall)), small, large);
        return (result.AsInt32() | sign).AsSingle();
    }

    /// <summary>tanh(x) for each lane: the same algorithm and the same bits as <see cref="Tanh(float)"/>.</summary>
    /// <param name="x">Any floats.</param>
    /// <returns>tanh(x) within <see cref="TanhMaxUlpError"/> ulp per lane; ±1, ±0 and NaN as <see cref="Tanh(float)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<int> signMask = Vector256.Create(SignMask);
        Vector256<int> sign = x.AsInt32() & signMask;
        Vector256<float> ax = Vector256.AndNot(x.AsInt32(), signMask).AsSingle();

        Vector256<float> z = ax * ax;
        Vector256<float> p = Fused.MultiplyAdd(Vector256.Create(TanhP0), z, Vector256.Create(TanhP1));
        p = Fused.MultiplyAdd(p, z, Vector256.Create(TanhP2));
        p = Fused.MultiplyAdd(p, z, Vector256.Create(TanhP3));
        p = Fused.MultiplyAdd(p, z, Vector256.Create(TanhP4));
        Vector256<float> small = Fused.MultiplyAdd(p * z, ax, ax);

        Vector256<float> one = Vector256<float>.One;
        Vector256<float> large = one - (Vector256.Create(2f) / (Exp(ax + ax) + one));

        Vector256<float> result = Vector256.ConditionalSelect(Vector256.LessThan(ax, Vector256.Create(TanhSmall)), small, large);
        return (result.AsInt32() | sign).AsSingle();
    }

    /// <summary>tanh(x) for each lane: the same algorithm and the same bits as <see cref="Tanh(float)"/>.</summary>
    /// <param name="x">Any floats.</param>
    /// <returns>tanh(x) within <see cref="TanhMaxUlpError"/> ulp per lane; ±1, ±0 and NaN as <see cref="Tanh(float)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        Vector512<int> signMask = Vector512.Create(SignMask);
        Vector512<int> sign = x.AsInt32() & signMask;
        Vector512<float> ax = Vector512.AndNot(x.AsInt32(), signMask).AsSingle();

        Vector512<float> z = ax * ax;
        Vector512<float> p = Fused.MultiplyAdd(Vector512.Create(TanhP0), z, Vector512.Create(TanhP1));
        p = Fused.MultiplyAdd(p, z, Vector512.Create(TanhP2));
        p = Fused.MultiplyAdd(p, z, Vector512.Create(TanhP3));
        p = Fused.MultiplyAdd(p, z, Vector512.Create(TanhP4));
        Vector512<float> small = Fused.MultiplyAdd(p * z, ax, ax);

        Vector512<float> one = Vector512<float>.One;
        Vector512<float> large = one - (Vector512.Create(2f) / (Exp(ax + ax) + one));

        Vector512<float> result = Vector512.ConditionalSelect(Vector512.LessThan(ax, Vector512.Create(TanhSmall)), small, large);
        return (result.AsInt32() | sign).AsSingle();
    }
}
