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
        foreach (var chunkPlan in widthPlan.Chunks)
        {
            var chunk = chunkPlan.Offsets;
            using (w.Block())
            {
                w.Line($"// units {chunk[0]} to {chunk[chunk.Count - 1] + v.Lanes - 1} of both samples");
                int partials = chunkPlan.Partials;
                for (int k = 0; k < chunk.Count; k++)
                {
                    w.Line($"{v.Vector} s0_{k} = {v.Load("br", chunk[k])};");
                    w.Line($"{v.Vector} s1_{k} = s0_{k};");
                    for (int q = 1; q < partials; q++)
                    {
                        w.Line($"{v.Vector} s0_{k}_{q} = {v.Zero};");
                        w.Line($"{v.Vector} s1_{k}_{q} = {v.Zero};");
                    }
                }

                if (partials > 1)
                {
                    w.Line($"// {partials} partial sums per vector, over inputs i, i + 1, ..., so that the multiply-adds do not wait on each other.");
                }

                int whole = n - (n % partials);
                using (w.Block(partials == 1 ? $"for (int i = 0; i < {n}; i++)" : $"for (int i = 0; i < {whole}; i += {partials})"))
                {
                    w.Line($"ref {t.Keyword} row = ref {Code.Unsafe}.Add(ref wr, i * {m});");
                    for (int q = 0; q < partials; q++)
                    {
                        string i = q == 0 ? "i" : $"i + {q}";
                        string suffix = q == 0 ? string.Empty : $"_{q}";
                        w.Line($"{v.Vector} x0_{q} = {v.Broadcast($"x0[{i}]")};");
                        w.Line($"{v.Vector} x1_{q} = {v.Broadcast($"x1[{i}]")};");
                        for (int k = 0; k < chunk.Count; k++)
                        {
                            w.Line($"{v.Vector} w{q}_{k} = {v.Load("row", (q * m) + chunk[k])};");
                            w.Line($"s0_{k}{suffix} = {VectorWidth.MultiplyAdd($"x0_{q}", $"w{q}_{k}", $"s0_{k}{suffix}")};");
                            w.Line($"s1_{k}{suffix} = {VectorWidth.MultiplyAdd($"x1_{q}", $"w{q}_{k}", $"s1_{k}{suffix}")};");
                        }
                    }
                }

                for (int i = whole; i < n; i++)
                {
                    string suffix = i % partials == 0 ? string.Empty : $"_{i % partials}";
                    w.Line($"{v.Vector} x0_{i} = {v.Broadcast($"x0[{i}]")};");
                    w.Line($"{v.Vector} x1_{i} = {v.Broadcast($"x1[{i}]")};");
                    for (int k = 0; k < chunk.Count; k++)
                    {
                        w.Line($"{v.Vector} w{i}_{k} = {v.Load("wr", (i * m) + chunk[k])};");
                        w.Line($"s0_{k}{suffix} = {VectorWidth.MultiplyAdd($"x0_{i}", $"w{i}_{k}", $"s0_{k}{suffix}")};");
                        w.Line($"s1_{k}{suffix} = {VectorWidth.MultiplyAdd($"x1_{i}", $"w{i}_{k}", $"s1_{k}{suffix}")};");
                    }
                }

                for (int k = 0; k < chunk.Count && partials > 1; k++)
                {
                    foreach (string sample in new[] { "0", "1" })
                    {
                        var terms = Enumerable.Range(0, partials).Select(q => q == 0 ? $"s{sample}_{k}" : $"s{sample}_{k}_{q}");
                        w.Line($"s{sample}_{k} = {string.Join(" + ", terms)};");
                    }
                }

                for (int k = 0; k < chunk.Count; k++)
                {
                    foreach (string sample in new[] { "0", "1" })
                    {
                        string value = layer.VectorActivation ? kernel.Vector(v, $"s{sample}_{k}", layer.Alpha)! : $"s{sample}_{k}";
                        w.Line(v.Store(value, $"a{sample}r", chunk[k]));
                    }
                }
            }
        }
    }
}
