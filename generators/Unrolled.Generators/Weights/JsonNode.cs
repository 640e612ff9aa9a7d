using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using static System.FormattableString;

namespace Unrolled.Generators.Weights;

/// <summary>The kinds of JSON value.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// A parsed JSON value: just enough JSON for parameter documents, because System.Text.Json is not something a
/// netstandard2.0 generator can count on inside every compiler host. Accepts what <c>JsonDocument</c> accepts with
/// comments skipped (RFC 8259, <c>//</c> and <c>/* */</c> comments, depth 64); numbers keep their text so that
/// each is parsed once, straight to the type it is read as.
/// </summary>
internal sealed class JsonNode
{
    private const int MaxDepth = 64;

    private JsonNode(JsonKind kind, string text = "", List<JsonNode>? items = null, List<KeyValuePair<string, JsonNode>>? members = null)
    {
        Kind = kind;
        Text = text;
        Items = items ?? new List<JsonNode>();
        Members = members ?? new List<KeyValuePair<string, JsonNode>>();
    }

    public JsonKind Kind { get; }

    /// <summary>A string's value, or a number's text as written.</summary>
    public string Text { get; }

    public List<JsonNode> Items { get; }

    public List<KeyValuePair<string, JsonNode>> Members { get; }

    /// <summary>The value of the property <paramref name="name"/> of an object, or null.</summary>
    public JsonNode? Property(string name)
    {
        foreach (var member in Members)
        {
            if (member.Key == name)
            {
                return member.Value;
            }
        }

        return null;
    }

    /// <summary>The value as JSON text, for messages (strings quoted, containers abbreviated).</summary>
    public string Raw() => Kind switch
    {
        JsonKind.String => "\"" + Text + "\"",
        JsonKind.Number => Text,
        JsonKind.True => "true",
        JsonKind.False => "false",
        JsonKind.Null => "null",
        JsonKind.Array => "[...]",
        _ => "{...}",
    };

    /// <summary>Parses a whole document.</summary>
    /// <exception cref="InvalidDataException">The text is not one JSON value; the message gives the line and column.</exception>
    public static JsonNode Parse(string text)
    {
        var parser = new Parser(text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text);
        JsonNode value = parser.Value(0);
        parser.End();
        return value;
    }

    private sealed class Parser
    {
        private readonly string _text;
        private int _at;

        public Parser(string text) => _text = text;

        public JsonNode Value(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error(Invariant($"the document nests deeper than {MaxDepth} levels"));
            }

            SkipSpace();
            if (_at >= _text.Length)
            {
                throw Error("the document ends where a value should start");
            }

            char c = _text[_at];
            switch (c)
            {
                case '{':
                    return Object(depth);
                case '[':
                    return Array(depth);
                case '"':
                    return new JsonNode(JsonKind.String, String());
                case 't':
                    return Literal("true", JsonKind.True);
                case 'f':
                    return Literal("false", JsonKind.False);
                case 'n':
                    return Literal("null", JsonKind.Null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return new JsonNode(JsonKind.Number, Number());
                    }

                    throw Error($"'{c}' cannot start a value");
            }
        }

        public void End()
        {
            SkipSpace();
            if (_at < _text.Length)
            {
                throw Error($"'{_text[_at]}' follows the document's value");
            }
        }

        private JsonNode Object(int depth)
        {
            var members = new List<KeyValuePair<string, JsonNode>>();
            _at++;
            SkipSpace();
            if (Peek() == '}')
            {
                _at++;
                return new JsonNode(JsonKind.Object, members: members);
            }

            while (true)
            {
                SkipSpace();
                if (Peek() != '"')
                {
                    throw Error("a property name (a string) is expected");
                }

                string name = String();
                SkipSpace();
                Expect(':');
                members.Add(new KeyValuePair<string, JsonNode>(name, Value(depth + 1)));
                SkipSpace();
                if (Peek() == ',')
                {
                    _at++;
                    continue;
                }

                Expect('}');
                return new JsonNode(JsonKind.Object, members: members);
            }
        }

