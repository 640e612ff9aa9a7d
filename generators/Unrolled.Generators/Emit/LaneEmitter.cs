using System.Linq;
using Unrolled.Generators.Emit.Activations;
using Unrolled.Generators.Planning;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emit;

/// <summary>
/// Batches of a small network with one sample per SIMD lane: every weight is broadcast once for a whole vector of
/// samples, so even a layer of three units keeps the vector units full. Only Forward uses it; each sample's
/// arithmetic is the same sequence of fused multiply-adds as the single-sample path.
/// </summary>
internal static class LaneEmitter
{
    /// <summary>In Forward: whole blocks of samples go through the lane method first, the rest one by one.</summary>
    public static void EmitBlocks(CodeWriter w, NetworkPlan plan, VectorShape lanes)
    {
        var v = VectorWidth.Of(lanes, plan.Numeric());
        using (w.Block($"if ({v.IsAccelerated})"))
        {
            w.Line($"// {v.Lanes} samples at a time, one per lane.");
            using (w.Block($"for (; first + {v.Lanes} <= samples; first += {v.Lanes})"))
            {
                w.Line($"{ForwardLanes}(parameters, input.Slice(first * InputCount, {v.Lanes} * InputCount), output.Slice(first * OutputCount, {v.Lanes} * OutputCount));");
            }
        }
    }

    public static void Emit(CodeWriter w, NetworkPlan plan, VectorShape lanes)
    {
        var t = plan.Numeric();
        var v = VectorWidth.Of(lanes, t);
        string vector = v.Vector;
        w.Line();
        w.Line($"/// <summary>Forward for {v.Lanes} samples at once, one per lane of a 256-bit vector: h = f(x W + b) with every weight broadcast.</summary>");
        using (w.Block($"private static void {ForwardLanes}({t.ReadOnlySpan} parameters, {t.ReadOnlySpan} input, {t.Span} output)"))
        {
            w.Line("// Constant lengths let the JIT drop the bounds checks below.");
            w.Line("parameters = parameters.Slice(0, ParameterCount);");
            w.Line($"input = input.Slice(0, {v.Lanes * plan.Inputs});");
            w.Line($"output = output.Slice(0, {v.Lanes * plan.Outputs});");
            w.Line();
            var scope = NameScope.Method("parameters", "input", "output");
            w.Line("// Gather: x{i} holds input i of each sample.");
            for (int i = 0; i < plan.Inputs; i++)
            {
                var gathered = Enumerable.Range(0, v.Lanes).Select(lane => $"input[{(lane * plan.Inputs) + i}]");
                w.Line($"{vector} x{i} = {v.Type}.Create({string.Join(", ", gathered)});");
            }

            string previous = "x";
            foreach (var layer in plan.Layers)
            {
                string h = $"h{layer.Number}_";
                var kernel = ActivationKernel.For(layer.Activation);
                w.Line();
                w.Line($"// {Code.Header(layer)}: z = {Code.Affine(layer)}, a = {kernel.Describe(layer.Alpha)}");
                string inputs = previous;
                new AffineBlock
                {
                    Type = vector,
                    Zero = v.Zero,
                    Inputs = layer.FanIn,
                    Slots = layer.Units,
                    SlotMajor = true,
                    Accumulator = (_, j) => $"{h}{j}",
                    Bias = layer.HasBias ? j => v.Broadcast($"parameters[{layer.BiasOffset + j}]") : null,
                    Input = (_, i) => $"{inputs}{i.Value}",
                    Weight = (i, j) => v.Broadcast($"parameters[{layer.WeightOffset + (i.Value * layer.Units) + j}]"),
                }.Write(w, scope);

                if (!kernel.IsElementwise)
                {
                    SoftmaxKernel.WriteAcrossLanes(w, v, layer.Units, j => $"{h}{j}", layer.IsLast ? string.Empty : Code.Invariant(layer.Number));
                }
                else if (layer.Activation != Activation.Identity)
                {
                    for (int j = 0; j < layer.Units; j++)
                    {
                        w.Line($"{h}{j} = {kernel.Vector(v, $"{h}{j}", layer.Alpha)};");
                    }
                }

                previous = h;
            }

            w.Line();
            w.Line("// Scatter: output k of lane s is the sample's output k.");
            using (w.Block($"for (int lane = 0; lane < {v.Lanes}; lane++)"))
            {
                for (int o = 0; o < plan.Outputs; o++)
                {
                    w.Line($"output[(lane * {plan.Outputs}) + {o}] = {previous}{o}[lane];");
                }
            }
        }
    }
}
