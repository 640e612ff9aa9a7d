using System.Collections.Generic;
using System.Linq;
using Unrolled.Generators.Emit.Activations;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Planning;

/// <summary>Chooses each layer's kernels: unrolled or SIMD, the widths, accumulators, partial sums and input loops.</summary>
internal static class LayerPlanner
{
    public static List<LayerPlan> Plan(NetworkModel model, bool fast)
    {
        var plans = new List<LayerPlan>(model.Layers.Count);
        int offset = 0;
        for (int l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            int n = layer.FanIn, m = layer.Units;
            var kernel = ActivationKernel.For(layer.Activation);
            bool unrolled = UnrollRules.ShouldUnroll(model.Unroll, n, m, model.Precision);
            bool wide = (long)n * m * (model.Precision == Precision.Double ? 8 : 4) > Limits.WideLayerBytes;
            var widths = VectorShapes.Fitting(m, model.Precision, wide ? 512 : Limits.MaxSingleSampleBits).ToArray();
            bool simd = !unrolled;
            plans.Add(new LayerPlan(
                Number: l + 1,
                FanIn: n,
                Units: m,
                Activation: layer.Activation,
                Alpha: layer.Alpha,
                IsFirst: l == 0,
                IsLast: l == model.Layers.Count - 1,
                WeightOffset: offset,
                BiasOffset: layer.Bias ? offset + (n * m) : -1,
                HasBias: layer.Bias,
                SlopeOffset: layer.HasSlopes ? offset + ((n + (layer.Bias ? 1 : 0)) * m) : -1,
                Dropout: layer.Dropout,
                DerivativeInBackward: l == model.Layers.Count - 1 && model.Loss == LossFunction.MeanSquaredError
                    && (layer.Dropout > 0 || layer.HasSlopes),
                Code: unrolled ? LayerCode.Unrolled : LayerCode.Simd,
                UnrolledPartials: VectorShapes.PartialSums(m, n),
                VectorActivation: HasElementwiseVectorForm(layer.Activation, fast),
                ElementwiseWidths: widths.ToEquatableArray(),
                ForwardWidths: simd ? widths.Select(v => Affine(v, n, m, Limits.Accumulators, samples: 1)).ToEquatableArray() : default,
                BackwardWidths: simd ? widths.Select(v => Backward(v, m)).ToEquatableArray() : default,
                VectorDerivative: kernel.HasVectorDerivative(fast)));
            offset += layer.ParameterCount;
        }

        return plans;
    }

    /// <summary>Whether the SIMD branches can apply the activation a vector at a time (element-wise, with a vector form).</summary>
    public static bool HasElementwiseVectorForm(Activation activation, bool fast)
    {
        var kernel = ActivationKernel.For(activation);
        return kernel.IsElementwise && kernel.HasVectorForm(fast);
    }

    /// <summary>
    /// How a layer's units are covered at one width: tiles of <paramref name="perTile"/> vectors of accumulators in a
    /// loop (eight chains of multiply-adds in flight), then the remaining
    /// units in one block of fewer vectors, the last moved back to end at the last unit, with partial sums over the
    /// inputs so that enough chains stay in flight.
    /// </summary>
    private static AffineWidthPlan Affine(VectorShape v, int inputs, int units, int perTile, int samples)
    {
        int tiles = units / v.Lanes / perTile;
        var loop = tiles > 0 ? new TileLoopPlan(perTile, perTile * v.Lanes, tiles * perTile * v.Lanes, LoopedInputs(inputs, 1, samples)) : null;
        int covered = loop?.End ?? 0;
        if (covered == units)
        {
            return new AffineWidthPlan(v, loop, null);
        }

        int count = (units - covered + v.Lanes - 1) / v.Lanes;
        var offsets = Enumerable.Range(0, count).Select(k => System.Math.Min(covered + (k * v.Lanes), units - v.Lanes)).ToEquatableArray();
        int partials = VectorShapes.PartialSums(samples * count, inputs);
        return new AffineWidthPlan(v, loop, new AffineChunkPlan(offsets, partials, LoopedInputs(inputs, partials, samples)));
    }

    /// <summary>A single sample's few inputs are written out; otherwise a loop visits them in steps of the partial sums.</summary>
    private static int LoopedInputs(int inputs, int partials, int samples) =>
        samples == 1 && inputs <= Limits.UnrolledInputs ? 0 : inputs - (inputs % partials);

    private static SimdBackwardPlan Backward(VectorShape v, int units)
    {
        int full = units / v.Lanes;
        return new SimdBackwardPlan(v, full, RowUnrolled: full <= Limits.UnrolledRowVectors);
    }
}
