using System.Collections.Generic;
using System.Linq;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Planning;

/// <summary>Chooses the batch kernels: tile and block sizes, and the panels that cover each product's columns at each width.</summary>
internal static class TilePlanner
{
    /// <summary>
    /// The tile plan, or null for small networks (at most <see cref="Limits.MaxStraightLineMultiplyAdds"/> per sample):
    /// their batches run one sample per lane, or one sample at a time, and the register blocks would outweigh them.
    /// </summary>
    public static TilePlan? Plan(NetworkModel model, ForwardPlan forward)
    {
        if (forward.Lanes is not null || NetworkPlanner.MultiplyAdds(model) <= Limits.MaxStraightLineMultiplyAdds)
        {
            return null;
        }

        if (model.Layers.Any(l => l.Dropout > 0))
        {
            return null; // masks are drawn sample by sample (IDropoutNetwork's order): Backward runs one sample at a time
        }

        int size = model.Precision == Precision.Double ? 8 : 4;
        var layers = model.Layers;
        long hidden = layers.Take(layers.Count - 1).Sum(l => (long)l.Units);
        int rows = Limits.BlockRows * (int)System.Math.Max(1, Limits.TileBytes / (size * Limits.BlockRows * System.Math.Max(1, hidden)));
        rows = System.Math.Min(rows, Limits.MaxTileRows - (Limits.MaxTileRows % Limits.BlockRows));
        if (3L * rows * layers.Sum(l => (long)l.Units) > Limits.MaxTileTraceValues
            || layers.Skip(1).Sum(l => (long)l.FanIn * l.Units) > int.MaxValue)
        {
            return null; // too large to keep a tile's trace, or W^T: one sample at a time
        }

        var plans = new List<LayerTilePlan>(layers.Count);
        int scratch = 0, trace = 0, transposed = 0;
        for (int l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            bool last = l == layers.Count - 1;
            var forwardPanels = Panels(layer.Units, model.Precision);
            var inputPanels = l == 0 ? default : Panels(layer.FanIn, model.Precision);
            int m = layer.Units;
            plans.Add(new LayerTilePlan(
                forwardPanels, inputPanels,
                ScratchOffset: last ? -1 : scratch,
                TraceZ: trace, TraceA: trace + (rows * m), TraceDelta: trace + (2 * rows * m),
                TransposedOffset: l == 0 ? -1 : transposed));
            scratch += last ? 0 : rows * m;
            trace += 3 * rows * m;
            transposed += l == 0 ? 0 : layer.FanIn * m;
        }

        return new TilePlan(
            Limits.BlockRows, rows, scratch, (long)scratch * size <= Limits.MaxStackScratchBytes,
            transposed, (long)transposed * size <= Limits.MaxInlineBytes, plans.ToEquatableArray());
    }

    /// <summary>The trace a tile needs: z, a and delta of every layer for every row.</summary>
    public static int TraceValues(TilePlan tiles, NetworkModel model) => 3 * tiles.TileRows * model.Layers.Sum(l => l.Units);

    /// <summary>
    /// How <paramref name="columns"/> columns are covered at each width: panels of 4 vectors at 512 bits (2 below) in a
    /// loop, then the rest in vectors of the widest width that fits it, the last moved back to end at the last column;
    /// single columns when even 128 bits is wider than the whole product.
    /// </summary>
    private static EquatableArray<GemmWidthPlan> Panels(int columns, Precision precision)
    {
        var widths = new List<GemmWidthPlan>();
        foreach (int bits in VectorShapes.AllBits)
        {
            var v = VectorShapes.Of(bits, precision);
            int vectors = bits == 512 ? Limits.PanelVectors512 : Limits.PanelVectorsNarrow;
            int step = vectors * v.Lanes, end = columns / step * step;
            var loop = end > 0 ? new PanelLoopPlan(vectors, step, end) : null;
            widths.Add(new GemmWidthPlan(v, loop, Rest(columns, end, bits, precision)));
        }

        return widths.ToEquatableArray();
    }

    /// <summary>
    /// The columns after the panel loop in the fewest vectors no wider than the branch's (the narrower on a tie: half
    /// the work per vector on machines that split wide ones), the last moved back to end at the last column.
    /// </summary>
    private static PanelRestPlan? Rest(int columns, int start, int bits, Precision precision)
    {
        int rest = columns - start;
        if (rest == 0)
        {
            return null;
        }

        var best = VectorShapes.AllBits
            .Where(b => b <= bits)
            .Select(b => VectorShapes.Of(b, precision))
            .Where(v => v.Lanes <= columns)
            .OrderBy(v => (rest + v.Lanes - 1) / v.Lanes)
            .ThenBy(v => v.Bits)
            .Select(v => (VectorShape?)v)
            .FirstOrDefault();
        if (best is not { } width)
        {
            return new PanelRestPlan(null, Enumerable.Range(start, rest).ToEquatableArray(), 0);
        }

        int count = (rest + width.Lanes - 1) / width.Lanes;
        var offsets = Enumerable.Range(0, count).Select(k => System.Math.Min(start + (k * width.Lanes), columns - width.Lanes)).ToArray();
        int covered = count == 1 ? start : offsets[count - 2] + width.Lanes;
        return new PanelRestPlan(width, offsets.ToEquatableArray(), System.Math.Max(0, covered - offsets[count - 1]));
    }
}
