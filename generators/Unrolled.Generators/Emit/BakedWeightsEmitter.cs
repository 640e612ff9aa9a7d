using System.Collections.Generic;
using System.Security;
using Unrolled.Generators.Planning;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emit;

/// <summary>
/// What baked weights add to a network's file: the values as constant data in the kernels class, the static
/// <c>ForwardBaked</c> that reads them with no instance, and the constructor's and Initialize's copy of them into
/// Parameters. Networks without Weights get none of it.
/// </summary>
internal static class BakedWeightsEmitter
{
    /// <summary>The remarks' line saying where the weights come from.</summary>
    public static void EmitRemarks(CodeWriter w, BakedWeightsPlan baked)
    {
        w.Line($"/// <para>Weights: baked at compile time from <c>{Xml(baked.Source)}</c> ({Xml(baked.Provenance)}).</para>");
        w.Line($"/// <para>The constructor and <see cref=\"Initialize\"/> copy them into Parameters; <see cref=\"{ForwardBaked}\"/> computes with them directly.</para>");
    }

    public static string ConstructorSummary(BakedWeightsPlan baked) =>
        $"/// <summary>Creates the network with the weights baked from <c>{Xml(baked.Source)}</c> (what <see cref=\"Initialize\"/> sets).</summary>";

    /// <summary>Initialize with baked weights: it restores them, whatever the seed, so that fine-tuning can start again.</summary>
    public static void EmitInitialize(CodeWriter w, NetworkPlan plan, BakedWeightsPlan baked)
    {
        w.Line("/// <summary>");
        w.Line($"/// Sets <see cref=\"Parameters\"/> to the weights baked from <c>{Xml(baked.Source)}</c> at compile time, whatever");
        w.Line("/// <paramref name=\"seed\"/>: the constructor starts from them, and after fine-tuning this restores them. (Networks");
        w.Line("/// declared without Weights draw random weights here instead.)");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"seed\">Not used: a network with baked weights always starts from them.</param>");
        w.Line($"public void Initialize(int seed) => {Code.Kernels(plan)}.{BakedParameters}.CopyTo(Parameters);");
        w.Line();
    }

    /// <summary>The static forward over the baked weights: Forward's checks and batch semantics, no instance.</summary>
    public static void EmitForwardBaked(CodeWriter w, NetworkPlan plan, BakedWeightsPlan baked)
    {
        var t = plan.Numeric();
        string kernels = Code.Kernels(plan);
        w.Line("/// <summary>");
        w.Line("/// Computes the outputs of one sample, or of a batch, as <see cref=\"Forward\"/> does, but from the weights baked from");
        w.Line($"/// <c>{Xml(baked.Source)}</c> at compile time rather than from an instance's <see cref=\"Parameters\"/>: no instance, no");
        w.Line("/// allocation, constant data only, so safe to call from many threads at once. Fine-tuning an instance does not change");
        w.Line("/// what it computes.");
        w.Line("/// </summary>");
        w.Line($"/// <param name=\"input\">{plan.Inputs} inputs per sample.</param>");
        w.Line($"/// <param name=\"output\">Receives {plan.Outputs} outputs per sample.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' lengths do not describe the same number of whole samples.</exception>");
        using (w.Block($"public static void {ForwardBaked}({t.GlobalReadOnlySpan} input, {t.GlobalSpan} output)"))
        {
            w.Line("int samples = input.Length == InputCount && output.Length == OutputCount");
            w.Line("    ? 1");
            w.Line("    : global::Unrolled.SpanGuard.Samples(input.Length, InputCount, nameof(input), output.Length, OutputCount, nameof(output));");
            w.Line($"{kernels}.Forward({kernels}.{BakedParameters}, input, output, samples);");
        }

        w.Line();
    }

    /// <summary>
    /// The values, as a span over an array initializer of constants: C# stores them in the assembly's data section and
    /// returns a span over them in place (RuntimeHelpers.CreateSpan), so no array exists, nothing is allocated and
    /// nothing runs at start-up. A comment opens each layer's W and b.
    /// </summary>
    public static void EmitData(CodeWriter w, NetworkPlan plan, BakedWeightsPlan baked)
    {
        var t = plan.Numeric();
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// The {baked.Values.Count} parameters baked from {Xml(baked.Source)} ({Xml(baked.Provenance)}), in the layout of the network's");
        w.Line("/// Parameters. The compiler keeps these constants in the assembly's data and returns a span over them in place:");
        w.Line("/// no array, no allocation, no start-up cost.");
        w.Line("/// </summary>");
        w.Line($"public static {t.ReadOnlySpan} {BakedParameters} => new {t.Keyword}[]");
        w.Line("{");
        foreach (var region in baked.Regions)
        {
            w.Line("    // " + Describe(region));
            var line = new List<string>(baked.ValuesPerLine);
            for (int i = region.Offset; i < region.Offset + region.Length; i++)
            {
                line.Add(t.Literal(baked.Values[i]) + ",");
                if (line.Count == baked.ValuesPerLine || i == region.Offset + region.Length - 1)
                {
                    w.Line("    " + string.Join(" ", line));
                    line.Clear();
                }
            }
        }

        w.Line("};");
    }

    /// <summary><c>Layer 1 (64 -> 32), from Gemm 'fc1': W[64, 32] at [0, 2048)</c>.</summary>
    private static string Describe(BakedRegionPlan region)
    {
        string what = region.Block == "W" ? $"W[{region.FanIn}, {region.Units}]" : $"{region.Block}[{region.Units}]";
        string source = region.Source.Length > 0 ? ", from " + region.Source : "";
        return $"Layer {region.Layer} ({region.FanIn} -> {region.Units}){source}: {what} at [{region.Offset}, {region.Offset + region.Length})";
    }

    private static string Xml(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
