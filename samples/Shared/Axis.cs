using System.Globalization;

namespace Unrolled.Samples;

/// <summary>A linear or logarithmic axis: its range in data units and where its ticks go.</summary>
internal sealed class Axis
{
    private Axis(double min, double max, bool log, double[] ticks, Func<double, string> format)
    {
        Min = min;
        Max = max;
        Log = log;
        Ticks = ticks;
        Format = format;
    }

    public double Min { get; }

    public double Max { get; }

    public bool Log { get; }

    public double[] Ticks { get; }

    public Func<double, string> Format { get; }

    /// <summary>Where <paramref name="value"/> falls on the axis, 0 at <see cref="Min"/> and 1 at <see cref="Max"/>.</summary>
    public double Fraction(double value) => Log
        ? (Math.Log10(Math.Max(value, double.Epsilon)) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
        : (value - Min) / (Max - Min);

    /// <summary>
    /// A linear axis over [min, max] with "nice" ticks (1, 2 or 5 times a power of ten); with
    /// <paramref name="extendToTicks"/> the range grows to the ticks just outside it.
    /// </summary>
    public static Axis Linear(double min, double max, bool extendToTicks, int targetTicks = 6)
    {
        if (!(max > min))
        {
            double pad = Math.Abs(min) > 0 ? Math.Abs(min) * 0.1 : 1;
            (min, max) = (min - pad, max + pad);
        }

        double step = NiceStep((max - min) / targetTicks);
        if (extendToTicks)
        {
            min = Math.Floor(min / step + 1e-9) * step;
            max = Math.Ceiling(max / step - 1e-9) * step;
        }

        var ticks = new List<double>();
        for (double k = Math.Ceiling(min / step - 1e-9); k * step <= max + step * 1e-9; k++)
        {
            double tick = Math.Round(k * step, 10);
            ticks.Add(tick == 0 ? 0 : tick);
        }

        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        string format = "F" + decimals.ToString(CultureInfo.InvariantCulture);
        return new Axis(min, max, log: false, ticks.ToArray(), v => v.ToString(format, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A base-10 logarithmic axis covering [min, max] (both positive), widened to the nearest 1, 2 or 5 times a power
    /// of ten on each side; ticks at 1, 2 and 5 of each decade when it spans few decades, else at powers of ten.
    /// </summary>
    public static Axis Logarithmic(double min, double max)
    {
        min = Math.Max(min, 1e-12);
        max = Math.Max(max, min * 1.0001);
        double low = NiceBelow(min), high = NiceAbove(max);
        double[] multiples = Math.Log10(high / low) <= 2.5 ? [1, 2, 5] : [1];
        var ticks = new List<double>();
        for (int e = (int)Math.Floor(Math.Log10(low)) - 1; e <= (int)Math.Ceiling(Math.Log10(high)); e++)
        {
            foreach (double m in multiples)
            {
                double tick = m * Math.Pow(10, e);
                if (tick >= low * (1 - 1e-9) && tick <= high * (1 + 1e-9))
                {
                    ticks.Add(tick);
                }
            }
        }

        return new Axis(low, high, log: true, ticks.ToArray(), FormatLog);
    }

    private static double NiceBelow(double value)
    {
        double decade = Math.Pow(10, Math.Floor(Math.Log10(value) + 1e-9));
        double n = value / decade;
        return (n >= 5 - 1e-9 ? 5 : n >= 2 - 1e-9 ? 2 : 1) * decade;
    }

    private static double NiceAbove(double value)
    {
        double decade = Math.Pow(10, Math.Floor(Math.Log10(value) - 1e-9));
        double n = value / decade;
        return (n <= 1 + 1e-9 ? 1 : n <= 2 + 1e-9 ? 2 : n <= 5 + 1e-9 ? 5 : 10) * decade;
    }

    private static string FormatLog(double value) =>
        value >= 1e-3 && value < 1e5
            ? value.ToString("0.#####", CultureInfo.InvariantCulture)
            : value.ToString("0.#e0", CultureInfo.InvariantCulture);

    private static double NiceStep(double raw)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double n = raw / magnitude;
        double nice = n < 1.5 ? 1 : n < 3 ? 2 : n < 7 ? 5 : 10;
        return nice * magnitude;
    }
}
