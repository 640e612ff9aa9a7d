using System.Linq;
using Unrolled.Generators.Model;
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
        if (plan.HasDropout)
        {
            buffers += $", {Random} dropout";
        }

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
                string dropout = plan.HasDropout ? "dropout, " : string.Empty;
                w.Line($"loss += {BackwardSample}(parameters, gradients, trace, {dropout}input.Slice(s * InputCount, InputCount), "
                    + "target.Slice(s * OutputCount, OutputCount));");
            }

            w.Line("return loss;");
        }

        w.Line();
        w.Line("/// <summary>Backpropagation of one sample: forward through the trace, the loss's gradient, then each layer backward.</summary>");
        using (w.Block($"private static {t.Keyword} {BackwardSample}({buffers}, {t.ReadOnlySpan} input, {t.ReadOnlySpan} target)"))
        {
            w.Line(plan.HasDropout
                ? "// Forward as training runs it, keeping every layer's z and a, and the dropout layers' masks and a * mask."
                : "// Forward, keeping every layer's z and a for the backward sweep.");
            string x = "input";
            foreach (var layer in plan.Layers)
            {
                var regions = plan.Buffers.Layers[layer.Index];
                string a = Trace(regions.TraceA, layer.Units);
                w.Line($"{ForwardLayer(layer.Number)}(parameters, {x}, {Trace(regions.TraceZ, layer.Units)}, {a});");
                x = a;
                if (layer.HasDropout)
                {
                    x = Trace(regions.TraceDropped, layer.Units);
                    w.Line($"{DropoutLayer(layer.Number)}(dropout, {a}, {Trace(regions.TraceMask, layer.Units)}, {x});");
                }
            }

            var output = plan.Output;
            var outputRegions = plan.Buffers.Layers[output.Index];
            w.Line();
            w.Line($"// The loss, and its gradient with respect to the output layer's pre-activations z{output.Number}.");
            string zOut = Trace(outputRegions.TraceZ, output.Units), aOut = Trace(outputRegions.TraceA, output.Units);
            bool meanSquared = plan.Loss == LossFunction.MeanSquaredError;

            // With dropout on the output layer the loss sees a * mask; cross-entropies read the logits z, and their
            // fused dL/dz the unmasked a, so their mask is drawn (keeping the stream in step) and has no effect.
            string aTrained = output.HasDropout ? Trace(outputRegions.TraceDropped, output.Units) : aOut;
            w.Line($"{t.Keyword} loss = {ComputeLoss}({zOut}, {aTrained}, target);");
            w.Line($"{OutputDelta}({zOut}, {(meanSquared ? aTrained : aOut)}, target, {Trace(outputRegions.TraceDelta, output.Units)});");
            w.Line();
            w.Line("// Backward, last layer first: each layer adds its gradients and hands dL/dx to the layer before it.");
            for (int l = plan.Layers.Count - 1; l >= 0; l--)
            {
                var layer = plan.Layers[l];
                var regions = plan.Buffers.Layers[l];
                var before = l == 0 ? default : plan.Buffers.Layers[l - 1];
                string input = layer.IsFirst ? "input"
                    : plan.Layers[l - 1].HasDropout ? Trace(before.TraceDropped, layer.FanIn)
                    : Trace(before.TraceA, layer.FanIn);
                if (plan.MasksGradient(layer))
                {
                    w.Line($"{DropoutGradient(layer.Number)}({Trace(regions.TraceMask, layer.Units)}, {Trace(regions.TraceDelta, layer.Units)});");
                }

                string previous = layer.IsFirst ? string.Empty : ", " + Trace(before.TraceDelta, layer.FanIn);
                w.Line($"{BackwardLayer(layer.Number)}(parameters, gradients, {input}, "
                    + $"{Trace(regions.TraceZ, layer.Units)}, {Trace(regions.TraceA, layer.Units)}, "
                    + $"{Trace(regions.TraceDelta, layer.Units)}{previous});");
            }

            w.Line("return loss;");
        }

        foreach (var layer in plan.Layers.Where(l => l.HasDropout))
        {
            EmitDropout(w, t, layer, gradient: plan.MasksGradient(layer));
        }
    }

    /// <summary>A layer's dropout in training, and its gradient through the same mask.</summary>
    private static void EmitDropout(CodeWriter w, NumericType t, LayerPlan layer, bool gradient)
    {
        int m = layer.Units, l = layer.Number;
        double p = layer.Dropout;

        // 1 / (1 - p) as T.One / T.CreateTruncating(1 - p) gives it: a float quotient of two floats is exact when taken in
        // double and rounded once, so the literal carries the runtime's bits.
        double kept = t.Keyword == "float" ? (float)(1.0 / (double)(float)(1.0 - p)) : 1.0 / (1.0 - p);
        string probability = p.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// Layer {l}'s dropout in training (p = {probability}): unit j is kept, scaled by 1 / (1 - p), when the stream's next u &gt;= p,");
        w.Line("/// and dropped otherwise (inverted dropout); dropped = a * mask is what the next layer reads.");
        w.Line("/// </summary>");
        using (w.Block($"private static void {DropoutLayer(l)}({Random} random, {t.ReadOnlySpan} a, {t.Span} mask, {t.Span} dropped)"))
        {
            w.Line($"a = a.Slice(0, {m});");
            w.Line($"mask = mask.Slice(0, {m});");
            w.Line($"dropped = dropped.Slice(0, {m});");
            using (w.Block($"for (int j = 0; j < {m}; j++)"))
            {
                w.Line($"{t.Keyword} keep = random.NextDouble() >= {probability} ? {t.Literal(kept)} : {t.Literal(0)};");
                w.Line("mask[j] = keep;");
                w.Line("dropped[j] = a[j] * keep;");
            }
        }

        if (!gradient)
        {
            return;
        }

        w.Line();
        w.Line($"/// <summary>Layer {l}'s dropout backward: dL/da = mask * dL/d(a * mask), in place.</summary>");
        using (w.Block($"private static void {DropoutGradient(l)}({t.ReadOnlySpan} mask, {t.Span} delta)"))
        {
            w.Line($"mask = mask.Slice(0, {m});");
            w.Line($"delta = delta.Slice(0, {m});");
            using (w.Block($"for (int j = 0; j < {m}; j++)"))
            {
                w.Line("delta[j] *= mask[j];");
            }
        }
    }

    private const string Random = "global::Unrolled.SeededRandom";

    private static string Trace(int offset, int length) => Code.Slice("trace", offset, length);
}
