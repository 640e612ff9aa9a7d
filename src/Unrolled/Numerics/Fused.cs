using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
#if !NET9_0_OR_GREATER
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
#endif

namespace Unrolled.Numerics;

/// <summary>
/// a * b + c with one rounding where the hardware fuses it, for a scalar and for each vector width, chosen so that
/// the scalar and every vector width round the same way on a given machine: that is what lets a scalar tail give
/// bit for bit the values a SIMD lane gives.
/// </summary>
/// <remarks>
/// On .NET 9+ every overload is fused (the runtime emulates it exactly where the hardware cannot). On .NET 8 they are
/// fused on x86 with FMA and on Arm64; on an x86 CPU without FMA all of them fall back to a * b + c (two roundings).
/// Generated networks call these for their multiply-adds, so that the choice is made per target framework here,
/// not in the generated code.
/// </remarks>
public static class Fused
{
    /// <summary>a * b + c, rounded once where the hardware fuses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float a, float b, float c)
    {
#if NET9_0_OR_GREATER
        return MathF.FusedMultiplyAdd(a, b, c);
#else
        return Fma.IsSupported || AdvSimd.IsSupported ? MathF.FusedMultiplyAdd(a, b, c) : (a * b) + c;
#endif
    }

    /// <summary>a * b + c, rounded once where the hardware fuses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c)
    {
#if NET9_0_OR_GREATER
        return Vector128.FusedMultiplyAdd(a, b, c);
#else
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAdd(a, b, c);
        }

        if (AdvSimd.IsSupported)
        {
            return AdvSimd.FusedMultiplyAdd(c, a, b);
        }

        return (a * b) + c;
#endif
    }

    /// <summary>a * b + c, rounded once where the hardware fuses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c)
    {
#if NET9_0_OR_GREATER
        return Vector256.FusedMultiplyAdd(a, b, c);
#else
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAdd(a, b, c);
        }

        if (AdvSimd.IsSupported)
        {
            return Vector256.Create(
                MultiplyAdd(a.GetLower(), b.GetLower(), c.GetLower()),
                MultiplyAdd(a.GetUpper(), b.GetUpper(), c.GetUpper()));
        }

        return (a * b) + c;
#endif
    }

    /// <summary>a * b + c, rounded once where the hardware fuses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c)
    {
#if NET9_0_OR_GREATER
        return Vector512.FusedMultiplyAdd(a, b, c);
#else
        if (Avx512F.IsSupported)
        {
            return Avx512F.FusedMultiplyAdd(a, b, c);
        }

        return Vector512.Create(
            MultiplyAdd(a.GetLower(), b.GetLower(), c.GetLower()),
            MultiplyAdd(a.GetUpper(), b.GetUpper(), c.GetUpper()));
#endif
    }

    /// <summary>a * b + c, rounded once where the hardware fuses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MultiplyAdd(double a, double b, double c)
    {
#if NET9_0_OR_GREATER
        return Math.FusedMultiplyAdd(a, b, c);
#else
        return Fma.IsSupported || AdvSimd.IsSupported ? Math.FusedMultiplyAdd(a, b, c) : (a * b) + c;
#endif
    }

    /// <summary>a * b + c, rounded once where the hardware fuses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> MultiplyAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c)
    {
#if NET9_0_OR_GREATER
        return Vector128.FusedMultiplyAdd(a, b, c);
#else
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAdd(a, b, c);
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.FusedMultiplyAdd(c, a, b);
        }

        return (a * b) + c;
#endif
    }

    /// <summary>a * b + c, rounded once where the hardware fuses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c)
    {
#if NET9_0_OR_GREATER
        return Vector256.FusedMultiplyAdd(a, b, c);
#else
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAdd(a, b, c);
        }

        return Vector256.Create(
            MultiplyAdd(a.GetLower(), b.GetLower(), c.GetLower()),
            MultiplyAdd(a.GetUpper(), b.GetUpper(), c.GetUpper()));
#endif
    }

    /// <summary>a * b + c, rounded once where the hardware fuses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c)
    {
#if NET9_0_OR_GREATER
        return Vector512.FusedMultiplyAdd(a, b, c);
#else
        if (Avx512F.IsSupported)
        {
            return Avx512F.FusedMultiplyAdd(a, b, c);
        }

        return Vector512.Create(
            MultiplyAdd(a.GetLower(), b.GetLower(), c.GetLower()),
            MultiplyAdd(a.GetUpper(), b.GetUpper(), c.GetUpper()));
#endif
    }
}
