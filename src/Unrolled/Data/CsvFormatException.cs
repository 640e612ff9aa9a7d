namespace Unrolled;

/// <summary>A CSV file that <see cref="CsvLoader"/> cannot read: the message names the line and the column.</summary>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="line"/> (1-based, the header is line 1) and an optional column.</summary>
    public CsvFormatException(string message, int line, string? column = null)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    /// <summary>The 1-based line of the file (the header is line 1).</summary>
    public int Line { get; }

    /// <summary>The name of the offending column, or null when the problem concerns the whole line.</summary>
    public string? Column { get; }
}
