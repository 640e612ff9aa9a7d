namespace Unrolled.Generators.Emit.Activations;

/// <summary>f(z) = z: a linear layer.</summary>
internal sealed class IdentityKernel : ActivationKernel
{
    public override Activation Activation => Activation.Identity;

    public override bool HasVectorForm(bool fast) => true;

    public override bool HasVectorDerivative(bool fast) => true;

    public override DerivativeReads VectorDerivativeReads => DerivativeReads.Nothing;

    public override string Scalar(NumericType t, string z, double alpha, bool fast) => z;

    public override string? Vector(VectorWidth v, string z, double alpha) => z;

    public override string Derivative(NumericType t, string g, string z, string a, double alpha, bool fast, string temporary, out string? prelude)
    {
        prelude = null;
        return g;
    }

    public override string? VectorDerivative(VectorWidth v, string g, string z, string a, double alpha, bool fast) => g;

    public override string Describe(double alpha) => "identity(z) = z";

    public override string DescribeDerivative(double alpha) => "identity'(z) = 1";
}
