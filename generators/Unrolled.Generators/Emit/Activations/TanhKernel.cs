namespace Unrolled.Generators.Emit.Activations;

/// <summary>The hyperbolic tangent; its derivative reads a only: 1 - a^2.</summary>
internal sealed class TanhKernel : ActivationKernel
{
    public override Activation Activation => Activation.Tanh;

    public override bool HasVectorForm(bool fast) => fast;

    public override bool HasVectorDerivative(bool fast) => true;

    public override DerivativeReads VectorDerivativeReads => DerivativeReads.A;

    public override string Scalar(NumericType t, string z, double alpha, bool fast) =>
        fast ? $"{FastMath}.Tanh({z})" : t.Call("Tanh", z);

    public override string? Vector(VectorWidth v, string z, double alpha) => $"{FastMath}.Tanh({z})";

    public override string Derivative(NumericType t, string g, string z, string a, double alpha, bool fast, string temporary, out string? prelude)
    {
        prelude = null;
        return $"{g} * ({t.Literal(1)} - {a} * {a})";
    }

    public override string? VectorDerivative(VectorWidth v, string g, string z, string a, double alpha, bool fast) =>
        $"{g} * ({v.Broadcast(v.T.Literal(1))} - {a} * {a})";

    public override string Describe(double alpha) => "tanh(z)";

    public override string DescribeDerivative(double alpha) => "tanh'(z) = 1 - a^2";
}
