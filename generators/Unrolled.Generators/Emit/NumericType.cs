using System.Globalization;

namespace Unrolled.Generators.Emit;

/// <summary>How generated code spells one floating-point type: its keyword, math class and literals.</summary>
internal sealed class NumericType
{
    public static readonly NumericType Single = new("float", "global::System.MathF", "G9", "F");
    public static readonly NumericType Double = new("double", "global::System.Math", "R", "D");

    private readonly string _format;
    private readonly string _suffix;

    private NumericType(string keyword, string math, string format, string suffix)
    {
        Keyword = keyword;
        Math = math;
        _format = format;
        _suffix = suffix;
    }

    public string Keyword { get; }

    public string Math { get; }

    public string Span => $"global::System.Span<{Keyword}>";

    public string ReadOnlySpan => $"global::System.ReadOnlySpan<{Keyword}>";

    public int Size => Keyword == "float" ? 4 : 8;

    public static NumericType For(Precision precision) => precision == Precision.Double ? Double : Single;

    /// <summary>A literal of this type, culture-invariant and exact: <c>0.00999999978F</c>, <c>0.01D</c>.</summary>
    public string Literal(double value) => Keyword == "float"
        ? ((float)value).ToString(_format, CultureInfo.InvariantCulture) + _suffix
        : value.ToString(_format, CultureInfo.InvariantCulture) + _suffix;

    public string Call(string function, string argument) => $"{Math}.{function}({argument})";

    public string Call(string function, string first, string second) => $"{Math}.{function}({first}, {second})";
}
