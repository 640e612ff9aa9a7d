using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Unrolled.Benchmarks.Peak;

/// <summary>
/// The machine's fused multiply-add peak, in C#: <see cref="Chains"/> independent chains <c>a = a * b + c</c> of
/// vector FMAs, enough to cover the FMA latency (4 cycles) times the FMA ports (2) of the x86-64 cores this project
/// runs on, with every accumulator in a register. The values converge to 1 (no subnormals, no overflow). Like
/// <c>../shared/bench/peak.c</c> (10 chains of 256-bit FMAs), with two chains more.
/// </summary>
public static class FmaChains
{
    /// <summary>Independent chains per loop iteration (14 vector registers with b and c: fits AVX2's 16).</summary>
    public const int Chains = 12;

    /// <summary>Runs <paramref name="iterations"/> x <see cref="Chains"/> 256-bit FMAs (8 float multiply-adds each).</summary>
    /// <returns>A sum of the chains, so that nothing is optimized away.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float Run256(int iterations)
    {
        Vector256<float> b = Vector256.Create(0.9999999f), c = Vector256.Create(1e-7f);
        Vector256<float> a0 = Vector256<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        Vector256<float> a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int n = 0; n < iterations; n++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, b, c);
            a1 = Vector256.FusedMultiplyAdd(a1, b, c);
            a2 = Vector256.FusedMultiplyAdd(a2, b, c);
            a3 = Vector256.FusedMultiplyAdd(a3, b, c);
            a4 = Vector256.FusedMultiplyAdd(a4, b, c);
            a5 = Vector256.FusedMultiplyAdd(a5, b, c);
            a6 = Vector256.FusedMultiplyAdd(a6, b, c);
            a7 = Vector256.FusedMultiplyAdd(a7, b, c);
            a8 = Vector256.FusedMultiplyAdd(a8, b, c);
            a9 = Vector256.FusedMultiplyAdd(a9, b, c);
            a10 = Vector256.FusedMultiplyAdd(a10, b, c);
            a11 = Vector256.FusedMultiplyAdd(a11, b, c);
        }

        Vector256<float> sum = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11));
        return Vector256.Sum(sum);
    }

    /// <summary>Runs <paramref name="iterations"/> x <see cref="Chains"/> 512-bit FMAs (16 float multiply-adds each).</summary>
    /// <returns>A sum of the chains, so that nothing is optimized away.</returns>
    /// <remarks>Meaningful only where <see cref="Vector512.IsHardwareAccelerated"/>; elsewhere it is emulated.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float Run512(int iterations)
    {
        Vector512<float> b = Vector512.Create(0.9999999f), c = Vector512.Create(1e-7f);
        Vector512<float> a0 = Vector512<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        Vector512<float> a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int n = 0; n < iterations; n++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, b, c);
            a1 = Vector512.FusedMultiplyAdd(a1, b, c);
            a2 = Vector512.FusedMultiplyAdd(a2, b, c);
            a3 = Vector512.FusedMultiplyAdd(a3, b, c);
            a4 = Vector512.FusedMultiplyAdd(a4, b, c);
            a5 = Vector512.FusedMultiplyAdd(a5, b, c);
            a6 = Vector512.FusedMultiplyAdd(a6, b, c);
            a7 = Vector512.FusedMultiplyAdd(a7, b, c);
            a8 = Vector512.FusedMultiplyAdd(a8, b, c);
            a9 = Vector512.FusedMultiplyAdd(a9, b, c);
            a10 = Vector512.FusedMultiplyAdd(a10, b, c);
            a11 = Vector512.FusedMultiplyAdd(a11, b, c);
        }

        Vector512<float> sum = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11));
        return Vector512.Sum(sum);
    }
}
