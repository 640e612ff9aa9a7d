using Unrolled.Generators.Emit.Activations;
using Unrolled.Generators.Planning;

namespace Unrolled.Generators.Emit.Losses;

/// <summary>Mean over the outputs of (a - t)^2; its gradient goes through the output activation's derivative.</summary>
internal sealed class MeanSquaredErrorKernel : LossKernel
{
    public override string Describe => "mean squared error, mean over the outputs of (y - t)^2; dL/dy = 2 (y - t) / outputs";

    public override void WriteLoss(CodeWriter w, NumericType t, int outputs)
    {
        w.Line("// Mean over the outputs of (a - t)^2.");
        using (w.Block($"for (int k = 0; k < {outputs}; k++)"))
        {
            w.Line($"{t.Keyword} e = a[k] - target[k];");
            w.Line("sum += e * e;");
        }

        w.Line($"return sum / {t.Literal(outputs)};");
    }

    public override void WriteOutputDelta(CodeWriter w, NumericType t, LayerPlan output, bool fast)
    {
        int m = output.Units;
        w.Line("// dL/da = 2 (a - t) / outputs, then through the output activation to dL/dz.");
        using (w.Block($"for (int k = 0; k < {m}; k++)"))
        {
            w.Line($"delta[k] = {t.Literal(2)} * (a[k] - target[k]) / {t.Literal(m)};");
        }

        if (output.Activation == Activation.Identity || output.DerivativeInBackward)
        {
            return; // with dropout or PReLU's slopes, the layer's backward method applies f'(z) after the mask
        }

        var kernel = ActivationKernel.For(output.Activation);
        w.Line($"// {kernel.DescribeDerivative(output.Alpha)}");
        if (!kernel.IsElementwise)
        {
            SoftmaxKernel.WriteJacobianProduct(w, t, m);
            return;
        }

        using (w.Block($"for (int k = 0; k < {m}; k++)"))
        {
            string expression = kernel.Derivative(t, "delta[k]", "z[k]", "a[k]", output.Alpha, fast, "s", out string? prelude);
            if (prelude is not null)
            {
                w.Line(prelude);
            }

            w.Line($"delta[k] = {expression};");
        }
    }
}
