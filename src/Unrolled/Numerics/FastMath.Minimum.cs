using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Unrolled.Numerics;

public static partial class FastMath
{
    // The hardware minimum and maximum (one instruction each), for operands whose NaN and signed-zero cases are
    // handled elsewhere: .NET 9 made VectorN.Min/Max IEEE 754 minimum/maximum, which costs extra instructions;
    // MinNative/MaxNative are the single ones. The scalar overloads run the same instruction on lane 0, so that
    // scalar results keep matching SIMD lanes bit for bit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Minimum(float x, float y) => Minimum(Vector128.CreateScalarUnsafe(x), Vector128.CreateScalarUnsafe(y)).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Maximum(float x, float y) => Maximum(Vector128.CreateScalarUnsafe(x), Vector128.CreateScalarUnsafe(y)).ToScalar();

#if NET9_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Minimum(Vector128<float> x, Vector128<float> y) => Vector128.MinNative(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Minimum(Vector256<float> x, Vector256<float> y) => Vector256.MinNative(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Minimum(Vector512<float> x, Vector512<float> y) => Vector512.MinNative(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Maximum(Vector128<float> x, Vector128<float> y) => Vector128.MaxNative(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Maximum(Vector256<float> x, Vector256<float> y) => Vector256.MaxNative(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Maximum(Vector512<float> x, Vector512<float> y) => Vector512.MaxNative(x, y);
#else
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Minimum(Vector128<float> x, Vector128<float> y) => Vector128.Min(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Minimum(Vector256<float> x, Vector256<float> y) => Vector256.Min(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Minimum(Vector512<float> x, Vector512<float> y) => Vector512.Min(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Maximum(Vector128<float> x, Vector128<float> y) => Vector128.Max(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Maximum(Vector256<float> x, Vector256<float> y) => Vector256.Max(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Maximum(Vector512<float> x, Vector512<float> y) => Vector512.Max(x, y);
#endif
}
