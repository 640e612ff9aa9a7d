namespace Unrolled.Generators.Emit.Activations;

/// <summary>max(z, 0): exact on vectors too.</summary>
internal sealed class ReluKernel : ActivationKernel
{
    public override Activation Activation => Activation.Relu;

    public override bool HasVectorForm(bool fast) => true;

    public override bool HasVectorDerivative(bool fast) => true;

    public override DerivativeReads VectorDerivativeReads => DerivativeReads.Z;

    public override string Scalar(NumericType t, string z, double alpha, bool fast) => t.Call("Max", z, t.Literal(0));

    public override string? Vector(VectorWidth v, string z, double alpha) => $"{v.Type}.Max({z}, {v.Zero})";

    public override string Derivative(NumericType t, string g, string z, string a, double alpha, bool fast, string temporary, out string? prelude)
    {
        prelude = null;
        return $"{z} > {t.Literal(0)} ? {g} : {t.Literal(0)}";
    }

    public override string? VectorDerivative(VectorWidth v, string g, string z, string a, double alpha, bool fast) =>
        $"{v.Type}.ConditionalSelect({Positive(v, z)}, {g}, {v.Zero})";

    public override string Describe(double alpha) => "relu(z) = max(z, 0)";

    public override string DescribeDerivative(double alpha) => "relu'(z) = z > 0 ? 1 : 0";
}
