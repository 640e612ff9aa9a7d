using Unrolled.Generators.Emit.Losses;
using Unrolled.Generators.Planning;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emit;

/// <summary>The loss of one sample and its gradient at the output layer, in the bodies the loss's kernel writes.</summary>
internal static class LossEmitter
{
    public static void EmitComputeLoss(CodeWriter w, NetworkPlan plan)
    {
        var t = plan.Numeric();
        int m = plan.Outputs;
        w.Line();
        w.Line("/// <summary>The loss of one sample from the output layer's z and a.</summary>");
        using (w.Block($"private static {t.Keyword} {ComputeLoss}({t.ReadOnlySpan} z, {t.ReadOnlySpan} a, {t.ReadOnlySpan} target)"))
        {
            w.Line($"z = z.Slice(0, {m});");
            w.Line($"a = a.Slice(0, {m});");
            w.Line($"target = target.Slice(0, {m});");
            w.Line($"{t.Keyword} sum = {t.Literal(0)};");
            LossKernel.For(plan.Loss).WriteLoss(w, t, m);
        }
    }

    public static void EmitOutputDelta(CodeWriter w, NetworkPlan plan)
    {
        var t = plan.Numeric();
        int m = plan.Outputs;
        w.Line();
        w.Line("/// <summary>dL/dz of the output layer, written to <paramref name=\"delta\"/>.</summary>");
        using (w.Block($"private static void {OutputDelta}({t.ReadOnlySpan} z, {t.ReadOnlySpan} a, {t.ReadOnlySpan} target, {t.Span} delta)"))
        {
            w.Line($"z = z.Slice(0, {m});");
            w.Line($"a = a.Slice(0, {m});");
            w.Line($"target = target.Slice(0, {m});");
            w.Line($"delta = delta.Slice(0, {m});");
            LossKernel.For(plan.Loss).WriteOutputDelta(w, t, plan.Output, plan.FastActivations);
        }
    }
}
