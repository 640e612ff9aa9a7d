using System.Globalization;
using Unrolled.Generators.Planning;

namespace Unrolled.Generators.Emit;

/// <summary>Spellings that every emitter shares.</summary>
internal static class Code
{
    public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Slice(string buffer, int offset, int length) => $"{buffer}.Slice({offset}, {length})";

    /// <summary><c>global::Unrolled.INetwork&lt;float&gt;</c>.</summary>
    public static string Interface(NumericType t) => $"global::Unrolled.INetwork<{t.Keyword}>";

    public static NumericType Numeric(this NetworkPlan plan) => NumericType.For(plan.Precision);

    /// <summary><c>Layer 2 (Dense 3 -> 2, Softmax)</c>.</summary>
    public static string Header(LayerPlan layer) => $"Layer {layer.Number} (Dense {layer.FanIn} -> {layer.Units}, {layer.Activation})";

    /// <summary><c>ref float wr = ref MemoryMarshal.GetReference(w);</c></summary>
    public static string RefTo(NumericType t, string name, string span) => $"ref {t.Keyword} {name} = ref {MemoryMarshal}.GetReference({span});";
}
