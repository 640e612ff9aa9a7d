using System.Text;

namespace Unrolled.Benchmarks.Report;

/// <summary>A CSV file as BenchmarkDotNet's CsvExporter writes it: a header line, then one row per benchmark.</summary>
public static class CsvTable
{
    /// <summary>The rows of <paramref name="path"/>, each a map from column name to its text.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            return [];
        }

        IReadOnlyList<string> header = SplitLine(lines[0]);
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            IReadOnlyList<string> fields = SplitLine(line);
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int k = 0; k < header.Count && k < fields.Count; k++)
            {
                row[header[k]] = fields[k];
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Splits one line at commas outside double quotes; <c>""</c> inside quotes is a quote.</summary>
    public static IReadOnlyList<string> SplitLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int k = 0; k < line.Length; k++)
        {
            char c = line[k];
            if (quoted && c == '"' && k + 1 < line.Length && line[k + 1] == '"')
            {
                field.Append('"');
                k++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
