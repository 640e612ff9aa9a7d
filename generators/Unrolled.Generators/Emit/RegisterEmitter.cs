using System.Linq;
using Unrolled.Generators.Planning;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emit;

/// <summary>
/// A small network's single-sample forward pass, written as one straight-line method per SIMD width with every
/// layer's values in locals (registers): no scratch buffer, no call or span per layer, no store and reload between
/// layers. A hidden value reaches the next layer by a lane shuffle (same width) or a lane read (otherwise).
/// </summary>
internal static class RegisterEmitter
{
    /// <summary>In Forward: each sample through the register path, and return (a machine without SIMD falls through).</summary>
    public static void EmitSampleLoop(CodeWriter w, NetworkPlan plan, RegisterPathPlan registers)
    {
        if (!registers.NeedsSimd)
        {
            EmitLoop(w, plan);
            return;
        }

        using (w.Block($"if ({VectorWidth.Of(128, plan.Numeric()).IsAccelerated})"))
        {
            EmitLoop(w, plan);
            w.Line("return;");
        }

        w.Line();
        w.Line("// Without SIMD: layer by layer through a stack scratch.");
    }

    private static void EmitLoop(CodeWriter w, NetworkPlan plan)
    {
        w.Line($"// Each layer's values stay in registers: see {ForwardSample}.");
        using (w.Block($"for (int s = {(plan.Forward.Lanes is not null || plan.Tiles is not null ? "first" : "0")}; s < samples; s++)"))
        {
            w.Line($"{ForwardSample}(parameters, input.Slice(s * InputCount, InputCount), output.Slice(s * OutputCount, OutputCount));");
        }
    }

    public static void EmitMethods(CodeWriter w, NetworkPlan plan, RegisterPathPlan registers)
    {
        var t = plan.Numeric();
        var variants = registers.Variants;
        if (variants.Count == 1)
        {
            EmitMethod(w, plan, variants[0], ForwardSample);
            return;
        }

        w.Line();
        w.Line("/// <summary>One sample's forward pass at the widest SIMD width the machine accelerates (the JIT keeps one call).</summary>");
        w.Line(Code.AggressiveInlining);
        using (w.Block($"private static void {ForwardSample}({t.ReadOnlySpan} parameters, {t.ReadOnlySpan} x, {t.Span} y)"))
        {
            // The last variant needs no test: Forward calls this only where 128-bit vectors are accelerated.
            var conditions = variants.Take(variants.Count - 1).Select(v => VectorWidth.Of(v.WidestBits, t)).ToList();
            WidthDispatch.WriteVariants(w, conditions, k => w.Line($"{ForwardSample}{variants[k].Suffix}(parameters, x, y);"));
        }

        foreach (var variant in variants)
        {
            EmitMethod(w, plan, variant, ForwardSample + variant.Suffix);
        }
    }

    private static void EmitMethod(CodeWriter w, NetworkPlan plan, RegisterVariantPlan variant, string name)
    {
        var t = plan.Numeric();
        w.Line();
        w.Line($"/// <summary>Forward of one sample, every layer's values in locals{(variant.IsScalar ? " (scalar: no layer fills a vector)" : $" (vectors of up to {variant.WidestBits} bits)")}.</summary>");
        // Compiled on its own, not inlined into Forward and its caller: the activations' AggressiveInlining then
        // never runs into the caller's inlining budget (a call of FastMath.Tanh costs more than this call).
        w.Line(Code.NoInlining);
        using (w.Block($"private static void {name}({t.ReadOnlySpan} parameters, {t.ReadOnlySpan} x, {t.Span} y)"))
        {
            w.Line("// Constant lengths let the JIT drop the bounds checks below.");
            w.Line("parameters = parameters.Slice(0, ParameterCount);");
            w.Line($"x = x.Slice(0, {plan.Inputs});");
            w.Line($"y = y.Slice(0, {plan.Outputs});");
            var scope = NameScope.Method("parameters", "x", "y", "p", "yr");
            w.Line(Code.RefTo(t, "p", "parameters"));
            var output = variant.Layers[variant.Layers.Count - 1];
            if (output.Width is not null && !output.Padded)
            {
                w.Line(Code.RefTo(t, "yr", "y"));
            }

            foreach (var layer in plan.Layers)
            {
                w.Line();
                w.Line($"// {Code.Header(layer)}: z = {Code.Affine(layer)}, a = {ScalarLayerCode.Describe(layer)}");
                if (variant.Layers[layer.Index].Width is not null)
                {
                    RegisterLayerEmitter.EmitVectorLayer(w, plan, variant, layer, scope);
                }
                else
                {
                    RegisterLayerEmitter.EmitScalarLayer(w, plan, variant, layer, scope);
                }
            }
        }
    }
}
