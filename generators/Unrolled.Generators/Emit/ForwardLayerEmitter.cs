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
        var scope = NameScope.Method("parameters", "x", "z", "a", "w", "b");
        w.Line($"// z = x W{layer.Number} + b{layer.Number}, unit by unit: zj = bj, then zj += xi W[i, j] for each input i (fused multiply-adds).");
        var inputs = new string[n];
        for (int i = 0; i < n; i++)
        {
            inputs[i] = scope.Reserve($"x{i}");
            w.Line($"{t.Keyword} {inputs[i]} = x[{i}];");
        }

        // A narrow layer has few independent chains; with many inputs each unit's sum is split in partial sums.
        var block = new AffineBlock
        {
            Type = t.Keyword,
            Zero = t.Literal(0),
            Inputs = n,
            Slots = m,
            Partials = layer.UnrolledPartials,
            SlotMajor = true,
            Accumulator = (_, j) => $"z{j}",
            Bias = j => $"b[{j}]",
            Input = (_, i) => inputs[i.Value],
            Weight = (i, j) => $"w[{(i.Value * m) + j}]",
        };
        block.Write(w, scope);
        for (int j = 0; j < m; j++)
        {
            w.Line($"z[{j}] = {block.AccumulatorName(0, j)};");
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
        var method = NameScope.Method("parameters", "x", "z", "a", "w", "b", "wr", "br", "zr", "ar");
        foreach (var chunkPlan in widthPlan.Chunks)
        {
            var chunk = chunkPlan.Offsets;
            int partials = chunkPlan.Partials;
            using (w.Block())
            {
                w.Line($"// units {chunk[0]} to {chunk[chunk.Count - 1] + v.Lanes - 1}");
                var block = new AffineBlock
                {
                    Type = v.Vector,
                    Zero = v.Zero,
                    Inputs = n,
                    Slots = chunk.Count,
                    Partials = partials,
                    LoopedInputs = chunkPlan.LoopedInputs,
                    ExplainPartials = true,
                    Accumulator = (_, k) => $"acc{k}",
                    Bias = k => v.Load("br", chunk[k]),
                    Input = (_, i) => v.Broadcast($"x[{i.Expression}]"),
                    InputLocal = (_, i) => i.InLoop && partials == 1 ? "xi" : $"x{i.Value}",
                    Weight = (i, k) => i.InLoop ? v.Load("row", (i.Value * m) + chunk[k]) : v.Load("wr", (i.Value * m) + chunk[k]),
                    LoopRow = $"ref {t.Keyword} row = ref {Code.Unsafe}.Add(ref wr, i * {m});",
                };
                block.Write(w, method.Child());
                for (int k = 0; k < chunk.Count; k++)
                {
                    w.Line(v.Store(block.AccumulatorName(0, k), "zr", chunk[k]));
                }

                if (layer.VectorActivation)
                {
                    for (int k = 0; k < chunk.Count; k++)
                    {
                        w.Line(v.Store(kernel.Vector(v, block.AccumulatorName(0, k), layer.Alpha)!, "ar", chunk[k]));
                    }
                }
            }
        }
    }
}
