namespace Unrolled.Generators.Emit.Activations;

/// <summary>log(1 + e^z), computed stably; no SIMD form yet (log is not vectorized), its derivative is sigmoid(z).</summary>
internal sealed class SoftplusKernel : ActivationKernel
{
    public override Activation Activation => Activation.Softplus;

    public override bool HasVectorForm(bool fast) => false;

    public override bool HasVectorDerivative(bool fast) => fast;

    public override DerivativeReads VectorDerivativeReads => DerivativeReads.Z;

    public override string Scalar(NumericType t, string z, double alpha, bool fast) =>
        $"{t.Call("Max", z, t.Literal(0))} + {t.Call("Log", $"{t.Literal(1)} + {t.Call("Exp", "-" + t.Call("Abs", z))}")}";

    public override string? Vector(VectorWidth v, string z, double alpha) => null;

    public override string Derivative(NumericType t, string g, string z, string a, double alpha, bool fast, string temporary, out string? prelude)
    {
        prelude = null;
        return fast ? $"{g} * {FastMath}.Sigmoid({z})" : $"{g} / ({t.Literal(1)} + {t.Call("Exp", "-" + z)})";
    }

    public override string? VectorDerivative(VectorWidth v, string g, string z, string a, double alpha, bool fast) =>
        fast ? $"{g} * {FastMath}.Sigmoid({z})" : null;

    public override string Describe(double alpha) => "softplus(z) = log(1 + e^z), computed as max(z, 0) + log(1 + e^-|z|)";

    public override string DescribeDerivative(double alpha) => "softplus'(z) = sigmoid(z)";
}
