using System.Globalization;

namespace Unrolled.Benchmarks.Report;

/// <summary>How the report writes numbers: "–" where a figure is missing, three significant digits or more.</summary>
public static class Format
{
    public const string Missing = "–";

    /// <summary>A time in ns: 12,345 / 123 / 12.3 / 1.23.</summary>
    public static string Time(double? ns) => ns switch
    {
        null => Missing,
        >= 100 => ns.Value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => ns.Value.ToString("F1", CultureInfo.InvariantCulture),
        _ => ns.Value.ToString("F2", CultureInfo.InvariantCulture),
    };

    /// <summary>a / b to two decimals, "0.81x".</summary>
    public static string Ratio(double? a, double? b) =>
        a is null || b is null || b == 0 ? Missing : (a.Value / b.Value).ToString("F2", CultureInfo.InvariantCulture) + "x";

    /// <summary>The share of <paramref name="peak"/> that <paramref name="multiplyAdds"/> in <paramref name="ns"/> reach, in percent.</summary>
    public static string PercentOfPeak(double multiplyAdds, double? ns, double? peak)
    {
        if (ns is null || peak is null || ns == 0)
        {
            return Missing;
        }

        double percent = 100 * multiplyAdds / ns.Value / peak.Value;
        return percent.ToString(percent < 10 ? "F1" : "F0", CultureInfo.InvariantCulture) + "%";
    }

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(double? value, string format) =>
        value is null ? Missing : value.Value.ToString(format, CultureInfo.InvariantCulture);
}
