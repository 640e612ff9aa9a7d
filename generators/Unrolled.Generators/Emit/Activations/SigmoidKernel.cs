namespace Unrolled.Generators.Emit.Activations;

/// <summary>The logistic function; its derivative reads a only: a (1 - a).</summary>
internal sealed class SigmoidKernel : ActivationKernel
{
    public override Activation Activation => Activation.Sigmoid;

    public override bool HasVectorForm(bool fast) => fast;

    public override bool HasVectorDerivative(bool fast) => true;

    public override DerivativeReads VectorDerivativeReads => DerivativeReads.A;

    public override string Scalar(NumericType t, string z, double alpha, bool fast) => fast
        ? $"{FastMath}.Sigmoid({z})"
        : $"{t.Literal(1)} / ({t.Literal(1)} + {t.Call("Exp", "-" + z)})";

    public override string? Vector(VectorWidth v, string z, double alpha) => $"{FastMath}.Sigmoid({z})";

    public override string Derivative(NumericType t, string g, string z, string a, double alpha, bool fast, string temporary, out string? prelude)
    {
        prelude = null;
        return $"{g} * {a} * ({t.Literal(1)} - {a})";
    }

    public override string? VectorDerivative(VectorWidth v, string g, string z, string a, double alpha, bool fast) =>
        $"{g} * {a} * ({v.Broadcast(v.T.Literal(1))} - {a})";

    public override string Describe(double alpha) => "sigmoid(z) = 1 / (1 + e^-z)";

    public override string DescribeDerivative(double alpha) => "sigmoid'(z) = a (1 - a)";
}
