using System.Collections.Generic;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Planning;

/// <summary>Plans the constant data of a network's baked weights, or nothing for a network without Weights.</summary>
internal static class BakedWeightsPlanner
{
    // The longest literals: "-1.17549435E-38F, " (18 characters) and "-2.2250738585072014E-308D, " (27). Six or four of
    // them after the data's indentation (12) stay under CodeWriter's 150, so no line is ever wrapped.
    private const int SingleValuesPerLine = 6;
    private const int DoubleValuesPerLine = 4;

    public static BakedWeightsPlan? Plan(NetworkModel model, IReadOnlyList<LayerPlan> layers)
    {
        if (model.Weights is not { } weights)
        {
            return null;
        }

        var regions = new List<BakedRegionPlan>();
        foreach (var layer in layers)
        {
            string source = weights.LayerSources[layer.Index];
            regions.Add(new BakedRegionPlan(layer.Number, "W", source, layer.FanIn, layer.Units, layer.WeightOffset, layer.FanIn * layer.Units));
            if (layer.HasBias)
            {
                regions.Add(new BakedRegionPlan(layer.Number, "b", source, layer.FanIn, layer.Units, layer.BiasOffset, layer.Units));
            }

            if (layer.HasSlopes)
            {
                regions.Add(new BakedRegionPlan(layer.Number, "slopes", source, layer.FanIn, layer.Units, layer.SlopeOffset, layer.Units));
            }
        }

        return new BakedWeightsPlan(
            weights.Path,
            weights.Provenance,
            weights.Parameters,
            regions.ToEquatableArray(),
            model.Precision == Precision.Double ? DoubleValuesPerLine : SingleValuesPerLine);
    }
}
