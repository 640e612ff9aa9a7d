using System.Linq;
using Unrolled.Generators.Emit.Activations;
using Unrolled.Generators.Planning;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emit.Gemm;

/// <summary>
/// Batches as matrix products: <c>ForwardTiles</c> runs tiles of samples through every layer, and each layer's
/// <c>ForwardLayerNTile</c> computes Z = X W + b and A = f(Z) for a tile in register blocks of rows by panels of units.
/// </summary>
internal static class TileForwardEmitter
{
    /// <summary>The tile loop: whole blocks of rows only; the caller runs the samples left over one by one.</summary>
    public static void EmitTiles(CodeWriter w, NetworkPlan plan, TilePlan tiles)
    {
        var t = plan.Numeric();
        int block = tiles.BlockRows, tile = tiles.TileRows;
        w.Line();
        w.Line($"/// <summary>");
        w.Line($"/// Batches as matrix products: tiles of up to {tile} samples through each layer, {block} rows at a time. Runs the");
        w.Line($"/// whole blocks of {block} of <paramref name=\"samples\"/> and returns how many that is; the caller runs the rest.");
        w.Line($"/// </summary>");
        using (w.Block($"private static int {ForwardTiles}({t.ReadOnlySpan} parameters, {t.ReadOnlySpan} input, {t.Span} output, int samples)"))
        {
            w.Line($"int blocks = samples / {block} * {block};");
            string scratchType = $"{t.Keyword}[]";
            if (tiles.ScratchValues > 0 && !tiles.ScratchOnStack)
            {
                w.Line("// The tile's hidden activations, rented from the shared pool (too large for the stack): each caller has its own.");
                w.Line($"{scratchType} rented = System.Buffers.ArrayPool<{t.Keyword}>.Shared.Rent({tiles.ScratchValues});");
                using (w.Block("try"))
                {
                    w.Line($"{t.Span} scratch = rented;");
                    EmitTileLoop(w, plan, tiles);
                }

                using (w.Block("finally"))
                {
                    w.Line($"System.Buffers.ArrayPool<{t.Keyword}>.Shared.Return(rented);");
                }
            }
            else
            {
                if (tiles.ScratchValues > 0)
                {
                    w.Line("// The tile's hidden activations, on the stack and not cleared (each layer writes before the next reads).");
                    w.Line($"{Code.Unsafe}.SkipInit(out TileScratch buffer);");
                    w.Line($"{t.Span} scratch = buffer;");
                }

                EmitTileLoop(w, plan, tiles);
            }

            w.Line("return blocks;");
        }
    }

    private static void EmitTileLoop(CodeWriter w, NetworkPlan plan, TilePlan tiles)
    {
        w.Line("// Each hidden layer writes a where it wrote z (z and a share storage): only Backward needs z.");
        using (w.Block($"for (int s = 0; s < blocks; s += {tiles.TileRows})"))
        {
            w.Line($"int rows = Math.Min({tiles.TileRows}, blocks - s);");
            string x = "input.Slice(s * InputCount, rows * InputCount)";
            foreach (var layer in plan.Layers)
            {
                var tile = tiles.Layers[layer.Index];
                string a = layer.IsLast ? "output.Slice(s * OutputCount, rows * OutputCount)" : $"scratch.Slice({tile.ScratchOffset}, rows * {layer.Units})";
                w.Line($"{ForwardLayerTile(layer.Number)}(parameters, {x}, {a}, {a}, rows);");
                x = a;
            }
        }
    }

