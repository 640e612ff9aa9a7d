using System.Collections.Generic;
using System.Linq;
using Unrolled.Generators.Emit.Activations;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Planning;

/// <summary>Chooses Forward's strategies for small networks: lanes for their batches, registers for their single samples.</summary>
internal static class ForwardPlanner
{
    public static ForwardPlan Plan(NetworkModel model, List<LayerPlan> layers, bool fast)
    {
        bool small = NetworkPlanner.MultiplyAdds(model) <= Limits.MaxStraightLineMultiplyAdds;
        VectorShape? lanes = small
            && layers.Sum(l => l.Units) + model.Inputs <= Limits.MaxLaneValues
            && layers.All(l => ActivationKernel.For(l.Activation).HasVectorForm(fast))
            ? VectorShapes.Of(Limits.LaneBits, model.Precision)
            : null;
        var registers = small ? Registers(model.Precision, layers, fast) : null;
        return new ForwardPlan(lanes, registers);
    }

    /// <summary>
    /// The register path's variants, widest first, or null when a layer cannot keep its values in registers: a
    /// vectorized layer needs an element-wise vector activation (or softmax last, which runs over the output span),
    /// and at most <see cref="Limits.MaxRegisterVectors"/> vectors at every width.
    /// </summary>
    private static RegisterPathPlan? Registers(Precision precision, List<LayerPlan> layers, bool fast)
    {
        if (layers.Any(l => l.HasSlopes || (!l.IsLast && !ActivationKernel.For(l.Activation).IsElementwise)))
        {
            return null; // a hidden softmax, or PReLU's slopes, keep the layer in memory: the per-layer path
        }

        var variants = new List<RegisterVariantPlan>();
        foreach (int bits in VectorShapes.AllBits.Where(b => b <= Limits.MaxSingleSampleBits))
        {
            var widths = new VectorShape?[layers.Count];
            for (int l = 0; l < layers.Count; l++)
            {
                var layer = layers[l];
                VectorShape? width = VectorShapes.Fitting(layer.Units, precision).Where(v => v.Bits <= bits).Select(v => (VectorShape?)v).FirstOrDefault()
                    ?? (IsPaddable(precision, layer, fast) ? VectorShapes.Of(128, precision) : null);
                bool vectorOk = width is null
                    || LayerPlanner.HasElementwiseVectorForm(layer.Activation, fast)
                    || (layer.Activation == Activation.Softmax && layer.IsLast);
                if (!vectorOk || (width is { } v && VectorShapes.VectorCount(layer.Units, v) > Limits.MaxRegisterVectors))
                {
                    return null;
                }

                widths[l] = width;
            }

            if (variants.Count == 0 || !SameWidths(variants[variants.Count - 1], widths))
            {
                variants.Add(Variant(layers, widths));
            }
        }

        return new RegisterPathPlan(variants.ToEquatableArray(), NeedsSimd: !variants[variants.Count - 1].IsScalar);
    }

    /// <summary>
    /// A float layer of two or three units runs in one 128-bit vector whose last lanes are padding: its rows of W are
    /// read four floats at a time, which stays inside the parameters (the bias follows the last row), and the
    /// padding lanes are never read by the next layer, never stored, and masked out of a softmax. A layer without bias
    /// has nothing after its last row that the read could stay inside, so it is not padded.
    /// </summary>
    private static bool IsPaddable(Precision precision, LayerPlan layer, bool fast) =>
        precision == Precision.Single
        && layer.HasBias
        && layer.Units >= 2
        && ActivationKernel.For(layer.Activation).HasVectorForm(fast)
        && (ActivationKernel.For(layer.Activation).IsElementwise || layer.IsLast);

    private static RegisterVariantPlan Variant(List<LayerPlan> layers, VectorShape?[] widths)
    {
        var plans = new RegisterLayerPlan[layers.Count];
        for (int l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            VectorShape? previous = l > 0 ? widths[l - 1] : null;
            if (widths[l] is { } v)
            {
                int[] offsets = VectorShapes.Offsets(layer.Units, v);
                plans[l] = new RegisterLayerPlan(v, VectorShapes.IsPadded(layer.Units, v), offsets.ToEquatableArray(),
                    VectorShapes.PartialSums(offsets.Length, layer.FanIn), RegisterScalarForm.None, ReadInputsOnce: false);
            }
            else if (previous is { } p && CanDotFromVectors(layer.Units, layers[l - 1].Units, p))
            {
                plans[l] = new RegisterLayerPlan(null, false, default, 1, RegisterScalarForm.DotFromVectors, ReadInputsOnce: false);
            }
            else
            {
                bool readOnce = layer.Units > 1 && (l == 0 || previous is not null);
                plans[l] = new RegisterLayerPlan(null, false, default, VectorShapes.PartialSums(layer.Units, layer.FanIn),
                    RegisterScalarForm.Sums, readOnce);
            }
        }

        int widest = widths.Where(w => w is not null).Select(w => w!.Value.Bits).DefaultIfEmpty(0).Max();
        return new RegisterVariantPlan(widest, plans.ToEquatableArray());
    }

    /// <summary>
    /// A layer of one or two units fed by whole vectors (no overlapping lanes) is computed as vector products and
    /// one horizontal sum, instead of a lane read and a scalar multiply-add per input and unit.
    /// </summary>
    private static bool CanDotFromVectors(int units, int inputs, VectorShape previous) =>
        inputs % previous.Lanes == 0 && (units == 1 || (units == 2 && previous.Lanes >= 4));

    private static bool SameWidths(RegisterVariantPlan variant, VectorShape?[] widths) =>
        variant.Layers.Select((layer, l) => layer.Width?.Bits == widths[l]?.Bits).All(same => same);
}
