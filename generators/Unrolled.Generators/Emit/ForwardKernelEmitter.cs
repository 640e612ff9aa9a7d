using System;
using Unrolled.Generators.Planning;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emit;

/// <summary>The kernels behind Forward and Loss: the strategies the plan chose, in order, over a scratch when needed.</summary>
internal static class ForwardKernelEmitter
{
    public static void EmitForward(CodeWriter w, NetworkPlan plan)
    {
        var t = plan.Numeric();
        var forward = plan.Forward;
        w.Line();
        w.Line("/// <summary>Forward of <paramref name=\"samples\"/> samples, their lengths checked by the caller.</summary>");
        // Inlined into the class's Forward, so that a single sample costs no more than one call.
        w.Line(Code.AggressiveInlining);
        using (w.Block($"public static void Forward({t.ReadOnlySpan} parameters, {t.ReadOnlySpan} input, {t.Span} output, int samples)"))
        {
            if (forward.Lanes is not null || plan.Tiles is not null)
            {
                w.Line("int first = 0;");
            }

            if (forward.Lanes is { } lanes)
            {
                LaneEmitter.EmitBlocks(w, plan, lanes);
            }

            if (plan.Tiles is { } tiles)
            {
                using (w.Block($"if (samples >= {tiles.BlockRows} && {VectorWidth.Of(128, t).IsAccelerated})"))
                {
                    w.Line($"// Whole blocks of {tiles.BlockRows} samples as matrix products; the rest one by one below.");
                    w.Line($"first = {ForwardTiles}(parameters, input, output, samples);");
                }
            }

            if (forward.Registers is { } registers)
            {
                RegisterEmitter.EmitSampleLoop(w, plan, registers);
            }

            // Layer by layer through a scratch: single samples, what the batch paths leave, and machines without SIMD.
            if (forward.LayerByLayer)
            {
                WithScratch(w, plan, () =>
                {
                    string start = forward.Lanes is not null || plan.Tiles is not null ? "first" : "0";
                    w.Line("// Each layer writes a where it wrote z (z and a share storage): only the loss needs a z.");
                    using (w.Block($"for (int s = {start}; s < samples; s++)"))
                    {
                        EmitLayerCalls(w, plan, "input.Slice(s * InputCount, InputCount)", lastA: "output.Slice(s * OutputCount, OutputCount)");
                    }
                });
            }
        }
    }

    public static void EmitLoss(CodeWriter w, NetworkPlan plan)
    {
        var t = plan.Numeric();
        w.Line();
        w.Line("/// <summary>The summed loss of <paramref name=\"samples\"/> samples, their lengths checked by the caller.</summary>");
        using (w.Block($"public static {t.Keyword} Loss({t.ReadOnlySpan} parameters, {t.ReadOnlySpan} input, {t.ReadOnlySpan} target, int samples)"))
        {
            WithScratch(w, plan, () =>
            {
                var output = plan.Output;
                var regions = plan.Buffers.Layers[output.Index];
                w.Line($"{t.Keyword} loss = {t.Literal(0)};");
                w.Line("// Each hidden layer writes a where it wrote z (z and a share storage); the output layer keeps both for the loss.");
                using (w.Block("for (int s = 0; s < samples; s++)"))
                {
                    EmitLayerCalls(w, plan, "input.Slice(s * InputCount, InputCount)", lastA: null);
                    w.Line($"loss += {ComputeLoss}({Code.Slice("scratch", regions.ScratchZ, output.Units)}, "
                        + $"{Code.Slice("scratch", regions.ScratchA, output.Units)}, target.Slice(s * OutputCount, OutputCount));");
                }

                w.Line("return loss;");
            });
        }
    }

    /// <summary>Declares <c>scratch</c> (on the stack, or rented when large), runs <paramref name="body"/>, and returns what it rented.</summary>
    private static void WithScratch(CodeWriter w, NetworkPlan plan, Action body)
    {
        var t = plan.Numeric();
        if (plan.Buffers.ScratchOnStack)
        {
            // Every layer writes its z and a before anything reads them: clearing the scratch would only cost time.
            w.Line("// Scratch on the stack, not cleared (each layer writes before the next reads): each caller has its own,");
            w.Line("// so concurrent calls never share state.");
            w.Line($"{Code.Unsafe}.SkipInit(out Scratch buffer);");
            w.Line($"{t.Span} scratch = buffer;");
            body();
            return;
        }

        w.Line("// Scratch rented from the shared pool (too large for the stack): each caller has its own.");
        w.Line($"{t.Keyword}[] rented = System.Buffers.ArrayPool<{t.Keyword}>.Shared.Rent({plan.Buffers.ScratchLength});");
        using (w.Block("try"))
        {
            w.Line($"{t.Span} scratch = rented;");
            body();
        }

        using (w.Block("finally"))
        {
            w.Line($"System.Buffers.ArrayPool<{t.Keyword}>.Shared.Return(rented);");
        }
    }

    /// <summary>
    /// Calls each layer's forward method through the scratch; the last layer's a goes to <paramref name="lastA"/> when
    /// given. Only the loss needs a z (the last layer's, when there is no <paramref name="lastA"/>): every other layer
    /// writes z and a to the same place, which touches half the memory.
    /// </summary>
    private static void EmitLayerCalls(CodeWriter w, NetworkPlan plan, string input, string? lastA)
    {
        string x = input;
        foreach (var layer in plan.Layers)
        {
            var regions = plan.Buffers.Layers[layer.Index];
            string a = layer.IsLast && lastA is not null ? lastA : Code.Slice("scratch", regions.ScratchA, layer.Units);
            string z = layer.IsLast && lastA is null ? Code.Slice("scratch", regions.ScratchZ, layer.Units) : a;
            w.Line($"{ForwardLayer(layer.Number)}(parameters, {x}, {z}, {a});");
            x = a;
        }
    }
}
