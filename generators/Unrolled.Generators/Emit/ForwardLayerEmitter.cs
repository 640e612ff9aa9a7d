using System.Linq;
using Unrolled.Generators.Emit.Activations;
using Unrolled.Generators.Planning;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emit;

/// <summary>
/// One layer's forward method, z = x W + b and a = f(z): straight-line scalar statements for an unrolled layer,
/// otherwise one SIMD branch per vector width (each input broadcast against its row of W) and a scalar branch.
/// </summary>
internal static class ForwardLayerEmitter
{
    public static void Emit(CodeWriter w, NetworkPlan plan, LayerPlan layer)
    {
        var t = plan.Numeric();
        int n = layer.FanIn, m = layer.Units, l = layer.Number;
        w.Line();
        w.Line($"/// <summary>{Code.Header(layer)}: z = x W{l} + b{l}, a = {ActivationKernel.For(layer.Activation).Name}(z).</summary>");
        using (w.Block($"private static void {ForwardLayer(l)}({t.ReadOnlySpan} parameters, {t.ReadOnlySpan} x, {t.Span} z, {t.Span} a)"))
        {
            ScalarLayerCode.EmitParameterViews(w, layer, "parameters", t.ReadOnlySpan, "w", "b");
            w.Line("// Constant lengths let the JIT drop the bounds checks below.");
            w.Line($"x = x.Slice(0, {n});");
            w.Line($"z = z.Slice(0, {m});");
            w.Line($"a = a.Slice(0, {m});");
            w.Line();
            if (layer.Code == LayerCode.Simd)
            {
                EmitSimd(w, plan, layer);
                return;
            }

            EmitUnrolledAffine(w, t, layer);
            w.Line();
            w.Line($"// a = {ScalarLayerCode.Describe(layer)}");
            var kernel = ActivationKernel.For(layer.Activation);
            if (!kernel.IsElementwise)
            {
                SoftmaxKernel.WriteUnrolled(w, t, m, plan.FastActivations, j => $"z{j}", j => $"a[{j}]");
                return;
            }

            for (int j = 0; j < m; j++)
            {
                w.Line($"a[{j}] = {kernel.Scalar(t, $"z{j}", layer.Alpha, plan.FastActivations)};");
            }
        }
    }

    private static void EmitUnrolledAffine(CodeWriter w, NumericType t, LayerPlan layer)
    {
        int n = layer.FanIn, m = layer.Units;
        w.Line($"// z = x W{layer.Number} + b{layer.Number}, unit by unit: zj = bj, then zj += xi W[i, j] for each input i (fused multiply-adds).");
        for (int i = 0; i < n; i++)
        {
            w.Line($"{t.Keyword} x{i} = x[{i}];");
        }

        // A narrow layer has few independent chains; with many inputs each unit's sum is split in partial sums.
        int partials = layer.UnrolledPartials;
        for (int j = 0; j < m; j++)
        {
            w.Line($"{t.Keyword} z{j} = b[{j}];");
            for (int p = 1; p < partials; p++)
            {
                w.Line($"{t.Keyword} z{j}_{p} = {t.Literal(0)};");
            }

            for (int i = 0; i < n; i++)
            {
                string sum = i % partials == 0 ? $"z{j}" : $"z{j}_{i % partials}";
                w.Line($"{sum} = {VectorWidth.MultiplyAdd($"x{i}", $"w[{(i * m) + j}]", sum)};");
            }

            if (partials > 1)
            {
                w.Line($"z{j} = {string.Join(" + ", new[] { $"z{j}" }.Concat(Enumerable.Range(1, partials - 1).Select(p => $"z{j}_{p}")))};");
            }
        }

        for (int j = 0; j < m; j++)
        {
            w.Line($"z[{j}] = z{j};");
        }
    }

