using Unrolled.Generators.Planning;

namespace Unrolled.Generators.Emit;

/// <summary>One SIMD width the generated code may run at, and how to spell its operations.</summary>
internal sealed class VectorWidth
{
    private VectorWidth(int bits, NumericType t)
    {
        Bits = bits;
        T = t;
        Type = $"Vector{bits}";
        Vector = $"{Type}<{t.Keyword}>";
        Lanes = bits / 8 / t.Size;
    }

    public static VectorWidth Of(int bits, NumericType t) => new(bits, t);

    public static VectorWidth Of(VectorShape shape, NumericType t) => new(shape.Bits, t);

    /// <summary>The element type.</summary>
    public NumericType T { get; }

    /// <summary><c>Vector256</c>.</summary>
    public string Type { get; }

    /// <summary><c>Vector256&lt;float&gt;</c>.</summary>
    public string Vector { get; }

    public int Lanes { get; }

    public int Bits { get; }

    public string IsAccelerated => $"{Type}.IsHardwareAccelerated";

    public string Load(string reference, int offset) => offset == 0
        ? $"{Type}.LoadUnsafe(ref {reference})"
        : $"{Type}.LoadUnsafe(ref {reference}, {offset})";

    /// <summary>A load at an offset given as C#: a constant, or an expression such as <c>j</c> or <c>j + 16</c>.</summary>
    public string LoadAt(string reference, string offset) => offset == "0"
        ? $"{Type}.LoadUnsafe(ref {reference})"
        : $"{Type}.LoadUnsafe(ref {reference}, {Element(offset)})";

    // StoreUnsafe is an extension method, called as a static method like LoadUnsafe.
    public string Store(string value, string reference, int offset) => offset == 0
        ? $"{Type}.StoreUnsafe({value}, ref {reference});"
        : $"{Type}.StoreUnsafe({value}, ref {reference}, {offset});";

    public string StoreAt(string value, string reference, string offset) => offset == "0"
        ? $"{Type}.StoreUnsafe({value}, ref {reference});"
        : $"{Type}.StoreUnsafe({value}, ref {reference}, {Element(offset)});";

    // An int constant converts to the nuint element offset by itself; a variable needs the cast.
    private static string Element(string offset) => int.TryParse(offset, out _) ? offset : offset.Contains(" ") ? $"(nuint)({offset})" : $"(nuint){offset}";

    public string Broadcast(string scalar) => $"{Type}.Create({scalar})";

    public string Zero => $"{Vector}.Zero";

    /// <summary>The sum of the lanes, by halving (cheaper than the runtime's Sum on .NET 10).</summary>
    public string Sum(string vector) => $"Horizontal.Sum({vector})";

    /// <summary>a * b + c, fused where the hardware can (the runtime library picks per target framework).</summary>
    public static string MultiplyAdd(string a, string b, string c) => $"Fused.MultiplyAdd({a}, {b}, {c})";
}