        private JsonNode Array(int depth)
        {
            var items = new List<JsonNode>();
            _at++;
            SkipSpace();
            if (Peek() == ']')
            {
                _at++;
                return new JsonNode(JsonKind.Array, items: items);
            }

            while (true)
            {
                items.Add(Value(depth + 1));
                SkipSpace();
                if (Peek() == ',')
                {
                    _at++;
                    continue;
                }

                Expect(']');
                return new JsonNode(JsonKind.Array, items: items);
            }
        }

        private string String()
        {
            _at++; // the opening quote
            var value = new StringBuilder();
            while (true)
            {
                if (_at >= _text.Length)
                {
                    throw Error("a string is not closed");
                }

                char c = _text[_at++];
                if (c == '"')
                {
                    return value.ToString();
                }

                if (c < ' ')
                {
                    throw Error("a string holds a control character");
                }

                if (c != '\\')
                {
                    value.Append(c);
                    continue;
                }

                char escape = _at < _text.Length ? _text[_at++] : '\0';
                switch (escape)
                {
                    case '"': value.Append('"'); break;
                    case '\\': value.Append('\\'); break;
                    case '/': value.Append('/'); break;
                    case 'b': value.Append('\b'); break;
                    case 'f': value.Append('\f'); break;
                    case 'n': value.Append('\n'); break;
                    case 'r': value.Append('\r'); break;
                    case 't': value.Append('\t'); break;
                    case 'u' when _at + 4 <= _text.Length
                        && int.TryParse(_text.Substring(_at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code):
                        value.Append((char)code);
                        _at += 4;
                        break;
                    default:
                        throw Error("a string holds an invalid escape sequence");
                }
            }
        }

        /// <summary>A number as RFC 8259 writes it: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?</summary>
        private string Number()
        {
            int start = _at;
            if (Peek() == '-')
            {
                _at++;
            }

            if (Peek() == '0')
            {
                _at++;
            }
            else if (!Digits())
            {
                throw Error("a number has no digits");
            }

            if (Peek() == '.')
            {
                _at++;
                if (!Digits())
                {
                    throw Error("a number has no digits after its decimal point");
                }
            }

            if (Peek() is 'e' or 'E')
            {
                _at++;
                if (Peek() is '+' or '-')
                {
                    _at++;
                }

                if (!Digits())
                {
                    throw Error("a number has no digits in its exponent");
                }
            }

            return _text.Substring(start, _at - start);
        }

        private bool Digits()
        {
            int start = _at;
            while (Peek() is >= '0' and <= '9')
            {
                _at++;
            }

            return _at > start;
        }

        private JsonNode Literal(string word, JsonKind kind)
        {
            if (string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0)
            {
                throw Error($"'{_text[_at]}' does not start true, false or null");
            }

            _at += word.Length;
            return new JsonNode(kind);
        }

        private void SkipSpace()
        {
            while (_at < _text.Length)
            {
                char c = _text[_at];
                if (c is ' ' or '\t' or '\n' or '\r')
                {
                    _at++;
                }
                else if (c == '/' && _at + 1 < _text.Length && _text[_at + 1] == '/')
                {
                    while (_at < _text.Length && _text[_at] != '\n')
                    {
                        _at++;
                    }
                }
                else if (c == '/' && _at + 1 < _text.Length && _text[_at + 1] == '*')
                {
                    int end = _text.IndexOf("*/", _at + 2, System.StringComparison.Ordinal);
                    if (end < 0)
                    {
                        throw Error("a comment is not closed");
                    }

                    _at = end + 2;
                }
                else
                {
                    return;
                }
            }
        }

        private char Peek() => _at < _text.Length ? _text[_at] : '\0';

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw Error(_at < _text.Length ? $"'{c}' is expected, not '{_text[_at]}'" : $"'{c}' is expected, but the document ends");
            }

            _at++;
        }

        private InvalidDataException Error(string problem)
        {
            int line = 1, column = 1;
            for (int i = 0; i < _at && i < _text.Length; i++)
            {
                if (_text[i] == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }
            }

            return new InvalidDataException(Invariant($"The parameter document is not valid JSON: {problem} (line {line}, column {column})."));
        }
    }
}
