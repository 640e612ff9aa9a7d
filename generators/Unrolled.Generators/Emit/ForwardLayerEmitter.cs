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
        w.Line($"/// <summary>{Code.Header(layer)}: z = {Code.Affine(layer)}, a = {ActivationKernel.For(layer.Activation).Name}(z). z and a may be one span.</summary>");
        using (w.Block($"private static void {ForwardLayer(l)}({t.ReadOnlySpan} parameters, {t.ReadOnlySpan} x, {t.Span} z, {t.Span} a)"))
        {
            ScalarLayerCode.EmitParameterViews(w, layer, "parameters", t.ReadOnlySpan, "w", "b", "s");
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
                w.Line($"a[{j}] = {ScalarLayerCode.Activation(plan, layer, $"z{j}", Code.Invariant(j))};");
            }
        }
    }

    private static void EmitUnrolledAffine(CodeWriter w, NumericType t, LayerPlan layer)
    {
        int n = layer.FanIn, m = layer.Units;
        var scope = NameScope.Method("parameters", "x", "z", "a", "w", "b", "s");
        w.Line($"// z = {Code.Affine(layer)}, unit by unit: zj = {(layer.HasBias ? "bj" : "0")}, then zj += xi W[i, j] for each input i (fused multiply-adds).");
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
            Bias = layer.HasBias ? j => $"b[{j}]" : null,
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
        if (layer.HasBias)
        {
            w.Line(Code.RefTo(t, "br", "b"));
        }

        w.Line(Code.RefTo(t, "zr", "z"));
        w.Line(Code.RefTo(t, "ar", "a"));
        w.Line();
        w.Line($"// z = {(layer.HasBias ? $"b{l} + " : string.Empty)}x W{l}{(layer.VectorActivation ? $", a = {ScalarLayerCode.Describe(layer)}" : string.Empty)}: "
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

    private static void EmitVectorAffine(CodeWriter w, NetworkPlan plan, LayerPlan layer, VectorWidth v, AffineWidthPlan widthPlan)
    {
        var t = plan.Numeric();
        var kernel = ActivationKernel.For(layer.Activation);
        var scope = NameScope.Method("parameters", "x", "z", "a", "w", "b", "s", "wr", "br", "zr", "ar");

        // Inputs that no loop visits are broadcast once, here, for every block.
        int written = System.Math.Min(widthPlan.Tiles?.LoopedInputs ?? layer.FanIn, widthPlan.Rest?.LoopedInputs ?? layer.FanIn);
        var broadcasts = new string[layer.FanIn];
        for (int i = written; i < layer.FanIn; i++)
        {
            broadcasts[i] = scope.Reserve($"x{i}");
            w.Line($"{v.Vector} {broadcasts[i]} = {v.Broadcast($"x[{i}]")};");
        }

        if (widthPlan.Tiles is { } tiles)
        {
            w.Line($"// Units 0 to {tiles.End - 1} in tiles of {tiles.Step}: {tiles.Vectors} vectors of sums per pass over the inputs.");
            using (w.Block($"for (int j = 0; j < {tiles.End}; j += {tiles.Step})"))
            {
                var units = new UnitOffsets("j", k => k * v.Lanes);
                var tile = Block(t, v, layer, units, tiles.Vectors, 1, tiles.LoopedInputs, "tile", broadcasts);
                tile.Write(w, scope.Child());
                Store(w, layer, kernel, v, tile, units);
            }
        }

        if (widthPlan.Rest is { } rest)
        {
            var offsets = rest.Offsets;
            int last = offsets[offsets.Count - 1];
            bool overlaps = last < offsets[0] + ((offsets.Count - 1) * v.Lanes);
            w.Line($"// Units {offsets[0]} to {last + v.Lanes - 1}{(overlaps ? ": the last vector ends at the last unit, overlapping the one before" : string.Empty)}.");
            var units = new UnitOffsets(null, k => offsets[k]);
            var block = Block(t, v, layer, units, offsets.Count, rest.Partials, rest.LoopedInputs, "acc", broadcasts);
            block.Write(w, scope.Child());
            Store(w, layer, kernel, v, block, units);
        }
    }

    /// <summary>The sums of a block of vectors of units, each input broadcast against its row of W.</summary>
    private static AffineBlock Block(
        NumericType t, VectorWidth v, LayerPlan layer, UnitOffsets units, int vectors, int partials, int looped, string name, string[] broadcasts)
    {
        int m = layer.Units;
        string row = units.Base is null ? $"i * {m}" : $"(i * {m}) + {units.Base}";
        return new AffineBlock
        {
            Type = v.Vector,
            Zero = v.Zero,
            Inputs = layer.FanIn,
            Slots = vectors,
            Partials = partials,
            LoopedInputs = looped,
            ExplainPartials = true,
            Accumulator = (_, k) => $"{name}{k}",
            Bias = layer.HasBias ? k => v.LoadAt("br", units.At(k)) : null,
            Input = (_, i) => i.InLoop ? v.Broadcast($"x[{i.Expression}]") : broadcasts[i.Value],
            InputLocal = (_, i) => !i.InLoop ? null : partials == 1 ? "xi" : $"x{i.Value}",
            Weight = (i, k) => i.InLoop ? v.Load("row", (i.Value * m) + units.Unit(k)) : v.LoadAt("wr", units.At(k, i.Value * m)),
            LoopRow = $"ref {t.Keyword} row = ref {Code.Unsafe}.Add(ref wr, {row});",
        };
    }

    /// <summary>z, and a when the SIMD branch applies the activation, from the block's sums.</summary>
    private static void Store(CodeWriter w, LayerPlan layer, ActivationKernel kernel, VectorWidth v, AffineBlock block, UnitOffsets units)
    {
        for (int k = 0; k < block.Slots; k++)
        {
            w.Line(v.StoreAt(block.AccumulatorName(0, k), "zr", units.At(k)));
        }

        if (layer.VectorActivation)
        {
            for (int k = 0; k < block.Slots; k++)
            {
                w.Line(v.StoreAt(kernel.Vector(v, block.AccumulatorName(0, k), layer.Alpha)!, "ar", units.At(k)));
            }
        }
    }
}