    /// <summary>The forward body of a vectorized layer, after the views and constant-length slices.</summary>
    private static void EmitSimd(CodeWriter w, NetworkPlan plan, LayerPlan layer)
    {
        var t = plan.Numeric();
        int l = layer.Number;
        w.Line(Code.RefTo(t, "wr", "w"));
        w.Line(Code.RefTo(t, "br", "b"));
        w.Line(Code.RefTo(t, "zr", "z"));
        w.Line(Code.RefTo(t, "ar", "a"));
        w.Line();
        w.Line($"// z = b{l} + x W{l}{(layer.VectorActivation ? $", a = {ScalarLayerCode.Describe(layer)}" : string.Empty)}: "
            + "a vector of units per accumulator, each input broadcast against its row of W.");
        var widths = layer.ForwardWidths.Select(p => VectorWidth.Of(p.Width, t)).ToList();
        WidthDispatch.Write(
            w,
            widths,
            v => EmitVectorAffine(w, plan, layer, v, layer.ForwardWidths.First(p => p.Width.Bits == v.Bits)),
            () =>
            {
                ScalarLayerCode.EmitAffineLoops(w, t, layer);
                if (layer.VectorActivation)
                {
                    ScalarLayerCode.EmitActivationLoop(w, plan, layer);
                }
            });

        if (!layer.VectorActivation)
        {
            w.Line();
            w.Line($"// a = {ScalarLayerCode.Describe(layer)}");
            if (!ActivationKernel.For(layer.Activation).IsElementwise)
            {
                SoftmaxKernel.WriteLoops(w, t, layer.Units, plan.FastActivations);
            }
            else
            {
                ScalarLayerCode.EmitActivationLoop(w, plan, layer);
            }
        }
    }

    private static void EmitVectorAffine(CodeWriter w, NetworkPlan plan, LayerPlan layer, VectorWidth v, SimdForwardPlan widthPlan)
    {
        var t = plan.Numeric();
        int n = layer.FanIn, m = layer.Units;
        var kernel = ActivationKernel.For(layer.Activation);
        foreach (var chunkPlan in widthPlan.Chunks)
        {
            var chunk = chunkPlan.Offsets;
            int partials = chunkPlan.Partials;
            int looped = chunkPlan.Inputs switch
            {
                InputLoop.Unrolled => 0,
                InputLoop.Looped => n,
                _ => n - (n % partials),
            };
            using (w.Block())
            {
                w.Line($"// units {chunk[0]} to {chunk[chunk.Count - 1] + v.Lanes - 1}");
                for (int k = 0; k < chunk.Count; k++)
                {
                    w.Line($"{v.Vector} acc{k} = {v.Load("br", chunk[k])};");
                    for (int p = 1; p < partials; p++)
                    {
                        w.Line($"{v.Vector} acc{k}_{p} = {v.Zero};");
                    }
                }

                if (partials > 1)
                {
                    w.Line($"// {partials} partial sums per vector, over inputs i, i + 1, ..., so that the multiply-adds do not wait on each other.");
                }

                if (looped > 0)
                {
                    using (w.Block(partials == 1 ? $"for (int i = 0; i < {n}; i++)" : $"for (int i = 0; i < {looped}; i += {partials})"))
                    {
                        w.Line($"ref {t.Keyword} row = ref {Code.Unsafe}.Add(ref wr, i * {m});");
                        for (int p = 0; p < partials; p++)
                        {
                            string input = partials == 1 ? "xi" : $"x{p}";
                            w.Line($"{v.Vector} {input} = {v.Broadcast(p == 0 ? "x[i]" : $"x[i + {p}]")};");
                            for (int k = 0; k < chunk.Count; k++)
                            {
                                string acc = p == 0 ? $"acc{k}" : $"acc{k}_{p}";
                                w.Line($"{acc} = {VectorWidth.MultiplyAdd(input, v.Load("row", (p * m) + chunk[k]), acc)};");
                            }
                        }
                    }
                }

                for (int i = looped; i < n; i++)
                {
                    w.Line($"{v.Vector} x{i} = {v.Broadcast($"x[{i}]")};");
                    for (int k = 0; k < chunk.Count; k++)
                    {
                        string acc = i % partials == 0 ? $"acc{k}" : $"acc{k}_{i % partials}";
                        w.Line($"{acc} = {VectorWidth.MultiplyAdd($"x{i}", v.Load("wr", (i * m) + chunk[k]), acc)};");
                    }
                }

                for (int k = 0; k < chunk.Count && partials > 1; k++)
                {
                    var terms = new[] { $"acc{k}" }.Concat(Enumerable.Range(1, partials - 1).Select(p => $"acc{k}_{p}"));
                    w.Line($"acc{k} = {string.Join(" + ", terms)};");
                }

                for (int k = 0; k < chunk.Count; k++)
                {
                    w.Line(v.Store($"acc{k}", "zr", chunk[k]));
                }

                if (layer.VectorActivation)
                {
                    for (int k = 0; k < chunk.Count; k++)
                    {
                        w.Line(v.Store(kernel.Vector(v, $"acc{k}", layer.Alpha)!, "ar", chunk[k]));
                    }
                }
            }
        }
    }
}
