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
        w.Line("// Two samples at a time: each weight vector loaded once serves both. Sample 0's values go to each layer's a region,");
        w.Line("// sample 1's to its z region.");
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
            if (layer.PairWidths.Count == 0)
            {
                w.Line("// No vector fits this layer: one sample after the other, z and a in the same span.");
                w.Line($"{ForwardLayer(l)}(parameters, x0, a0, a0);");
                w.Line($"{ForwardLayer(l)}(parameters, x1, a1, a1);");
                return;
            }

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
            if (!layer.VectorActivation)
            {
                w.Line("// The SIMD branches store z in a; the activation follows, in place.");
            }

            var widths = layer.PairWidths.Select(p => VectorWidth.Of(p.Width, t)).ToList();
            WidthDispatch.Write(
                w,
                widths,
                v => EmitAffine(w, t, layer, v, layer.PairWidths.First(p => p.Width.Bits == v.Bits)),
                () =>
                {
                    w.Line("// Without SIMD: one sample after the other, z and a in the same span.");
                    w.Line($"{ForwardLayer(l)}(parameters, x0, a0, a0);");
                    w.Line($"{ForwardLayer(l)}(parameters, x1, a1, a1);");
                    w.Line("return;");
                });

            if (!layer.VectorActivation)
            {
                w.Line();
                w.Line($"// a = {ScalarLayerCode.Describe(layer)}, in place over the stored z of each sample");
                using (w.Block("for (int sample = 0; sample < 2; sample++)"))
                {
                    w.Line($"{t.Span} z = sample == 0 ? a0 : a1;");
                    w.Line($"{t.Span} a = z;");
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

    private static void EmitAffine(CodeWriter w, NumericType t, LayerPlan layer, VectorWidth v, AffineWidthPlan widthPlan)
    {
        var kernel = ActivationKernel.For(layer.Activation);
        var scope = NameScope.Method("parameters", "x0", "x1", "a0", "a1", "w", "b", "wr", "br", "a0r", "a1r");
        if (widthPlan.Tiles is { } tiles)
        {
            w.Line($"// Units 0 to {tiles.End - 1} of both samples in tiles of {tiles.Step}: {tiles.Vectors} vectors of sums per sample.");
            using (w.Block($"for (int j = 0; j < {tiles.End}; j += {tiles.Step})"))
            {
                var units = new UnitOffsets("j", k => k * v.Lanes);
                var tile = Block(t, v, layer, units, tiles.Vectors, 1, tiles.LoopedInputs, "tile");
                tile.Write(w, scope.Child());
                Store(w, layer, kernel, v, tile, units);
            }
        }

        if (widthPlan.Rest is { } rest)
        {
            var offsets = rest.Offsets;
            w.Line($"// Units {offsets[0]} to {offsets[offsets.Count - 1] + v.Lanes - 1} of both samples.");
            var units = new UnitOffsets(null, k => offsets[k]);
            var block = Block(t, v, layer, units, offsets.Count, rest.Partials, rest.LoopedInputs, "s");
            block.Write(w, scope.Child());
            Store(w, layer, kernel, v, block, units);
        }
    }

    private static AffineBlock Block(NumericType t, VectorWidth v, LayerPlan layer, UnitOffsets units, int vectors, int partials, int looped, string name)
    {
        int m = layer.Units;
        string row = units.Base is null ? $"i * {m}" : $"(i * {m}) + {units.Base}";
        return new AffineBlock
        {
            Type = v.Vector,
            Zero = v.Zero,
            Inputs = layer.FanIn,
            Slots = vectors,
            Samples = 2,
            Partials = partials,
            LoopedInputs = looped,
            ExplainPartials = true,
            Accumulator = (r, k) => $"{name}{r}_{k}",
            Bias = k => v.LoadAt("br", units.At(k)),
            Input = (r, i) => v.Broadcast($"x{r}[{i.Expression}]"),
            InputLocal = (r, i) => $"x{r}_{i.Value}",
            Weight = (i, k) => i.InLoop ? v.Load("row", (i.Value * m) + units.Unit(k)) : v.LoadAt("wr", units.At(k, i.Value * m)),
            WeightLocal = (i, k) => $"w{i.Value}_{k}",
            LoopRow = $"ref {t.Keyword} row = ref {Code.Unsafe}.Add(ref wr, {row});",
        };
    }

    private static void Store(CodeWriter w, LayerPlan layer, ActivationKernel kernel, VectorWidth v, AffineBlock block, UnitOffsets units)
    {
        for (int k = 0; k < block.Slots; k++)
        {
            for (int r = 0; r < 2; r++)
            {
                string sum = block.AccumulatorName(r, k);
                string value = layer.VectorActivation ? kernel.Vector(v, sum, layer.Alpha)! : sum;
                w.Line(v.StoreAt(value, $"a{r}r", units.At(k)));
            }
        }
    }
}
