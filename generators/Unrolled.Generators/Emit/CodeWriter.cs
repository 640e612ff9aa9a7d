using System;
using System.Text;

namespace Unrolled.Generators.Emit;

/// <summary>
/// Writes indented C#. <see cref="Block"/> opens a brace and returns a handle that closes it, so emitting code
/// reads top-down like the code it produces.
/// </summary>
internal sealed class CodeWriter
{
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
        _text.Append(' ', _indent * 4).Append(line).Append('\n');
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

    /// <summary>A bare block, to scope the locals of one piece of work.</summary>
    public Scope Block()
    {
        Line("{");
        _indent++;
        return new Scope(this);
    }

    public override string ToString() => _text.ToString();

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
