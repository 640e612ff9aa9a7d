namespace Unrolled.Generators.Emit.Activations;

/// <summary>z for z &gt; 0, alpha z otherwise: exact on vectors too.</summary>
internal sealed class LeakyReluKernel : ActivationKernel
{
    public override Activation Activation => Activation.LeakyRelu;

    public override bool HasVectorForm(bool fast) => true;

    public override bool HasVectorDerivative(bool fast) => true;

    public override DerivativeReads VectorDerivativeReads => DerivativeReads.Z;

    public override string Scalar(NumericType t, string z, double alpha, bool fast) =>
        $"{z} > {t.Literal(0)} ? {z} : {t.Literal(alpha)} * {z}";

    public override string? Vector(VectorWidth v, string z, double alpha) =>
        $"{v.Type}.ConditionalSelect({Positive(v, z)}, {z}, {z} * {v.Broadcast(v.T.Literal(alpha))})";

    public override string Derivative(NumericType t, string g, string z, string a, double alpha, bool fast, string temporary, out string? prelude)
    {
        prelude = null;
        return $"{z} > {t.Literal(0)} ? {g} : {t.Literal(alpha)} * {g}";
    }

    public override string? VectorDerivative(VectorWidth v, string g, string z, string a, double alpha, bool fast) =>
        $"{v.Type}.ConditionalSelect({Positive(v, z)}, {g}, {v.Broadcast(v.T.Literal(alpha))} * {g})";

    public override string Describe(double alpha) => $"leaky_relu(z) = z > 0 ? z : {Invariant(alpha)} z";

    public override string DescribeDerivative(double alpha) => $"leaky_relu'(z) = z > 0 ? 1 : {Invariant(alpha)}";
}
