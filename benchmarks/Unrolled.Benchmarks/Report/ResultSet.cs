using System.Globalization;

namespace Unrolled.Benchmarks.Report;

/// <summary>Every row of the <c>*-report.csv</c> files in a BenchmarkDotNet results directory.</summary>
public sealed class ResultSet
{
    private const string FileSuffix = "-report.csv";

    private ResultSet(IReadOnlyList<BenchmarkResult> results, string directory)
    {
        Results = results;
        Directory = directory;
    }

    public IReadOnlyList<BenchmarkResult> Results { get; }

    public string Directory { get; }

    /// <summary>Reads <paramref name="directory"/>'s result files (one per benchmark class, named after it).</summary>
    public static ResultSet Load(string directory)
    {
        var results = new List<BenchmarkResult>();
        foreach (string path in System.IO.Directory.GetFiles(directory, "*" + FileSuffix).Order(StringComparer.Ordinal))
        {
            string fullName = Path.GetFileName(path)[..^FileSuffix.Length];
            string typeName = fullName[(fullName.LastIndexOf('.') + 1)..];
            foreach (IReadOnlyDictionary<string, string> row in CsvTable.Read(path))
            {
                results.Add(new BenchmarkResult(
                    typeName,
                    row.GetValueOrDefault("Method", ""),
                    row.TryGetValue("Samples", out string? samples) ? int.Parse(samples, NumberStyles.Integer | NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : null,
                    Quantities.Nanoseconds(row.GetValueOrDefault("Mean")),
                    row.TryGetValue("Allocated", out string? allocated) ? Quantities.Bytes(allocated) : null));
            }
        }

        return new ResultSet(results, directory);
    }

    /// <summary>The mean in ns of <paramref name="typeName"/>.<paramref name="method"/> (at <paramref name="samples"/>), or null.</summary>
    public double? Mean(string typeName, string method, int? samples = null) =>
        Results.FirstOrDefault(r => r.TypeName == typeName && r.Method == method && r.Samples == samples)?.MeanNs;
}
