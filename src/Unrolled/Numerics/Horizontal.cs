using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Unrolled.Numerics;

/// <summary>
/// The sum (and the largest) of a vector's lanes, by halving: the upper half is added to the lower until 128 bits remain, then two
/// (float) or one (double) shuffle-and-add. About half the instructions of <c>Vector512.Sum</c> on .NET 10, which
/// reduces each 128-bit quarter separately; generated backward passes call it once per row of a weight matrix.
/// </summary>
/// <remarks>Lanes are added in a fixed tree order, so the result may differ from a left-to-right sum in the last bits.</remarks>
public static class Horizontal
{
    /// <summary>The largest of the four lanes (NaN as <see cref="Vector128.Max{T}"/> treats it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(Vector128<float> x)
    {
        x = Vector128.Max(x, Vector128.Shuffle(x, Vector128.Create(2, 3, 0, 1)));
        x = Vector128.Max(x, Vector128.Shuffle(x, Vector128.Create(1, 0, 3, 2)));
        return x.ToScalar();
    }

    /// <summary>The largest of the eight lanes (NaN as <see cref="Vector256.Max{T}"/> treats it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(Vector256<float> x) => Max(Vector128.Max(x.GetLower(), x.GetUpper()));

    /// <summary>The largest of the sixteen lanes (NaN as <see cref="Vector512.Max{T}"/> treats it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(Vector512<float> x) => Max(Vector256.Max(x.GetLower(), x.GetUpper()));

    /// <summary>The sum of the four lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> x)
    {
        x += Vector128.Shuffle(x, Vector128.Create(2, 3, 0, 1));
        x += Vector128.Shuffle(x, Vector128.Create(1, 0, 3, 2));
        return x.ToScalar();
    }

    /// <summary>The sum of the eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> x) => Sum(x.GetLower() + x.GetUpper());

    /// <summary>The sum of the sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> x) => Sum(x.GetLower() + x.GetUpper());

    /// <summary>The sum of the two lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector128<double> x) => (x + Vector128.Shuffle(x, Vector128.Create(1L, 0L))).ToScalar();

    /// <summary>The sum of the four lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector256<double> x) => Sum(x.GetLower() + x.GetUpper());

    /// <summary>The sum of the eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector512<double> x) => Sum(x.GetLower() + x.GetUpper());
}
