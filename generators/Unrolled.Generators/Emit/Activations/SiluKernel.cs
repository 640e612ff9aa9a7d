namespace Unrolled.Generators.Emit.Activations;

/// <summary>z sigmoid(z); its derivative needs sigmoid(z) again, computed element by element.</summary>
internal sealed class SiluKernel : ActivationKernel
{
    public override Activation Activation => Activation.Silu;

    public override bool HasVectorForm(bool fast) => fast;

    public override bool HasVectorDerivative(bool fast) => false;

    public override DerivativeReads VectorDerivativeReads => DerivativeReads.Z;

    public override string Scalar(NumericType t, string z, double alpha, bool fast) => fast
        ? $"{z} * {FastMath}.Sigmoid({z})"
        : $"{z} / ({t.Literal(1)} + {t.Call("Exp", "-" + z)})";

    public override string? Vector(VectorWidth v, string z, double alpha) => $"{z} * {FastMath}.Sigmoid({z})";

    public override string Derivative(NumericType t, string g, string z, string a, double alpha, bool fast, string temporary, out string? prelude)
    {
        string one = t.Literal(1);
        string sigmoid = fast ? $"{FastMath}.Sigmoid({z})" : $"{one} / ({one} + {t.Call("Exp", "-" + z)})";
        prelude = $"{t.Keyword} {temporary} = {sigmoid};";
        return $"{g} * ({temporary} * ({one} + {z} * ({one} - {temporary})))";
    }

    public override string? VectorDerivative(VectorWidth v, string g, string z, string a, double alpha, bool fast) => null;

    public override string Describe(double alpha) => "silu(z) = z sigmoid(z)";

    public override string DescribeDerivative(double alpha) => "silu'(z) = s (1 + z (1 - s)), s = sigmoid(z)";
}
