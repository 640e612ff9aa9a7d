using System.Linq;
using Unrolled.Generators.Emit.Activations;
using Unrolled.Generators.Planning;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emit.Gemm;

/// <summary>
/// Backpropagation of a batch as matrix products, a tile of samples at a time: forward keeping every layer's Z and A,
/// the loss's gradient row by row, then for each layer, last first, delta *= f'(Z), dW += X^T delta, db += the column
/// sums of delta and dX = delta W^T for the layer before (with W^T packed once per call).
/// </summary>
internal static class TileBackwardEmitter
{
    public static void EmitTiles(CodeWriter w, NetworkPlan plan, TilePlan tiles)
    {
        var t = plan.Numeric();
        int block = tiles.BlockRows, tile = tiles.TileRows;
        string buffers = $"{t.ReadOnlySpan} parameters, {t.Span} gradients, {t.Span} trace, {t.ReadOnlySpan} transposed";
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// Backward of <paramref name=\"samples\"/> samples (a multiple of {block}) as matrix products, tiles of up to {tile}: their");
        w.Line("/// gradients added, their losses summed.");
        w.Line("/// </summary>");
        using (w.Block($"private static {t.Keyword} {BackwardTiles}({buffers}, {t.ReadOnlySpan} input, {t.ReadOnlySpan} target, int samples)"))
        {
            w.Line($"{t.Keyword} loss = {t.Literal(0)};");
            using (w.Block($"for (int s = 0; s < samples; s += {tile})"))
            {
                w.Line($"int rows = Math.Min({tile}, samples - s);");
                w.Line($"{t.ReadOnlySpan} x = input.Slice(s * InputCount, rows * InputCount);");
                w.Line($"{t.ReadOnlySpan} targets = target.Slice(s * OutputCount, rows * OutputCount);");
                w.Line();
                w.Line("// Forward, keeping every layer's Z and A for the backward sweep.");
                string previous = "x";
                foreach (var layer in plan.Layers)
                {
                    var regions = tiles.Layers[layer.Index];
                    string z = Trace(regions.TraceZ, layer.Units), a = Trace(regions.TraceA, layer.Units);
                    w.Line($"{ForwardLayerTile(layer.Number)}(parameters, {previous}, {z}, {a}, rows);");
                    previous = a;
                }

                var output = plan.Output;
                var outputRegions = tiles.Layers[output.Index];
                int o = output.Units;
                w.Line();
                w.Line($"// The loss of each sample, and its gradient with respect to z{output.Number}.");
                if (Losses.LossKernel.For(plan.Loss).HasTileForm)
                {
                    w.Line($"loss += {LossTile}({Trace(outputRegions.TraceZ, o)}, {Trace(outputRegions.TraceA, o)}, targets, "
                        + $"{Trace(outputRegions.TraceDelta, o)}, rows);");
                }
                else
                {
                    using (w.Block("for (int r = 0; r < rows; r++)"))
                    {
                        string zRow = $"trace.Slice({outputRegions.TraceZ} + (r * {o}), {o})", aRow = $"trace.Slice({outputRegions.TraceA} + (r * {o}), {o})";
                        string tRow = $"targets.Slice(r * {o}, {o})";
                        w.Line($"loss += {ComputeLoss}({zRow}, {aRow}, {tRow});");
                        w.Line($"{OutputDelta}({zRow}, {aRow}, {tRow}, trace.Slice({outputRegions.TraceDelta} + (r * {o}), {o}));");
                    }
                }

                w.Line();
                w.Line("// Backward, last layer first: each layer adds its gradients and hands dL/dA to the layer before it.");
                for (int l = plan.Layers.Count - 1; l >= 0; l--)
                {
                    var layer = plan.Layers[l];
                    var regions = tiles.Layers[l];
                    string delta = Trace(regions.TraceDelta, layer.Units);
                    if (layer.NeedsDerivative)
                    {
                        string slopeBuffers = layer.HasSlopes ? "parameters, gradients, " : string.Empty;
                        w.Line($"{DerivativeTile(layer.Number)}({slopeBuffers}{Trace(regions.TraceZ, layer.Units)}, {Trace(regions.TraceA, layer.Units)}, {delta}, rows);");
                    }

                    string x = layer.IsFirst ? "x" : Trace(tiles.Layers[l - 1].TraceA, layer.FanIn);
                    w.Line($"{WeightGradientTile(layer.Number)}(gradients, {x}, {delta}, rows);");
                    if (!layer.IsFirst)
                    {
                        w.Line($"{InputGradientTile(layer.Number)}(transposed, {delta}, {Trace(tiles.Layers[l - 1].TraceDelta, layer.FanIn)}, rows);");
                    }
                }
            }

            w.Line("return loss;");
        }

        EmitTranspose(w, plan, tiles);
        var loss = Losses.LossKernel.For(plan.Loss);
        if (loss.HasTileForm)
        {
            w.Line();
            w.Line($"/// <summary>The summed loss of a tile's <paramref name=\"rows\"/> samples, and each row's dL/dz of the output layer.</summary>");
            using (w.Block($"private static {t.Keyword} {LossTile}({t.ReadOnlySpan} z, {t.ReadOnlySpan} a, {t.ReadOnlySpan} target, {t.Span} delta, int rows)"))
            {
                loss.WriteTile(w, t, plan.Output, plan.FastActivations);
            }
        }
    }

    private const string LossTile = "LossTile";

    private static string Trace(int offset, int units) => $"trace.Slice({offset}, rows * {units})";

