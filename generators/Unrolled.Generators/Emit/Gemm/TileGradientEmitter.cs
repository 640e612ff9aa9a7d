using System.Linq;
using Unrolled.Generators.Planning;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emit.Gemm;

/// <summary>
/// A layer's gradient products for a tile: dW += X^T delta (blocks of inputs by panels of units, the depth running over
/// the tile's samples), db += the column sums of delta, and dX = delta W^T (blocks of samples by panels of inputs).
/// </summary>
internal static class TileGradientEmitter
{
    public static void EmitWeightGradient(CodeWriter w, NetworkPlan plan, TilePlan tiles, LayerPlan layer)
    {
        var t = plan.Numeric();
        int n = layer.FanIn, m = layer.Units, l = layer.Number, block = tiles.BlockRows;
        var tile = tiles.Layers[layer.Index];
        w.Line();
        w.Line($"/// <summary>{Code.Header(layer)}: dW{l} += X^T delta{(layer.HasBias ? $" and db{l} += the sum of delta's rows" : string.Empty)}, over a tile of <paramref name=\"rows\"/> samples.</summary>");
        using (w.Block($"private static void {WeightGradientTile(l)}({t.Span} gradients, {t.ReadOnlySpan} x, {t.ReadOnlySpan} delta, int rows)"))
        {
            ScalarLayerCode.EmitParameterViews(w, layer, "gradients", t.Span, "dW", "db");
            w.Line(Code.RefTo(t, "dWr", "dW"));
            if (layer.HasBias)
            {
                w.Line(Code.RefTo(t, "dbr", "db"));
            }

            w.Line(Code.RefTo(t, "xr", "x"));
            w.Line(Code.RefTo(t, "dr", "delta"));
            w.Line();
            if (layer.HasBias)
            {
                w.Line($"// db{l} += delta's rows, a vector of units at a time.");
                ElementwiseLoop.Emit(
                    w,
                    m,
                    layer.ElementwiseWidths.Select(shape => VectorWidth.Of(shape, t)).ToList(),
                    v => [$"{v.Vector} sum = {v.LoadAt("dbr", "j")};", $"for (int s = 0; s < rows; s++) sum += {v.LoadAt("dr", $"(s * {m}) + j")};", v.StoreAt("sum", "dbr", "j")],
                    [$"for (int s = 0; s < rows; s++) db[j] += delta[(s * {m}) + j];"]);
                w.Line();
            }

            w.Line($"// dW{l} += X^T delta: {block} rows of dW (inputs) by a panel of units, the samples' products summed in registers.");
            var widths = tile.Forward.Select(p => VectorWidth.Of(p.Width, t)).ToList();
            WidthDispatch.Write(
                w,
                widths,
                v => EmitWeightBlocks(w, t, layer, block, tile.Forward.First(p => p.Width.Bits == v.Bits)),
                () =>
                {
                    using (w.Block("for (int s = 0; s < rows; s++)"))
                    {
                        using (w.Block($"for (int i = 0; i < {n}; i++)"))
                        {
                            w.Line($"{t.Keyword} xi = x[(s * {n}) + i];");
                            using (w.Block($"for (int j = 0; j < {m}; j++)"))
                            {
                                w.Line($"dW[(i * {m}) + j] = {VectorWidth.MultiplyAdd("xi", $"delta[(s * {m}) + j]", $"dW[(i * {m}) + j]")};");
                            }
                        }
                    }
                });
        }
    }

    /// <summary>Full blocks of inputs in a loop, then the remaining inputs (fewer than a block) as one smaller block.</summary>
    private static void EmitWeightBlocks(CodeWriter w, NumericType t, LayerPlan layer, int block, GemmWidthPlan widthPlan)
    {
        int n = layer.FanIn, whole = n / block * block;
        var scope = NameScope.Method("gradients", "x", "delta", "rows", "dW", "db", "dWr", "dbr", "xr", "dr");
        if (whole > 0)
        {
            using (w.Block($"for (int i0 = 0; i0 < {whole}; i0 += {block})"))
            {
                EmitWeightBlock(w, t, layer, block, "i0", widthPlan, scope.Child(), prefix: string.Empty);
            }
        }

        if (whole < n)
        {
            w.Line($"// The last {n - whole} input(s).");
            EmitWeightBlock(w, t, layer, n - whole, Code.Invariant(whole), widthPlan, scope, prefix: "last");
        }
    }

    private static void EmitWeightBlock(
        CodeWriter w, NumericType t, LayerPlan layer, int inputs, string first, GemmWidthPlan widthPlan, NameScope scope, string prefix)
    {
        int n = layer.FanIn, m = layer.Units;
        string dWRow = scope.Reserve(prefix.Length == 0 ? "dWRow" : prefix + "DWRow");
        w.Line($"ref {t.Keyword} {dWRow} = ref {Code.Unsafe}.Add(ref dWr, {first} * {m});");
        GemmPanel.WriteAll(w, t, widthPlan, inputs, panel =>
        {
            string inRow = panel.Columns.Base is null ? $"s * {m}" : $"(s * {m}) + j";
            var sums = new AffineBlock
            {
                Type = panel.Type,
                Zero = panel.Zero,
                Inputs = 0,
                Slots = panel.Vectors,
                Samples = inputs,
                LoopBound = "rows",
                Index = "s",
                Accumulator = (q, k) => $"{panel.Name}{q}_{k}",
                Initial = (q, k) => panel.Load(dWRow, k, q * m),
                Input = (q, _) => panel.Broadcast($"{Code.Unsafe}.Add(ref xs, {q})"),
                InputLocal = (q, _) => $"x{q}",
                Weight = (_, k) => panel.LoadInRow("ds", k),
                WeightLocal = (_, k) => $"d{k}",
                LoopRow = $"ref {t.Keyword} xs = ref {Code.Unsafe}.Add(ref xr, (s * {n}) + {first});",
                LoopRow2 = $"ref {t.Keyword} ds = ref {Code.Unsafe}.Add(ref dr, {inRow});",
            };
            sums.Write(w, scope.Child());
            for (int q = 0; q < inputs; q++)
            {
                for (int k = 0; k < panel.Vectors; k++)
                {
                    string sum = sums.AccumulatorName(q, k);
                    if (k == panel.Vectors - 1 && panel.Overlap > 0 && panel.Width is { } v)
                    {
                        // The overlapping lanes were summed by the vector before: keep what it stored there.
                        string suffix = t.Size == 4 ? string.Empty : "L";
                        string lanes = string.Join(", ", Enumerable.Range(0, v.Lanes).Select(lane => (lane < panel.Overlap ? "0" : "-1") + suffix));
                        string mask = $"{v.Type}.As{(t.Size == 4 ? "Single" : "Double")}({v.Type}.Create({lanes}))";
                        sum = $"{v.Type}.ConditionalSelect({mask}, {sum}, {panel.Load(dWRow, k, q * m)})";
                    }

                    w.Line(panel.Store(sum, dWRow, k, q * m));
                }
            }
        }, prefix);
    }

    public static void EmitInputGradient(CodeWriter w, NetworkPlan plan, TilePlan tiles, LayerPlan layer)
    {
        var t = plan.Numeric();
        int n = layer.FanIn, m = layer.Units, l = layer.Number, block = tiles.BlockRows;
        var tile = tiles.Layers[layer.Index];
        w.Line();
        w.Line($"/// <summary>{Code.Header(layer)}: dL/dX = delta W{l}^T for a tile of <paramref name=\"rows\"/> samples, from the packed W{l}^T[{m}, {n}].</summary>");
        using (w.Block($"private static void {InputGradientTile(l)}({t.ReadOnlySpan} transposed, {t.ReadOnlySpan} delta, {t.Span} previous, int rows)"))
        {
            w.Line($"{t.ReadOnlySpan} wt = transposed.Slice({tile.TransposedOffset}, {m * n}); // W{l}^T[{m}, {n}]: [j * {n} + i] connects unit j to input i");
            w.Line(Code.RefTo(t, "wtr", "wt"));
            w.Line(Code.RefTo(t, "dr", "delta"));
            w.Line(Code.RefTo(t, "pr", "previous"));
            w.Line();
            var widths = tile.InputGradient.Select(p => VectorWidth.Of(p.Width, t)).ToList();
            var scope = NameScope.Method("transposed", "delta", "previous", "rows", "wt", "wtr", "dr", "pr");
            WidthDispatch.Write(
                w,
                widths,
                v =>
                {
                    using (w.Block($"for (int r = 0; r < rows; r += {block})"))
                    {
                        w.Line($"ref {t.Keyword} dRow = ref {Code.Unsafe}.Add(ref dr, r * {m});");
                        w.Line($"ref {t.Keyword} pRow = ref {Code.Unsafe}.Add(ref pr, r * {n});");
                        GemmPanel.WriteAll(w, t, tile.InputGradient.First(p => p.Width.Bits == v.Bits), block, panel =>
                        {
                            var sums = new AffineBlock
                            {
                                Type = panel.Type,
                                Zero = panel.Zero,
                                Inputs = m,
                                Slots = panel.Vectors,
                                Samples = block,
                                LoopedInputs = m,
                                Index = "j0",
                                Accumulator = (q, k) => $"{panel.Name}{q}_{k}",
                                Input = (q, i) => panel.Broadcast($"{Code.Unsafe}.Add(ref dRow, {(q == 0 ? i.Expression : $"{q * m} + {i.Expression}")})"),
                                InputLocal = (q, _) => $"d{q}",
                                Weight = (_, k) => panel.LoadInRow("row", k),
                                WeightLocal = (_, k) => $"w{k}",
                                LoopRow = $"ref {t.Keyword} row = ref {Code.Unsafe}.Add(ref wtr, {(panel.Columns.Base is null ? $"j0 * {n}" : $"(j0 * {n}) + j")});",
                            };
                            sums.Write(w, scope.Child());
                            for (int q = 0; q < block; q++)
                            {
                                for (int k = 0; k < panel.Vectors; k++)
                                {
                                    w.Line(panel.Store(sums.AccumulatorName(q, k), "pRow", k, q * n));
                                }
                            }
                        });
                    }
                },
                () =>
                {
                    using (w.Block("for (int s = 0; s < rows; s++)"))
                    {
                        using (w.Block($"for (int i = 0; i < {n}; i++)"))
                        {
                            w.Line($"{t.Keyword} sum = {t.Literal(0)};");
                            using (w.Block($"for (int j = 0; j < {m}; j++)"))
                            {
                                w.Line($"sum = {VectorWidth.MultiplyAdd($"wt[(j * {n}) + i]", $"delta[(s * {m}) + j]", "sum")};");
                            }

                            w.Line($"previous[(s * {n}) + i] = sum;");
                        }
                    }
                });
        }
    }
}
