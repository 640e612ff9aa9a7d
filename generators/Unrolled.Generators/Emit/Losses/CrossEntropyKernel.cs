using Unrolled.Generators.Planning;

namespace Unrolled.Generators.Emit.Losses;

/// <summary>-sum_k t_k log softmax(z)_k from the logits, with its gradient fused with the softmax.</summary>
internal sealed class CrossEntropyKernel : LossKernel
{
    public override string Describe =>
        "cross-entropy -sum_k t_k log softmax(z)_k from the logits z; its gradient is fused with the softmax, dL/dz = softmax(z) sum(t) - t";

    public override void WriteLoss(CodeWriter w, NumericType t, int outputs)
    {
        string k = t.Keyword;
        w.Line("// -sum_k t_k log softmax(z)_k = sum_k t_k (logsumexp(z) - z_k), logsumexp taken around the largest logit.");
        w.Line($"{k} max = z[0];");
        using (w.Block($"for (int k = 1; k < {outputs}; k++)"))
        {
            w.Line($"max = {t.Call("Max", "max", "z[k]")};");
        }

        w.Line($"{k} exps = {t.Literal(0)};");
        using (w.Block($"for (int k = 0; k < {outputs}; k++)"))
        {
            w.Line($"exps += {t.Call("Exp", "z[k] - max")};");
        }

        w.Line($"{k} logSumExp = max + {t.Call("Log", "exps")};");
        using (w.Block($"for (int k = 0; k < {outputs}; k++)"))
        {
            w.Line("sum += target[k] * (logSumExp - z[k]);");
        }

        w.Line("return sum;");
    }

    public override void WriteOutputDelta(CodeWriter w, NumericType t, LayerPlan output, bool fast)
    {
        int m = output.Units;
        w.Line("// Softmax and cross-entropy fused: dL/dz = softmax(z) sum(t) - t (= a - t for targets that sum to 1).");
        w.Line($"{t.Keyword} total = {t.Literal(0)};");
        using (w.Block($"for (int k = 0; k < {m}; k++)"))
        {
            w.Line("total += target[k];");
        }

        using (w.Block($"for (int k = 0; k < {m}; k++)"))
        {
            w.Line("delta[k] = a[k] * total - target[k];");
        }
    }
}
