using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Unrolled.Numerics;

/// <summary>
/// a * b + c with one rounding where the hardware fuses it, for a scalar and for each vector width, chosen so that
/// the scalar and every vector width round the same way on a given machine: that is what lets a scalar tail give
/// bit for bit the values a SIMD lane gives.
/// </summary>
/// <remarks>
/// They are fused on x86 with FMA and on Arm64; where FMA is not available to the code (an x86 CPU without it, or a
/// NativeAOT binary compiled for the default instruction set, which does not include FMA) all of them fall back to
/// a * b + c, two roundings. The runtime's own FusedMultiplyAdd would emulate the single rounding there in software,
/// about 25 ns per vector instead of 1: measured in a default NativeAOT build on this project's machines. Generated
/// networks and <see cref="ReferenceNetwork{T}"/> both call these, so they round alike on every machine.
/// </remarks>
public static class Fused
{
    /// <summary>a * b + c, rounded once where the hardware fuses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float a, float b, float c)
    {
        return Fma.IsSupported || AdvSimd.IsSupported ? MathF.FusedMultiplyAdd(a, b, c) : (a * b) + c;
    }

    /// <summary>a * b + c, rounded once where the hardware fuses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c)
    {
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAdd(a, b, c);
        }

        if (AdvSimd.IsSupported)
        {
            return AdvSimd.FusedMultiplyAdd(c, a, b);
        }

        return (a * b) + c;
    }

    /// <summary>a * b + c, rounded once where the hardware fuses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c)
    {
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
    }

    /// <summary>a * b + c, rounded once where the hardware fuses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c)
    {
        if (Avx512F.IsSupported)
        {
            return Avx512F.FusedMultiplyAdd(a, b, c);
        }

        return Vector512.Create(
            MultiplyAdd(a.GetLower(), b.GetLower(), c.GetLower()),
            MultiplyAdd(a.GetUpper(), b.GetUpper(), c.GetUpper()));
    }

    /// <summary>a * b + c, rounded once where the hardware fuses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MultiplyAdd(double a, double b, double c)
    {
        return Fma.IsSupported || AdvSimd.IsSupported ? Math.FusedMultiplyAdd(a, b, c) : (a * b) + c;
    }

    /// <summary>a * b + c, rounded once where the hardware fuses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> MultiplyAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c)
    {
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAdd(a, b, c);
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.FusedMultiplyAdd(c, a, b);
        }

        return (a * b) + c;
    }

    /// <summary>a * b + c, rounded once where the hardware fuses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c)
    {
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAdd(a, b, c);
        }

        return Vector256.Create(
            MultiplyAdd(a.GetLower(), b.GetLower(), c.GetLower()),
            MultiplyAdd(a.GetUpper(), b.GetUpper(), c.GetUpper()));
    }

    /// <summary>a * b + c, rounded once where the hardware fuses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c)
    {
        if (Avx512F.IsSupported)
        {
            return Avx512F.FusedMultiplyAdd(a, b, c);
        }

        return Vector512.Create(
            MultiplyAdd(a.GetLower(), b.GetLower(), c.GetLower()),
            MultiplyAdd(a.GetUpper(), b.GetUpper(), c.GetUpper()));
    }

    /// <summary>a * b + c for <see cref="float"/> or <see cref="double"/>, as the overloads above round it (the interpreter's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T MultiplyAdd<T>(T a, T b, T c)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            float result = MultiplyAdd(Unsafe.As<T, float>(ref a), Unsafe.As<T, float>(ref b), Unsafe.As<T, float>(ref c));
            return Unsafe.As<float, T>(ref result);
        }

        if (typeof(T) == typeof(double))
        {
            double result = MultiplyAdd(Unsafe.As<T, double>(ref a), Unsafe.As<T, double>(ref b), Unsafe.As<T, double>(ref c));
            return Unsafe.As<double, T>(ref result);
        }

        return T.FusedMultiplyAdd(a, b, c);
    }
}
