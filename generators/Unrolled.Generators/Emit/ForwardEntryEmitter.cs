using System;
using Unrolled.Generators.Planning;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emit;

/// <summary>The public Forward and Loss: argument checks, then the strategies the plan chose, in order.</summary>
internal static class ForwardEntryEmitter
{
    public static void EmitForward(CodeWriter w, NetworkPlan plan)
    {
        var t = plan.Numeric();
        var forward = plan.Forward;
        w.Line("/// <summary>");
        w.Line("/// Computes the outputs of one sample, or of a batch: <paramref name=\"input\"/> holds N samples row-major [N, InputCount]");
        w.Line("/// and <paramref name=\"output\"/> receives [N, OutputCount]. Reads only <see cref=\"Parameters\"/>: safe to call from many threads at once.");
        w.Line("/// </summary>");
        w.Line($"/// <param name=\"input\">{plan.Inputs} inputs per sample.</param>");
        w.Line($"/// <param name=\"output\">Receives {plan.Outputs} outputs per sample.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' lengths do not describe the same number of whole samples.</exception>");
        using (w.Block($"public void Forward({t.ReadOnlySpan} input, {t.Span} output)"))
        {
            // One sample is the common case: its lengths are checked without dividing.
            w.Line("int samples = input.Length == InputCount && output.Length == OutputCount");
            w.Line("    ? 1");
            w.Line("    : global::Unrolled.SpanGuard.Samples(input.Length, InputCount, nameof(input), output.Length, OutputCount, nameof(output));");
            if (forward.Lanes is { } lanes)
            {
                LaneEmitter.EmitBlocks(w, plan, lanes);
            }

            if (forward.Registers is { } registers)
            {
                RegisterEmitter.EmitSampleLoop(w, plan, registers);
            }

            // Layer by layer through a scratch: the general path, and the fallback of the register path without SIMD.
            if (forward.LayerByLayer)
            {
                WithScratch(w, plan, () =>
                {
                    string start = forward.Lanes is not null ? "first" : "0";
                    if (forward.Pairs)
                    {
                        w.Line("int s = 0;");
                        PairLayerEmitter.EmitLoop(w, plan);
                        w.Line();
                        w.Line("// The last sample of an odd batch, or the only one.");
                    }

                    using (w.Block(forward.Pairs ? "for (; s < samples; s++)" : $"for (int s = {start}; s < samples; s++)"))
                    {
                        EmitLayerCalls(w, plan, "scratch", "input.Slice(s * InputCount, InputCount)", lastA: "output.Slice(s * OutputCount, OutputCount)");
                    }
                });
            }
        }

        w.Line();
    }

    public static void EmitLoss(CodeWriter w, NetworkPlan plan)
    {
        var t = plan.Numeric();
        w.Line("/// <summary>");
        w.Line("/// The loss of one sample, or the sum of the losses of a batch (row-major, as in <see cref=\"Forward\"/>).");
        w.Line("/// Reads only <see cref=\"Parameters\"/>: safe to call from many threads at once.");
        w.Line("/// </summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' lengths do not describe the same number of whole samples.</exception>");
        using (w.Block($"public {t.Keyword} Loss({t.ReadOnlySpan} input, {t.ReadOnlySpan} target)"))
        {
            w.Line("int samples = global::Unrolled.SpanGuard.Samples(input.Length, InputCount, nameof(input), target.Length, OutputCount, nameof(target));");
            WithScratch(w, plan, () =>
            {
                var output = plan.Output;
                var regions = plan.Buffers.Layers[output.Index];
                w.Line($"{t.Keyword} loss = {t.Literal(0)};");
                using (w.Block("for (int s = 0; s < samples; s++)"))
                {
                    EmitLayerCalls(w, plan, "scratch", "input.Slice(s * InputCount, InputCount)", lastA: null);
                    w.Line($"loss += {ComputeLoss}({Code.Slice("scratch", regions.ScratchZ, output.Units)}, "
                        + $"{Code.Slice("scratch", regions.ScratchA, output.Units)}, target.Slice(s * OutputCount, OutputCount));");
                }

                w.Line("return loss;");
            });
        }

        w.Line();
    }

    /// <summary>Declares <c>scratch</c> (on the stack, or rented when large), runs <paramref name="body"/>, and returns what it rented.</summary>
    public static void WithScratch(CodeWriter w, NetworkPlan plan, Action body)
    {
        var t = plan.Numeric();
        w.Line($"{t.ReadOnlySpan} parameters = {ParametersField};");
        if (plan.Buffers.ScratchOnStack)
        {
            // Every layer writes its z and a before anything reads them: clearing the scratch would only cost time.
            w.Line("// Scratch on the stack, not cleared (each layer writes before the next reads): each caller has its own,");
            w.Line("// so concurrent calls never share state.");
            w.Line($"{Code.Unsafe}.SkipInit(out {ScratchBuffer} buffer);");
            w.Line($"{t.Span} scratch = buffer;");
            body();
            return;
        }

        w.Line("// Scratch rented from the shared pool (too large for the stack): each caller has its own.");
        w.Line($"{t.Keyword}[] rented = global::System.Buffers.ArrayPool<{t.Keyword}>.Shared.Rent({plan.Buffers.ScratchLength});");
        using (w.Block("try"))
        {
            w.Line($"{t.Span} scratch = rented;");
            body();
        }

        using (w.Block("finally"))
        {
            w.Line($"global::System.Buffers.ArrayPool<{t.Keyword}>.Shared.Return(rented);");
        }
    }

    /// <summary>
    /// Calls each layer's forward method through <paramref name="buffer"/> (scratch layout); the last layer's a goes to
    /// <paramref name="lastA"/> when given. Only the loss needs a z (the last layer's, when there is no
    /// <paramref name="lastA"/>): every other layer writes z and a to the same place, which touches half the memory.
    /// </summary>
    private static void EmitLayerCalls(CodeWriter w, NetworkPlan plan, string buffer, string input, string? lastA)
    {
        string x = input;
        foreach (var layer in plan.Layers)
        {
            var regions = plan.Buffers.Layers[layer.Index];
            string a = layer.IsLast && lastA is not null ? lastA : Code.Slice(buffer, regions.ScratchA, layer.Units);
            string z = layer.IsLast && lastA is null ? Code.Slice(buffer, regions.ScratchZ, layer.Units) : a;
            w.Line($"{ForwardLayer(layer.Number)}(parameters, {x}, {z}, {a});");
            x = a;
        }
    }
}