    /// <summary>One layer's forward product for a tile: z = X W + b, a = f(z), for rows samples (a multiple of the block).</summary>
    public static void EmitLayer(CodeWriter w, NetworkPlan plan, TilePlan tiles, LayerPlan layer)
    {
        var t = plan.Numeric();
        int n = layer.FanIn, m = layer.Units, l = layer.Number, block = tiles.BlockRows;
        var kernel = ActivationKernel.For(layer.Activation);
        var tile = tiles.Layers[layer.Index];
        w.Line();
        w.Line($"/// <summary>");
        w.Line($"/// {Code.Header(layer)} for a tile of <paramref name=\"rows\"/> samples (a multiple of {block}), row-major:");
        w.Line($"/// Z = X W{l}{(layer.HasBias ? $" + b{l}" : string.Empty)}, A = {kernel.Name}(Z). z and a may be one span.");
        w.Line($"/// </summary>");
        using (w.Block($"private static void {ForwardLayerTile(l)}({t.ReadOnlySpan} parameters, {t.ReadOnlySpan} x, {t.Span} z, {t.Span} a, int rows)"))
        {
            ScalarLayerCode.EmitParameterViews(w, layer, "parameters", t.ReadOnlySpan, "w", "b", "s");
            w.Line(Code.RefTo(t, "wr", "w"));
            if (layer.HasBias)
            {
                w.Line(Code.RefTo(t, "br", "b"));
            }

            w.Line(Code.RefTo(t, "xr", "x"));
            w.Line(Code.RefTo(t, "zr", "z"));
            w.Line(Code.RefTo(t, "ar", "a"));
            w.Line();
            w.Line($"// Z = X W{l}{(layer.HasBias ? $" + b{l}" : string.Empty)}{(layer.VectorActivation ? $", A = {ScalarLayerCode.Describe(layer)}" : string.Empty)}: "
                + $"{block} rows of X broadcast against each row of W{l}, a block of sums per panel of units.");
            var widths = tile.Forward.Select(p => VectorWidth.Of(p.Width, t)).ToList();
            WidthDispatch.Write(
                w,
                widths,
                v => EmitBlocks(w, plan, layer, tiles, tile.Forward.First(p => p.Width.Bits == v.Bits)),
                () =>
                {
                    w.Line("// Without SIMD: one sample after the other.");
                    using (w.Block("for (int r = 0; r < rows; r++)"))
                    {
                        w.Line($"{ForwardLayer(l)}(parameters, x.Slice(r * {n}, {n}), z.Slice(r * {m}, {m}), a.Slice(r * {m}, {m}));");
                    }

                    w.Line("return;");
                });

            if (!layer.VectorActivation)
            {
                w.Line();
                EmitActivation(w, plan, layer);
            }
        }
    }

    /// <summary>A = f(Z) over the tile after its products, for activations the register blocks cannot apply.</summary>
    private static void EmitActivation(CodeWriter w, NetworkPlan plan, LayerPlan layer)
    {
        var t = plan.Numeric();
        int m = layer.Units;
        var kernel = ActivationKernel.For(layer.Activation);
        if (layer.HasSlopes)
        {
            w.Line($"// A = {ScalarLayerCode.Describe(layer)}, row by row: unit j has slope s[j]");
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                using (w.Block($"for (int j = 0; j < {m}; j++)"))
                {
                    w.Line($"int at = (r * {m}) + j;");
                    w.Line($"a[at] = {ScalarLayerCode.Activation(plan, layer, "z[at]", "j")};");
                }
            }

            return;
        }

        if (kernel.IsElementwise)
        {
            w.Line("int count = rows * " + Code.Invariant(m) + ";");
            w.Line($"// A = {ScalarLayerCode.Describe(layer)}, over the whole tile");
            using (w.Block("for (int j = 0; j < count; j++)"))
            {
                w.Line($"a[j] = {kernel.Scalar(t, "z[j]", layer.Alpha, plan.FastActivations)};");
            }

            return;
        }

        if (plan.FastActivations)
        {
            w.Line($"// A = {ScalarLayerCode.Describe(layer)}, row by row in vectors");
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.Line($"{ActivationKernel.FastMath}.Softmax(z.Slice(r * {m}, {m}), a.Slice(r * {m}, {m}));");
            }

