namespace Unrolled.Benchmarks.Report;

/// <summary>A Markdown table: the first column left-aligned, the others (numbers) right-aligned.</summary>
public sealed class MarkdownTable
{
    private readonly string[] _header;
    private readonly List<string[]> _rows = [];

    public MarkdownTable(params string[] header) => _header = header;

    public int RowCount => _rows.Count;

    public void Add(params string[] cells)
    {
        if (cells.Length != _header.Length)
        {
            throw new ArgumentException($"A row of {cells.Length} cells in a table of {_header.Length} columns.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine($"| {string.Join(" | ", _header)} |");
        writer.WriteLine($"|{string.Join("|", _header.Select((_, k) => k == 0 ? "---" : "---:"))}|");
        foreach (string[] row in _rows)
        {
            writer.WriteLine($"| {string.Join(" | ", row)} |");
        }

        writer.WriteLine();
    }
}
