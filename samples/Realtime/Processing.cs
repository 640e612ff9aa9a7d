using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Realtime;

/// <summary>The audio loop: one Forward call per sample, with the input and output on the stack.</summary>
internal static class Processing
{
    /// <summary>Shapes <paramref name="signal"/> into <paramref name="shaped"/>, timing every call.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Timed(Waveshaper shaper, ReadOnlySpan<float> signal, ReadOnlySpan<float> drive, Span<float> shaped, Span<long> latencies)
    {
        Span<float> input = stackalloc float[Waveshaper.InputCount];
        Span<float> output = stackalloc float[Waveshaper.OutputCount];
        for (int i = 0; i < signal.Length; i++)
        {
            input[0] = signal[i];
            input[1] = drive[i];
            long start = Stopwatch.GetTimestamp();
            shaper.Forward(input, output);
            latencies[i] = Stopwatch.GetTimestamp() - start;
            shaped[i] = output[0];
        }
    }

    /// <summary>Shapes <paramref name="signal"/> into <paramref name="shaped"/> as fast as it goes.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Untimed(Waveshaper shaper, ReadOnlySpan<float> signal, ReadOnlySpan<float> drive, Span<float> shaped)
    {
        Span<float> input = stackalloc float[Waveshaper.InputCount];
        Span<float> output = stackalloc float[Waveshaper.OutputCount];
        for (int i = 0; i < signal.Length; i++)
        {
            input[0] = signal[i];
            input[1] = drive[i];
            shaper.Forward(input, output);
            shaped[i] = output[0];
        }
    }

    /// <summary>The smallest difference between two consecutive timestamps: what timing one call adds to it.</summary>
    public static long TimerOverhead()
    {
        long best = long.MaxValue;
        for (int i = 0; i < 100_000; i++)
        {
            long start = Stopwatch.GetTimestamp();
            long elapsed = Stopwatch.GetTimestamp() - start;
            best = Math.Min(best, elapsed);
        }

        return best;
    }
}
