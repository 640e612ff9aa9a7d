using System.Collections.Generic;
using System.Globalization;
using System.Numerics;

namespace Unrolled;

/// <summary>
/// Reads a dataset from comma-separated text: a header row of column names, then one sample per line. Numbers are
/// parsed with the invariant culture (a dot for decimals, whatever the machine's locale). Cells may be quoted with
/// double quotes; blank lines are skipped; spaces around a cell are ignored.
/// </summary>
public static class CsvLoader
{
    /// <summary>
    /// Loads a classification set from the file at <paramref name="path"/>: every column except
    /// <paramref name="labelColumn"/> is a feature, in file order; the label column holds integer classes
    /// 0, 1, ..., which become one-hot targets.
    /// </summary>
    /// <param name="path">The file to read (UTF-8).</param>
    /// <param name="labelColumn">The name of the column that holds the class (matched exactly).</param>
    /// <param name="classCount">The number of classes, or 0 to use the largest label + 1.</param>
    /// <param name="separator">The cell separator.</param>
    /// <exception cref="ArgumentException">The header has no column named <paramref name="labelColumn"/>.</exception>
    /// <exception cref="CsvFormatException">A cell is not a number, a line has the wrong number of cells, a label is not a valid class, or there is no data.</exception>
    public static Dataset<T> Load<T>(string path, string labelColumn, int classCount = 0, char separator = ',')
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Load<T>(reader, labelColumn, classCount, separator);
    }

    /// <summary>Loads a classification set from <paramref name="reader"/>; see <see cref="Load{T}(string, string, int, char)"/>.</summary>
    /// <exception cref="ArgumentException">The header has no column named <paramref name="labelColumn"/>.</exception>
    /// <exception cref="CsvFormatException">A cell is not a number, a line has the wrong number of cells, a label is not a valid class, or there is no data.</exception>
    public static Dataset<T> Load<T>(TextReader reader, string labelColumn, int classCount = 0, char separator = ',')
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(labelColumn);
        ArgumentOutOfRangeException.ThrowIfNegative(classCount);
        ArgumentOutOfRangeException.ThrowIfEqual(classCount, 1);

        var table = Table.Read<T>(reader, separator, [labelColumn], nameof(labelColumn));
        int rows = table.Rows;
        var labels = new int[rows];
        int largest = 0;
        for (int r = 0; r < rows; r++)
        {
            T value = table.Selected[r];
            if (!T.IsInteger(value) || T.IsNegative(value) || value > T.CreateTruncating(int.MaxValue - 1))
            {
                throw new CsvFormatException(
                    $"Line {table.Lines[r]}, column '{labelColumn}': '{value}' is not a class (an integer 0, 1, ...).", table.Lines[r], labelColumn);
            }

            labels[r] = int.CreateTruncating(value);
            if (classCount > 0 && labels[r] >= classCount)
            {
                throw new CsvFormatException(
                    $"Line {table.Lines[r]}, column '{labelColumn}': class {labels[r]} is outside [0, {classCount}).", table.Lines[r], labelColumn);
            }

            largest = Math.Max(largest, labels[r]);
        }

        int classes = classCount > 0 ? classCount : Math.Max(largest + 1, 2);
        return new Dataset<T>(table.Features, table.FeatureCount, OneHot.Encode<T>(labels, classes), classes, labels);
    }

    /// <summary>
    /// Loads a regression set from <paramref name="reader"/>: the columns named in <paramref name="targetColumns"/>
    /// are the targets, in that order; every other column is a feature, in file order.
    /// </summary>
    /// <exception cref="ArgumentException">No target column is named, or the header lacks one of them.</exception>
    /// <exception cref="CsvFormatException">A cell is not a number, a line has the wrong number of cells, or there is no data.</exception>
    public static Dataset<T> LoadRegression<T>(TextReader reader, IReadOnlyList<string> targetColumns, char separator = ',')
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(targetColumns);
        if (targetColumns.Count == 0)
        {
            throw new ArgumentException("Name at least one target column.", nameof(targetColumns));
        }

        var table = Table.Read<T>(reader, separator, targetColumns, nameof(targetColumns));
        return new Dataset<T>(table.Features, table.FeatureCount, table.Selected, targetColumns.Count, null);
    }

    /// <summary>The parsed cells, split into the selected columns (labels or targets) and the features.</summary>
    private sealed class Table<T>
    {
        public required T[] Features { get; init; }

        public required int FeatureCount { get; init; }

        public required T[] Selected { get; init; }

        public required int[] Lines { get; init; }

        public int Rows => Lines.Length;
    }

    private static class Table
    {
        public static Table<T> Read<T>(TextReader reader, char separator, IReadOnlyList<string> selectedNames, string argument)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            int lineNumber = 0;
            string? line;
            List<string>? header = null;
            while ((line = reader.ReadLine()) is not null)
            {
                lineNumber++;
                if (!string.IsNullOrWhiteSpace(line))
                {
                    header = Split(line, separator, lineNumber);
                    break;
                }
            }

            if (header is null)
            {
                throw new CsvFormatException("The CSV text is empty: expected a header row of column names.", Math.Max(lineNumber, 1));
            }

            for (int c = 0; c < header.Count; c++)
            {
                if (header.IndexOf(header[c]) != c)
                {
                    throw new CsvFormatException($"Line {lineNumber}: the header names column '{header[c]}' twice.", lineNumber, header[c]);
                }
            }

            // Where each cell goes: selected column s -> -(s + 1), feature f -> f.
            var destination = new int[header.Count];
            for (int c = 0; c < header.Count; c++)
            {
                destination[c] = int.MaxValue;
            }

            for (int s = 0; s < selectedNames.Count; s++)
            {
                int c = header.IndexOf(selectedNames[s]);
                if (c < 0)
                {
                    throw new ArgumentException(
                        $"The CSV header has no column '{selectedNames[s]}'; its columns are: {string.Join(", ", header)}.", argument);
                }

                destination[c] = -(s + 1);
            }

            int featureCount = 0;
            for (int c = 0; c < header.Count; c++)
            {
                if (destination[c] == int.MaxValue)
                {
                    destination[c] = featureCount++;
                }
            }

            if (featureCount == 0)
            {
                throw new CsvFormatException($"Line {lineNumber}: the header has no feature column besides the target column(s).", lineNumber);
            }

            var features = new List<T>();
            var selected = new List<T>();
            var lines = new List<int>();
            while ((line = reader.ReadLine()) is not null)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var cells = Split(line, separator, lineNumber);
                if (cells.Count != header.Count)
                {
                    throw new CsvFormatException(
                        $"Line {lineNumber} has {cells.Count} cells, but the header has {header.Count} columns.", lineNumber);
                }

                int featureStart = features.Count, selectedStart = selected.Count;
                for (int f = 0; f < featureCount; f++)
                {
                    features.Add(T.Zero);
                }

                for (int s = 0; s < selectedNames.Count; s++)
                {
                    selected.Add(T.Zero);
                }

                for (int c = 0; c < cells.Count; c++)
                {
                    if (!T.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out T value) || !T.IsFinite(value))
                    {
                        throw new CsvFormatException(
                            $"Line {lineNumber}, column '{header[c]}' (column {c + 1}): '{cells[c]}' is not a finite number.", lineNumber, header[c]);
                    }

                    if (destination[c] >= 0)
                    {
                        features[featureStart + destination[c]] = value;
                    }
                    else
                    {
                        selected[selectedStart - destination[c] - 1] = value;
                    }
                }

                lines.Add(lineNumber);
            }

            if (lines.Count == 0)
            {
                throw new CsvFormatException($"The CSV text has a header but no data rows (it ends at line {lineNumber}).", lineNumber);
            }

            return new Table<T>
            {
                Features = features.ToArray(),
                FeatureCount = featureCount,
                Selected = selected.ToArray(),
                Lines = lines.ToArray(),
            };
        }

        /// <summary>Splits one line into trimmed cells; a cell in double quotes may hold the separator and "" for a quote.</summary>
        private static List<string> Split(string line, char separator, int lineNumber)
        {
            var cells = new List<string>();
            var cell = new System.Text.StringBuilder();
            int i = 0;
            while (true)
            {
                cell.Clear();
                while (i < line.Length && line[i] == ' ')
                {
                    i++;
                }

                if (i < line.Length && line[i] == '"')
                {
                    i++;
                    while (true)
                    {
                        if (i >= line.Length)
                        {
                            throw new CsvFormatException($"Line {lineNumber}: a quoted cell is not closed.", lineNumber);
                        }

                        if (line[i] == '"')
                        {
                            if (i + 1 < line.Length && line[i + 1] == '"')
                            {
                                cell.Append('"');
                                i += 2;
                                continue;
                            }

                            i++;
                            break;
                        }

                        cell.Append(line[i++]);
                    }

                    while (i < line.Length && line[i] != separator)
                    {
                        if (!char.IsWhiteSpace(line[i]))
                        {
                            throw new CsvFormatException($"Line {lineNumber}: text follows a quoted cell before the separator.", lineNumber);
                        }

                        i++;
                    }

                    cells.Add(cell.ToString());
                }
                else
                {
                    int start = i;
                    while (i < line.Length && line[i] != separator)
                    {
                        i++;
                    }

                    cells.Add(line[start..i].Trim());
                }

                if (i >= line.Length)
                {
                    return cells;
                }

                i++; // past the separator
            }
        }
    }
}
