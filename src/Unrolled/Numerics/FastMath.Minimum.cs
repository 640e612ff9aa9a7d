using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Unrolled.Numerics;

public static partial class FastMath
{
    // The hardware minimum (one instruction), for operands known not to be NaN or -0 at the point of use: .NET 9
    // made VectorN.Min IEEE 754 minimum, which costs extra instructions; MinNative is the old single one.
#if NET9_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Minimum(Vector128<float> x, Vector128<float> y) => Vector128.MinNative(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Minimum(Vector256<float> x, Vector256<float> y) => Vector256.MinNative(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Minimum(Vector512<float> x, Vector512<float> y) => Vector512.MinNative(x, y);
#else
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Minimum(Vector128<float> x, Vector128<float> y) => Vector128.Min(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Minimum(Vector256<float> x, Vector256<float> y) => Vector256.Min(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Minimum(Vector512<float> x, Vector512<float> y) => Vector512.Min(x, y);
#endif
}
