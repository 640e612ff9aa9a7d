using System.Collections.Generic;
using System.Linq;
using Unrolled.Generators.Emit.Activations;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Planning;

/// <summary>Chooses each layer's kernels: unrolled or SIMD, the widths, accumulators, partial sums and input loops.</summary>
internal static class LayerPlanner
{
    public static List<LayerPlan> Plan(NetworkModel model, BufferPlan buffers, bool fast)
    {
        var plans = new List<LayerPlan>(model.Layers.Count);
        int offset = 0;
        for (int l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            int n = layer.FanIn, m = layer.Units;
            var kernel = ActivationKernel.For(layer.Activation);
            bool unrolled = UnrollRules.ShouldUnroll(model.Unroll, n, m, model.Precision);
            var widths = VectorShapes.Fitting(m, model.Precision).ToArray();
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
                BiasOffset: offset + (n * m),
                Code: unrolled ? LayerCode.Unrolled : LayerCode.Simd,
                UnrolledPartials: VectorShapes.PartialSums(m, n),
                VectorActivation: HasElementwiseVectorForm(layer.Activation, fast),
                ElementwiseWidths: widths.ToEquatableArray(),
                ForwardWidths: simd ? widths.Select(v => new SimdForwardPlan(v, Chunks(v, n, m, Limits.Accumulators, samples: 1))).ToEquatableArray() : default,
                BackwardWidths: simd ? widths.Select(v => Backward(v, m)).ToEquatableArray() : default,
                VectorDerivative: kernel.HasVectorDerivative(fast),
                PairWidths: simd ? widths.Select(v => new PairWidthPlan(v, Chunks(v, n, m, Limits.PairVectors, samples: 2))).ToEquatableArray() : default));
            offset += (n + 1) * m;
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
    /// The blocks of accumulators that cover a layer's units at one width: at most <paramref name="perChunk"/> vectors
    /// per pass over the inputs, each pass with enough partial sums to keep eight chains of multiply-adds in flight.
    /// </summary>
    private static EquatableArray<AffineChunkPlan> Chunks(VectorShape v, int inputs, int units, int perChunk, int samples)
    {
        int[] offsets = VectorShapes.Offsets(units, v);
        var chunks = new List<AffineChunkPlan>();
        for (int first = 0; first < offsets.Length; first += perChunk)
        {
            var chunk = offsets.Skip(first).Take(perChunk).ToEquatableArray();
            int partials = VectorShapes.PartialSums(samples * chunk.Count, inputs);
            int looped = samples == 1 && inputs <= Limits.UnrolledInputs ? 0 : inputs - (inputs % partials);
            chunks.Add(new AffineChunkPlan(chunk, partials, looped));
        }

        return chunks.ToEquatableArray();
    }

    private static SimdBackwardPlan Backward(VectorShape v, int units)
    {
        int full = units / v.Lanes;
        return new SimdBackwardPlan(v, full, RowUnrolled: full <= Limits.UnrolledRowVectors);
    }
}
