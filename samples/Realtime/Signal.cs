namespace Realtime;

/// <summary>The test signal and the drive knob.</summary>
internal static class Signal
{
    /// <summary>A logarithmic (exponential) sine sweep from <paramref name="from"/> to <paramref name="to"/> Hz.</summary>
    public static void Sweep(Span<float> buffer, int sampleRate, double from, double to, double amplitude)
    {
        double duration = buffer.Length / (double)sampleRate;
        double rate = Math.Log(to / from);
        for (int i = 0; i < buffer.Length; i++)
        {
            double t = i / (double)sampleRate;
            double phase = 2 * Math.PI * from * duration / rate * (Math.Exp(t / duration * rate) - 1);
            buffer[i] = (float)(amplitude * Math.Sin(phase));
        }
    }

    /// <summary>A knob turned slowly between 0 and 1: 0.5 - 0.5 cos(2 pi f t).</summary>
    public static void Knob(Span<float> buffer, int sampleRate, double frequency)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * frequency * i / sampleRate));
        }
    }

    /// <summary>The largest magnitude in the buffer (NaN if any sample is NaN).</summary>
    public static float Peak(ReadOnlySpan<float> buffer)
    {
        float peak = 0;
        foreach (float sample in buffer)
        {
            if (float.IsNaN(sample))
            {
                return float.NaN;
            }

            peak = Math.Max(peak, Math.Abs(sample));
        }

        return peak;
    }
}