    /// <summary>W^T of every layer but the first, [units, fanIn] row-major, so that dX = delta W^T reads contiguous rows.</summary>
    private static void EmitTranspose(CodeWriter w, NetworkPlan plan, TilePlan tiles)
    {
        var t = plan.Numeric();
        w.Line();
        w.Line("/// <summary>Packs W^T of every layer but the first, [units, fanIn] row-major: dX = delta W^T then reads rows.</summary>");
        using (w.Block($"private static void {TransposeWeights}({t.ReadOnlySpan} parameters, {t.Span} transposed)"))
        {
            foreach (var layer in plan.Layers.Where(l => !l.IsFirst))
            {
                int n = layer.FanIn, m = layer.Units;
                int offset = tiles.Layers[layer.Index].TransposedOffset;
                w.Line($"// W{layer.Number}[{n}, {m}] -> W{layer.Number}^T[{m}, {n}]");
                using (w.Block($"for (int i = 0; i < {n}; i++)"))
                {
                    using (w.Block($"for (int j = 0; j < {m}; j++)"))
                    {
                        w.Line($"transposed[{offset} + (j * {n}) + i] = parameters[{layer.WeightOffset} + (i * {m}) + j];");
                    }
                }
            }
        }
    }

    /// <summary>delta *= f'(z) over a tile's rows x units values, a vector at a time where the kernel has a vector form.</summary>
    public static void EmitDerivative(CodeWriter w, NetworkPlan plan, LayerPlan layer)
    {
        var t = plan.Numeric();
        var kernel = ActivationKernel.For(layer.Activation);
        w.Line();
        w.Line($"/// <summary>{Code.Header(layer)}, backward for a tile: dL/dZ = dL/dA f'(Z), {kernel.DescribeDerivative(layer.Alpha)}.</summary>");
        string slopeBuffers = layer.HasSlopes ? $"{t.ReadOnlySpan} parameters, {t.Span} gradients, " : string.Empty;
        using (w.Block($"private static void {DerivativeTile(layer.Number)}({slopeBuffers}{t.ReadOnlySpan} z, {t.ReadOnlySpan} a, {t.Span} delta, int rows)"))
        {
            if (layer.HasSlopes)
            {
                // PReLU: each row against the same slopes, whose gradients sum over the rows.
                ScalarLayerCode.EmitSlopeView(w, layer, "parameters", t.ReadOnlySpan, "s");
                ScalarLayerCode.EmitSlopeView(w, layer, "gradients", t.Span, "ds");
                using (w.Block("for (int r = 0; r < rows; r++)"))
                {
                    using (w.Block($"for (int j = 0; j < {layer.Units}; j++)"))
                    {
                        w.Line($"int at = (r * {layer.Units}) + j;");
                        foreach (string line in PReluKernel.WriteBackward(t, "z[at]", "delta[at]", "s[j]", "ds[j]"))
                        {
                            w.Line(line);
                        }
                    }
                }

                return;
            }

            if (!kernel.IsElementwise)
            {
                // A hidden softmax: the Jacobian-vector product of each row on its own.
                using (w.Block("for (int r = 0; r < rows; r++)"))
                {
                    w.Line($"{t.ReadOnlySpan} aRow = a.Slice(r * {layer.Units}, {layer.Units});");
                    w.Line($"{t.Span} deltaRow = delta.Slice(r * {layer.Units}, {layer.Units});");
                    SoftmaxKernel.WriteJacobianProduct(w, t, layer.Units, "deltaRow", "aRow");
                }

                return;
            }

            w.Line($"int count = rows * {layer.Units};");
            string expression = kernel.Derivative(t, "delta[j]", "z[j]", "a[j]", layer.Alpha, plan.FastActivations, "s", out string? prelude);
            var scalar = prelude is null ? new[] { $"delta[j] = {expression};" } : new[] { prelude, $"delta[j] = {expression};" };
            if (!layer.VectorDerivative)
            {
                Loop(w, "for (int j = 0; j < count; j++)", scalar);
                return;
            }

            var reads = kernel.VectorDerivativeReads;
            w.Line(Code.RefTo(t, "gr", "delta"));
            w.Line(Code.RefTo(t, "zr", "z"));
            w.Line(Code.RefTo(t, "ar", "a"));
            var widths = layer.ElementwiseWidths.Select(shape => VectorWidth.Of(shape, t)).ToList();
            WidthDispatch.Write(
                w,
                widths,
                v =>
                {
                    w.Line("int j = 0;");
                    var lines = new System.Collections.Generic.List<string> { $"{v.Vector} g = {v.LoadAt("gr", "j")};" };
                    if ((reads & DerivativeReads.Z) != 0)
                    {
                        lines.Add($"{v.Vector} zv = {v.LoadAt("zr", "j")};");
                    }

                    if ((reads & DerivativeReads.A) != 0)
                    {
                        lines.Add($"{v.Vector} av = {v.LoadAt("ar", "j")};");
                    }

                    lines.Add(v.StoreAt(kernel.VectorDerivative(v, "g", "zv", "av", layer.Alpha, plan.FastActivations)!, "gr", "j"));
                    Loop(w, $"for (; j <= count - {v.Lanes}; j += {v.Lanes})", lines.ToArray());
                    Loop(w, "for (; j < count; j++)", scalar);
                },
                () => Loop(w, "for (int j = 0; j < count; j++)", scalar));
        }
    }

    private static void Loop(CodeWriter w, string header, string[] lines)
    {
        using (w.Block(header))
        {
            foreach (string line in lines)
            {
                w.Line(line);
            }
        }
    }

    public static string DerivativeTile(int layer) => "Derivative" + layer + "Tile";
}
