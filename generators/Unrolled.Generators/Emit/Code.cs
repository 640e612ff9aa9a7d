using System.Globalization;
using Unrolled.Generators.Planning;

namespace Unrolled.Generators.Emit;

/// <summary>Spellings that every emitter shares.</summary>
internal static class Code
{
    public const string Unsafe = "Unsafe";
    public const string MemoryMarshal = "MemoryMarshal";

    /// <summary>The namespace of the kernels' file-local classes, with the using directives their code relies on.</summary>
    public const string KernelsNamespace = "Unrolled.Generated";

    public static readonly string[] KernelUsings =
    [
        "System", "System.Runtime.CompilerServices", "System.Runtime.InteropServices", "System.Runtime.Intrinsics", "Unrolled.Numerics",
    ];

    public const string NoInlining = "[MethodImpl(MethodImplOptions.NoInlining)]";
    public const string AggressiveInlining = "[MethodImpl(MethodImplOptions.AggressiveInlining)]";

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Slice(string buffer, int offset, int length) => $"{buffer}.Slice({offset}, {length})";

    /// <summary>The kernels class as the user's class calls it: <c>global::Unrolled.Generated.CirclesNetKernels</c>.</summary>
    public static string Kernels(NetworkPlan plan) => $"global::{KernelsNamespace}.{plan.Type.KernelsClass}";

    /// <summary><c>global::Unrolled.INetwork&lt;float&gt;</c>.</summary>
    public static string Interface(NumericType t) => $"global::Unrolled.INetwork<{t.Keyword}>";

    public static NumericType Numeric(this NetworkPlan plan) => NumericType.For(plan.Precision);

    /// <summary><c>Layer 2 (Dense 3 -> 2, Softmax)</c>.</summary>
    public static string Header(LayerPlan layer) => $"Layer {layer.Number} (Dense {layer.FanIn} -> {layer.Units}, {layer.Activation}{(layer.HasBias ? string.Empty : ", no bias")})";

    /// <summary>The layer's affine map for comments: <c>x W2 + b2</c>, or <c>x W2</c> for a layer without bias.</summary>
    public static string Affine(LayerPlan layer) => layer.HasBias ? $"x W{layer.Number} + b{layer.Number}" : $"x W{layer.Number}";

    /// <summary><c>ref float wr = ref MemoryMarshal.GetReference(w);</c></summary>
    public static string RefTo(NumericType t, string name, string span) => $"ref {t.Keyword} {name} = ref {MemoryMarshal}.GetReference({span});";

    /// <summary>An [InlineArray] struct of <paramref name="length"/> elements: a buffer inside its containing object or frame.</summary>
    public static void EmitInlineArray(CodeWriter w, NumericType t, string name, string length, string attribute)
    {
        w.Line($"[{attribute}({length})]");
        using (w.Block($"private struct {name}"))
        {
            w.Line($"private {t.Keyword} _element0;");
        }
    }
}
