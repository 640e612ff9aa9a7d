using Unrolled.Generators.Model;

namespace Unrolled.Generators.Planning;

/// <summary>Lays out the parameters, the trace and the scratch, and decides which buffers fit inline or on the stack.</summary>
internal static class BufferPlanner
{
    public static BufferPlan Plan(NetworkModel model, TilePlan? tiles)
    {
        int size = model.Precision == Precision.Double ? 8 : 4;
        var regions = new LayerRegions[model.Layers.Count];
        int parameters = 0, trace = 0, scratch = 0;
        for (int l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            int m = layer.Units;
            bool dropout = layer.Dropout > 0;
            regions[l] = new LayerRegions(TraceZ: trace, TraceA: trace + m, TraceDelta: trace + (2 * m), ScratchZ: scratch, ScratchA: scratch + m,
                TraceMask: dropout ? trace + (3 * m) : -1, TraceDropped: dropout ? trace + (4 * m) : -1);
            parameters += layer.ParameterCount;
            trace += (dropout ? 5 : 3) * m;
            scratch += 2 * m;
        }

        // Backward of a batch keeps a whole tile's z, a and delta in the trace; a single sample uses its first values.
        if (tiles is not null)
        {
            trace = TilePlanner.TraceValues(tiles, model);
        }

        return new BufferPlan(
            parameters,
            ParametersInline: (long)parameters * size <= Limits.MaxInlineBytes,
            trace,
            TraceInline: (long)trace * size <= Limits.MaxInlineBytes,
            scratch,
            ScratchOnStack: (long)scratch * size <= Limits.MaxStackScratchBytes,
            regions.ToEquatableArray());
    }
}
