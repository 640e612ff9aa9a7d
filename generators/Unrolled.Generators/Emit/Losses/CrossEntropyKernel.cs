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

    public override bool HasTileForm => true;

    /// <summary>
    /// The tile's losses with e^(z - max) over the whole tile at once (vectorized, FastMath's for fast float networks),
    /// each row's logsumexp from its sum, then delta = a sum(t) - t.
    /// </summary>
    public override void WriteTile(CodeWriter w, NumericType t, LayerPlan output, bool fast)
    {
        int m = output.Units;
        string k = t.Keyword;
        w.Line($"int count = rows * {m};");
        w.Line("// Each row shifted by its largest logit, into delta (free until the end).");
        using (w.Block("for (int r = 0; r < rows; r++)"))
        {
            w.Line($"{t.ReadOnlySpan} zRow = z.Slice(r * {m}, {m});");
            w.Line($"{t.Span} shifted = delta.Slice(r * {m}, {m});");
            w.Line($"{k} max = zRow[0];");
            using (w.Block($"for (int j = 1; j < {m}; j++)"))
            {
                w.Line($"max = {t.Call("Max", "max", "zRow[j]")};");
            }

            using (w.Block($"for (int j = 0; j < {m}; j++)"))
            {
                w.Line("shifted[j] = zRow[j] - max;");
            }
        }

        w.Line();
        if (fast)
        {
            w.Line($"{Activations.ActivationKernel.FastMath}.Exp(delta.Slice(0, count), delta.Slice(0, count));");
        }
        else
        {
            using (w.Block("for (int j = 0; j < count; j++)"))
            {
                w.Line($"delta[j] = {t.Call("Exp", "delta[j]")};");
            }
        }

        w.Line();
        w.Line("// -sum_k t_k log softmax(z)_k = sum_k t_k (logsumexp(z) - z_k); then dL/dz = softmax(z) sum(t) - t.");
        w.Line($"{k} loss = {t.Literal(0)};");
        using (w.Block("for (int r = 0; r < rows; r++)"))
        {
            w.Line($"{t.ReadOnlySpan} zRow = z.Slice(r * {m}, {m});");
            w.Line($"{t.ReadOnlySpan} aRow = a.Slice(r * {m}, {m});");
            w.Line($"{t.ReadOnlySpan} tRow = target.Slice(r * {m}, {m});");
            w.Line($"{t.Span} dRow = delta.Slice(r * {m}, {m});");
            w.Line($"{k} max = zRow[0];");
            using (w.Block($"for (int j = 1; j < {m}; j++)"))
            {
                w.Line($"max = {t.Call("Max", "max", "zRow[j]")};");
            }

            w.Line($"{k} exps = {t.Literal(0)};");
            w.Line($"{k} total = {t.Literal(0)};");
            using (w.Block($"for (int j = 0; j < {m}; j++)"))
            {
                w.Line("exps += dRow[j];");
                w.Line("total += tRow[j];");
            }

            w.Line($"{k} logSumExp = max + {t.Call("Log", "exps")};");
            w.Line($"{k} sampleLoss = {t.Literal(0)};");
            using (w.Block($"for (int j = 0; j < {m}; j++)"))
            {
                w.Line("sampleLoss += tRow[j] * (logSumExp - zRow[j]);");
                w.Line("dRow[j] = aRow[j] * total - tRow[j];");
            }

            // Each sample's loss on its own chain, then the sum: rows do not wait on each other.
            w.Line("loss += sampleLoss;");
        }

        w.Line("return loss;");
    }
}
