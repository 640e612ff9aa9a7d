using Unrolled.Generators.Planning;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emit;

/// <summary>The kernels behind Backward: a loop over the samples, and the backpropagation of one sample through the trace.</summary>
internal static class BackwardKernelEmitter
{
    public static void Emit(CodeWriter w, NetworkPlan plan)
    {
        var t = plan.Numeric();
        string buffers = $"{t.ReadOnlySpan} parameters, {t.Span} gradients, {t.Span} trace";
        string transposed = plan.Tiles is null ? string.Empty : $", {t.Span} transposed";
        w.Line();
        w.Line("/// <summary>Backward of <paramref name=\"samples\"/> samples: their gradients added, their losses summed.</summary>");
        using (w.Block($"public static {t.Keyword} Backward({buffers}{transposed}, {t.ReadOnlySpan} input, {t.ReadOnlySpan} target, int samples)"))
        {
            w.Line($"{t.Keyword} loss = {t.Literal(0)};");
            if (plan.Tiles is { } tiles)
            {
                w.Line("int s = 0;");
                using (w.Block($"if (samples >= {tiles.BlockRows} && {VectorWidth.Of(128, t).IsAccelerated})"))
                {
                    w.Line($"// Whole blocks of {tiles.BlockRows} samples as matrix products, with W^T packed for dX = delta W^T; the rest one by one.");
                    w.Line($"{TransposeWeights}(parameters, transposed);");
                    w.Line($"s = samples / {tiles.BlockRows} * {tiles.BlockRows};");
                    w.Line($"loss = {BackwardTiles}(parameters, gradients, trace, transposed, input, target, s);");
                }
            }

            using (w.Block(plan.Tiles is null ? "for (int s = 0; s < samples; s++)" : "for (; s < samples; s++)"))
            {
                w.Line($"loss += {BackwardSample}(parameters, gradients, trace, input.Slice(s * InputCount, InputCount), "
                    + "target.Slice(s * OutputCount, OutputCount));");
            }

            w.Line("return loss;");
        }

        w.Line();
        w.Line("/// <summary>Backpropagation of one sample: forward through the trace, the loss's gradient, then each layer backward.</summary>");
        using (w.Block($"private static {t.Keyword} {BackwardSample}({buffers}, {t.ReadOnlySpan} input, {t.ReadOnlySpan} target)"))
        {
            w.Line("// Forward, keeping every layer's z and a for the backward sweep.");
            string x = "input";
            foreach (var layer in plan.Layers)
            {
                var regions = plan.Buffers.Layers[layer.Index];
                string a = Trace(regions.TraceA, layer.Units);
                w.Line($"{ForwardLayer(layer.Number)}(parameters, {x}, {Trace(regions.TraceZ, layer.Units)}, {a});");
                x = a;
            }

            var output = plan.Output;
            var outputRegions = plan.Buffers.Layers[output.Index];
            w.Line();
            w.Line($"// The loss, and its gradient with respect to the output layer's pre-activations z{output.Number}.");
            string zOut = Trace(outputRegions.TraceZ, output.Units), aOut = Trace(outputRegions.TraceA, output.Units);
            w.Line($"{t.Keyword} loss = {ComputeLoss}({zOut}, {aOut}, target);");
            w.Line($"{OutputDelta}({zOut}, {aOut}, target, {Trace(outputRegions.TraceDelta, output.Units)});");
            w.Line();
            w.Line("// Backward, last layer first: each layer adds its gradients and hands dL/dx to the layer before it.");
            for (int l = plan.Layers.Count - 1; l >= 0; l--)
            {
                var layer = plan.Layers[l];
                var regions = plan.Buffers.Layers[l];
                var before = l == 0 ? default : plan.Buffers.Layers[l - 1];
                string input = layer.IsFirst ? "input" : Trace(before.TraceA, layer.FanIn);
                string previous = layer.IsFirst ? string.Empty : ", " + Trace(before.TraceDelta, layer.FanIn);
                w.Line($"{BackwardLayer(layer.Number)}(parameters, gradients, {input}, "
                    + $"{Trace(regions.TraceZ, layer.Units)}, {Trace(regions.TraceA, layer.Units)}, "
                    + $"{Trace(regions.TraceDelta, layer.Units)}{previous});");
            }

            w.Line("return loss;");
        }
    }

    private static string Trace(int offset, int length) => Code.Slice("trace", offset, length);
}
