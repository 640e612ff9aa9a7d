using System;
using System.Text;

namespace Unrolled.Generators.Emit;

/// <summary>
/// Writes indented C#. <see cref="Block"/> opens a brace and returns a handle that closes it, so emitting code reads
/// top-down like the code it produces. Lines longer than <see cref="MaxLineLength"/> are wrapped: code after a comma,
/// comments between words.
/// </summary>
internal sealed class CodeWriter
{
    /// <summary>The longest line written, indentation included.</summary>
    public const int MaxLineLength = 150;

    private readonly StringBuilder _text = new();
    private int _indent;
    private bool _closedBlock;

    /// <summary>Writes one line; a statement right after a closing brace gets a blank line before it, as people write.</summary>
    public void Line(string line)
    {
        if (_closedBlock && line != "}" && !line.StartsWith("finally", StringComparison.Ordinal) && !line.StartsWith("else", StringComparison.Ordinal))
        {
            _text.Append('\n');
        }

        _closedBlock = false;
        Wrap(line, _indent * 4);
    }

    public void Line()
    {
        _closedBlock = false;
        _text.Append('\n');
    }

    public Scope Block(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return new Scope(this);
    }

    public override string ToString() => _text.ToString();

    private void Wrap(string line, int indent)
    {
        string trimmed = line.TrimStart();
        string comment = trimmed.StartsWith("///", StringComparison.Ordinal) ? "/// " : trimmed.StartsWith("//", StringComparison.Ordinal) ? "// " : string.Empty;
        while (indent + line.Length > MaxLineLength)
        {
            int limit = MaxLineLength - indent;
            (int end, int next) = comment.Length > 0 ? BreakBetweenWords(line, limit, comment.Length) : BreakInCode(line, limit);
            if (end <= comment.Length)
            {
                break; // nothing to break at: leave the line long rather than break it wrongly
            }

            _text.Append(' ', indent).Append(line, 0, end).Append('\n');
            line = (comment.Length > 0 ? comment : "    ") + line.Substring(next);
        }

        _text.Append(' ', indent).Append(line).Append('\n');
    }

    private static (int End, int Next) BreakBetweenWords(string line, int limit, int start)
    {
        int space = line.LastIndexOf(' ', limit, limit - start);
        return (space, space + 1);
    }

    /// <summary>
    /// Where to break a line of code: after a ", " or before a " + ", the last one before <paramref name="limit"/> among
    /// those least deep in parentheses (so that a call's arguments stay together), outside string literals.
    /// </summary>
    private static (int End, int Next) BreakInCode(string line, int limit)
    {
        (int End, int Next) best = (-1, -1);
        int bestDepth = int.MaxValue, depth = 0;
        bool quoted = false;
        for (int i = 0; i < line.Length - 2 && i < limit; i++)
        {
            char c = line[i];
            if (c == '"' && (i == 0 || line[i - 1] != '\\'))
            {
                quoted = !quoted;
            }
            else if (quoted)
            {
                continue;
            }
            else if (c == '(' || c == '[')
            {
                depth++;
            }
            else if (c == ')' || c == ']')
            {
                depth--;
            }
            else if (depth <= bestDepth && c == ',' && line[i + 1] == ' ')
            {
                (best, bestDepth) = ((i + 1, i + 2), depth);
            }
            else if (depth <= bestDepth && c == ' ' && line[i + 1] == '+' && line[i + 2] == ' ' && i > 0)
            {
                (best, bestDepth) = ((i, i + 1), depth);
            }
        }

        return best;
    }

    public readonly struct Scope : IDisposable
    {
        private readonly CodeWriter _writer;

        public Scope(CodeWriter writer) => _writer = writer;

        public void Dispose()
        {
            _writer._indent--;
            _writer.Line("}");
            _writer._closedBlock = true;
        }
    }
}
