using System.Linq;
using Unrolled.Generators.Emit.Activations;
using Unrolled.Generators.Planning;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emit;

/// <summary>
/// Batches of a network too large for lanes run two samples at a time: each weight vector, loaded once, is multiplied
/// into both samples' accumulators. That halves the weight traffic (which does not fit in L1 for 64-64-64-10 and
/// larger) and doubles the independent chains of multiply-adds that hide the FMA latency.
/// </summary>
internal static class PairLayerEmitter
{
    /// <summary>In Forward's scratch block: pairs of samples first; sample 0 keeps its values in the scratch's a regions, sample 1 in its z regions.</summary>
    public static void EmitLoop(CodeWriter w, NetworkPlan plan)
    {
        w.Line("// Two samples at a time: each weight vector loaded once serves both.");
        using (w.Block("for (; s + 1 < samples; s += 2)"))
        {
            string x0 = "input.Slice(s * InputCount, InputCount)", x1 = "input.Slice((s + 1) * InputCount, InputCount)";
            foreach (var layer in plan.Layers)
            {
                var regions = plan.Buffers.Layers[layer.Index];
                string a0 = layer.IsLast ? "output.Slice(s * OutputCount, OutputCount)" : Code.Slice("scratch", regions.ScratchA, layer.Units);
                string a1 = layer.IsLast ? "output.Slice((s + 1) * OutputCount, OutputCount)" : Code.Slice("scratch", regions.ScratchZ, layer.Units);
                w.Line($"{ForwardLayerPair(layer.Number)}(parameters, {x0}, {x1}, {a0}, {a1});");
                x0 = a0;
                x1 = a1;
            }
        }
    }

    public static void Emit(CodeWriter w, NetworkPlan plan, LayerPlan layer)
    {
        var t = plan.Numeric();
        int n = layer.FanIn, m = layer.Units, l = layer.Number;
        var kernel = ActivationKernel.For(layer.Activation);
        w.Line();
        w.Line($"/// <summary>{Code.Header(layer)} for two samples at once: a = {kernel.Name}(x W{l} + b{l}), each weight vector loaded once for both.</summary>");
        using (w.Block($"private static void {ForwardLayerPair(l)}({t.ReadOnlySpan} parameters, {t.ReadOnlySpan} x0, {t.ReadOnlySpan} x1, {t.Span} a0, {t.Span} a1)"))
        {
            ScalarLayerCode.EmitParameterViews(w, layer, "parameters", t.ReadOnlySpan, "w", "b");
            w.Line("// Constant lengths let the JIT drop the bounds checks below.");
            w.Line($"x0 = x0.Slice(0, {n});");
            w.Line($"x1 = x1.Slice(0, {n});");
            w.Line($"a0 = a0.Slice(0, {m});");
            w.Line($"a1 = a1.Slice(0, {m});");
            w.Line();
            w.Line(Code.RefTo(t, "wr", "w"));
            w.Line(Code.RefTo(t, "br", "b"));
            w.Line(Code.RefTo(t, "a0r", "a0"));
            w.Line(Code.RefTo(t, "a1r", "a1"));
            w.Line();
            var widths = layer.PairWidths.Select(p => VectorWidth.Of(p.Width, t)).ToList();
            WidthDispatch.Write(
                w,
                widths,
                v => EmitAffine(w, t, layer, v, layer.PairWidths.First(p => p.Width.Bits == v.Bits)),
                () =>
                {
                    w.Line("// Without SIMD: one sample after the other.");
                    foreach (string sample in new[] { "0", "1" })
                    {
                        using (w.Block())
                        {
                            w.Line($"{t.ReadOnlySpan} x = x{sample};");
                            w.Line($"{t.Span} z = a{sample};");
                            w.Line($"{t.Span} a = a{sample};");
                            ScalarLayerCode.EmitAffineLoops(w, t, layer);
                            if (layer.VectorActivation)
                            {
                                ScalarLayerCode.EmitActivationLoop(w, plan, layer);
                            }
                        }
                    }
                });

            if (!layer.VectorActivation)
            {
                w.Line();
                w.Line($"// a = {ScalarLayerCode.Describe(layer)}, in place over the stored z");
                foreach (string sample in new[] { "0", "1" })
                {
                    using (w.Block())
                    {
                        w.Line($"{t.Span} z = a{sample};");
                        w.Line($"{t.Span} a = a{sample};");
                        if (!kernel.IsElementwise)
                        {
                            SoftmaxKernel.WriteLoops(w, t, m, plan.FastActivations);
                        }
                        else
                        {
                            ScalarLayerCode.EmitActivationLoop(w, plan, layer);
                        }
                    }
                }
            }
        }
    }

    private static void EmitAffine(CodeWriter w, NumericType t, LayerPlan layer, VectorWidth v, PairWidthPlan widthPlan)
    {
        int n = layer.FanIn, m = layer.Units;
        var kernel = ActivationKernel.For(layer.Activation);
        var method = NameScope.Method("parameters", "x0", "x1", "a0", "a1", "w", "b", "wr", "br", "a0r", "a1r");
        foreach (var chunkPlan in widthPlan.Chunks)
        {
            var chunk = chunkPlan.Offsets;
            using (w.Block())
            {
                w.Line($"// units {chunk[0]} to {chunk[chunk.Count - 1] + v.Lanes - 1} of both samples");
                var block = new AffineBlock
                {
                    Type = v.Vector,
                    Zero = v.Zero,
                    Inputs = n,
                    Slots = chunk.Count,
                    Samples = 2,
                    Partials = chunkPlan.Partials,
                    LoopedInputs = chunkPlan.LoopedInputs,
                    ExplainPartials = true,
                    Accumulator = (r, k) => $"s{r}_{k}",
                    Bias = k => v.Load("br", chunk[k]),
                    Input = (r, i) => v.Broadcast($"x{r}[{i.Expression}]"),
                    InputLocal = (r, i) => $"x{r}_{i.Value}",
                    Weight = (i, k) => i.InLoop ? v.Load("row", (i.Value * m) + chunk[k]) : v.Load("wr", (i.Value * m) + chunk[k]),
                    WeightLocal = (i, k) => $"w{i.Value}_{k}",
                    LoopRow = $"ref {t.Keyword} row = ref {Code.Unsafe}.Add(ref wr, i * {m});",
                };
                block.Write(w, method.Child());
                for (int k = 0; k < chunk.Count; k++)
                {
                    for (int r = 0; r < 2; r++)
                    {
                        string sum = block.AccumulatorName(r, k);
                        string value = layer.VectorActivation ? kernel.Vector(v, sum, layer.Alpha)! : sum;
                        w.Line(v.Store(value, $"a{r}r", chunk[k]));
                    }
                }
            }
        }
    }
}
