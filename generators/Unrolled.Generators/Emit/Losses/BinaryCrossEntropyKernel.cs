using Unrolled.Generators.Planning;

namespace Unrolled.Generators.Emit.Losses;

/// <summary>Binary cross-entropy from the logits, mean over the outputs, with its gradient fused with the sigmoid.</summary>
internal sealed class BinaryCrossEntropyKernel : LossKernel
{
    public override string Describe =>
        "binary cross-entropy from the logits z, mean over the outputs; its gradient is fused with the sigmoid, dL/dz = (sigmoid(z) - t) / outputs";

    public override void WriteLoss(CodeWriter w, NumericType t, int outputs)
    {
        w.Line("// Mean over the outputs of -[t log s(z) + (1 - t) log(1 - s(z))] = max(z, 0) - z t + log(1 + e^-|z|).");
        using (w.Block($"for (int k = 0; k < {outputs}; k++)"))
        {
            w.Line($"sum += {t.Call("Max", "z[k]", t.Literal(0))} - z[k] * target[k] + "
                + $"{t.Call("Log", $"{t.Literal(1)} + {t.Call("Exp", "-" + t.Call("Abs", "z[k]"))}")};");
        }

        w.Line($"return sum / {t.Literal(outputs)};");
    }

    public override void WriteOutputDelta(CodeWriter w, NumericType t, LayerPlan output, bool fast)
    {
        int m = output.Units;
        w.Line("// Sigmoid and binary cross-entropy fused: dL/dz = (sigmoid(z) - t) / outputs.");
        using (w.Block($"for (int k = 0; k < {m}; k++)"))
        {
            w.Line($"delta[k] = (a[k] - target[k]) / {t.Literal(m)};");
        }
    }
}
