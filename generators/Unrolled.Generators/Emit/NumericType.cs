using System.Globalization;

namespace Unrolled.Generators.Emit;

/// <summary>
/// How generated code spells one floating-point type: its keyword, math class and literals. Kernels sit in a
/// namespace with using directives, so the short names apply there; the user's class spells types in full.
/// </summary>
internal sealed class NumericType
{
    public static readonly NumericType Single = new("float", "MathF", "G9", "F");
    public static readonly NumericType Double = new("double", "Math", "R", "D");

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

    public string Span => $"Span<{Keyword}>";

    public string ReadOnlySpan => $"ReadOnlySpan<{Keyword}>";

    /// <summary><c>global::System.Span&lt;float&gt;</c>, for the user's class.</summary>
    public string GlobalSpan => $"global::System.Span<{Keyword}>";

    /// <summary><c>global::System.ReadOnlySpan&lt;float&gt;</c>, for the user's class.</summary>
    public string GlobalReadOnlySpan => $"global::System.ReadOnlySpan<{Keyword}>";

    public int Size => Keyword == "float" ? 4 : 8;

    public static NumericType For(Precision precision) => precision == Precision.Double ? Double : Single;

    /// <summary>A literal of this type, culture-invariant and exact: <c>0.00999999978F</c>, <c>0.01D</c>.</summary>
    public string Literal(double value) => Keyword == "float"
        ? ((float)value).ToString(_format, CultureInfo.InvariantCulture) + _suffix
        : value.ToString(_format, CultureInfo.InvariantCulture) + _suffix;

    public string Call(string function, string argument) => $"{Math}.{function}({argument})";

    public string Call(string function, string first, string second) => $"{Math}.{function}({first}, {second})";
}