            return;
        }

        w.Line($"// A = {ScalarLayerCode.Describe(layer)}: each row shifted by its largest logit, then e^x over the");
        w.Line("// whole tile, then each row divided by its sum.");
        w.Line("int count = rows * " + Code.Invariant(m) + ";");
        using (w.Block("for (int r = 0; r < rows; r++)"))
        {
            w.Line($"{t.ReadOnlySpan} zRow = z.Slice(r * {m}, {m});");
            w.Line($"{t.Span} aRow = a.Slice(r * {m}, {m});");
            w.Line($"{t.Keyword} max = zRow[0];");
            using (w.Block($"for (int j = 1; j < {m}; j++)"))
            {
                w.Line($"max = {t.Call("Max", "max", "zRow[j]")};");
            }

            using (w.Block($"for (int j = 0; j < {m}; j++)"))
            {
                w.Line("aRow[j] = zRow[j] - max;");
            }
        }

        using (w.Block("for (int j = 0; j < count; j++)"))
        {
            w.Line($"a[j] = {t.Call("Exp", "a[j]")};");
        }

        using (w.Block("for (int r = 0; r < rows; r++)"))
        {
            w.Line($"{t.Span} aRow = a.Slice(r * {m}, {m});");
            w.Line($"{t.Keyword} sum = {t.Literal(0)};");
            using (w.Block($"for (int j = 0; j < {m}; j++)"))
            {
                w.Line("sum += aRow[j];");
            }

            using (w.Block($"for (int j = 0; j < {m}; j++)"))
            {
                w.Line("aRow[j] /= sum;");
            }
        }
    }

    private static void EmitBlocks(CodeWriter w, NetworkPlan plan, LayerPlan layer, TilePlan tiles, GemmWidthPlan widthPlan)
    {
        var t = plan.Numeric();
        int n = layer.FanIn, m = layer.Units, block = tiles.BlockRows;
        var kernel = ActivationKernel.For(layer.Activation);
        var scope = NameScope.Method("parameters", "x", "z", "a", "rows", "w", "b", "s", "wr", "br", "xr", "zr", "ar");
        using (w.Block($"for (int r = 0; r < rows; r += {block})"))
        {
            var rowScope = scope.Child();
            foreach (string name in new[] { "xRow", "zRow", "aRow" })
            {
                rowScope.Reserve(name);
            }

            w.Line($"ref {t.Keyword} xRow = ref {Code.Unsafe}.Add(ref xr, r * {n});");
            w.Line($"ref {t.Keyword} zRow = ref {Code.Unsafe}.Add(ref zr, r * {m});");
            w.Line($"ref {t.Keyword} aRow = ref {Code.Unsafe}.Add(ref ar, r * {m});");
            GemmPanel.WriteAll(w, t, widthPlan, block, panel =>
            {
                var sums = new AffineBlock
                {
                    Type = panel.Type,
                    Zero = panel.Zero,
                    Inputs = n,
                    Slots = panel.Vectors,
                    Samples = block,
                    LoopedInputs = n,
                    Accumulator = (q, k) => $"{panel.Name}{q}_{k}",
                    Bias = layer.HasBias ? k => panel.Load("br", k) : null,
                    Input = (q, i) => panel.Broadcast($"{Code.Unsafe}.Add(ref xRow, {Offset(q * n, i.Expression)})"),
                    InputLocal = (q, _) => $"x{q}",
                    Weight = (_, k) => panel.LoadInRow("row", k),
                    WeightLocal = (_, k) => $"w{k}",
                    LoopRow = $"ref {t.Keyword} row = ref {Code.Unsafe}.Add(ref wr, {(panel.Columns.Base is null ? $"i * {m}" : $"(i * {m}) + j")});",
                };
                sums.Write(w, rowScope.Child());
                for (int q = 0; q < block; q++)
                {
                    for (int k = 0; k < panel.Vectors; k++)
                    {
                        string sum = sums.AccumulatorName(q, k);
                        w.Line(panel.Store(sum, "zRow", k, q * m));
                        if (layer.VectorActivation)
                        {
                            string activation = panel.Width is { } v
                                ? kernel.Vector(v, sum, layer.Alpha)!
                                : kernel.Scalar(t, sum, layer.Alpha, plan.FastActivations);
                            w.Line(panel.Store(activation, "aRow", k, q * m));
                        }
                    }
                }
            });
        }
    }

    /// <summary><c>i</c>, or <c>784 + i</c>: a constant row offset plus the loop's index.</summary>
    private static string Offset(int constant, string index) => constant == 0 ? index : $"{constant} + {index}";
}
