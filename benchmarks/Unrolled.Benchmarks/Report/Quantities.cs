using System.Globalization;

namespace Unrolled.Benchmarks.Report;

/// <summary>Times and sizes as BenchmarkDotNet prints them ("1,234.5 ns", "3.019 μs", "352 B", "1.2 KB", "-", "NA").</summary>
public static class Quantities
{
    /// <summary>The time in nanoseconds, or null for "NA", "-" or an empty cell.</summary>
    public static double? Nanoseconds(string? text) => Parse(text, TimeUnits);

    /// <summary>The size in bytes ("-" is zero, as BenchmarkDotNet writes no allocation), or null for "NA" or empty.</summary>
    public static double? Bytes(string? text) => text?.Trim() == "-" ? 0 : Parse(text, SizeUnits);

    private static readonly Dictionary<string, double> TimeUnits = new(StringComparer.Ordinal)
    {
        ["ps"] = 1e-3, ["ns"] = 1, ["μs"] = 1e3, ["µs"] = 1e3, ["us"] = 1e3, ["ms"] = 1e6, ["s"] = 1e9,
    };

    private static readonly Dictionary<string, double> SizeUnits = new(StringComparer.Ordinal)
    {
        ["B"] = 1, ["KB"] = 1024, ["MB"] = 1024 * 1024, ["GB"] = 1024.0 * 1024 * 1024,
    };

    private static double? Parse(string? text, Dictionary<string, double> units)
    {
        string[] parts = (text ?? "").Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !double.TryParse(parts[0], NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out double value))
        {
            return null;
        }

        if (parts.Length == 1)
        {
            return value;
        }

        return units.TryGetValue(parts[1], out double scale)
            ? value * scale
            : throw new FormatException($"Unknown unit '{parts[1]}' in '{text}'.");
    }
}
