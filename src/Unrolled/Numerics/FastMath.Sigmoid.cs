using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Unrolled.Numerics;

public static partial class FastMath
{
    /// <summary>The logistic function 1 / (1 + e^-x) for one float, as the vector overloads compute it (same bits).</summary>
    /// <param name="x">Any float.</param>
    /// <returns>
    /// sigmoid(x) within <see cref="SigmoidMaxUlpError"/> ulp, including the subnormal results below x ~ -87.3;
    /// 0 at -Inf and below ~ -103.97, exactly 1 from x ~ 17.33 on, NaN for NaN.
    /// </returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x)
    {
        // e = e^-|x| never overflows; sigmoid(x) = 1 / (1 + e) for x >= 0 and e / (1 + e) for x < 0, so that
        // large negative x keeps its tiny (even subnormal) result instead of 1 / Inf.
        float e = Exp(-MathF.Abs(x));
        float numerator = x < 0f ? e : 1f;
        return numerator / (1f + e);
    }

    /// <summary>The logistic function for each lane: the same algorithm and the same bits as <see cref="Sigmoid(float)"/>.</summary>
    /// <param name="x">Any floats.</param>
    /// <returns>sigmoid(x) within <see cref="SigmoidMaxUlpError"/> ulp per lane; 0, 1 and NaN as <see cref="Sigmoid(float)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x)
    {
        Vector128<float> e = Exp(-Vector128.Abs(x));
        Vector128<float> one = Vector128<float>.One;
        Vector128<float> numerator = Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<float>.Zero), e, one);
        return numerator / (one + e);
    }

    /// <summary>The logistic function for each lane: the same algorithm and the same bits as <see cref="Sigmoid(float)"/>.</summary>
    /// <param name="x">Any floats.</param>
    /// <returns>sigmoid(x) within <see cref="SigmoidMaxUlpError"/> ulp per lane; 0, 1 and NaN as <see cref="Sigmoid(float)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x)
    {
        Vector256<float> e = Exp(-Vector256.Abs(x));
        Vector256<float> one = Vector256<float>.One;
        Vector256<float> numerator = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), e, one);
        return numerator / (one + e);
    }

    /// <summary>The logistic function for each lane: the same algorithm and the same bits as <see cref="Sigmoid(float)"/>.</summary>
    /// <param name="x">Any floats.</param>
    /// <returns>sigmoid(x) within <see cref="SigmoidMaxUlpError"/> ulp per lane; 0, 1 and NaN as <see cref="Sigmoid(float)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x)
    {
        Vector512<float> e = Exp(-Vector512.Abs(x));
        Vector512<float> one = Vector512<float>.One;
        Vector512<float> numerator = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), e, one);
        return numerator / (one + e);
    }
}
