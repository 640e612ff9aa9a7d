namespace Unrolled.Generators.Emit.Activations;

/// <summary>z for z &gt; 0, alpha (e^z - 1) otherwise; its derivative below zero is a + alpha.</summary>
internal sealed class EluKernel : ActivationKernel
{
    public override Activation Activation => Activation.Elu;

    public override bool HasVectorForm(bool fast) => fast;

    public override bool HasVectorDerivative(bool fast) => true;

    public override DerivativeReads VectorDerivativeReads => DerivativeReads.Z | DerivativeReads.A;

    public override string Scalar(NumericType t, string z, double alpha, bool fast)
    {
        string exp = fast ? $"{FastMath}.Exp({z})" : t.Call("Exp", z);
        return $"{z} > {t.Literal(0)} ? {z} : {t.Literal(alpha)} * ({exp} - {t.Literal(1)})";
    }

    public override string? Vector(VectorWidth v, string z, double alpha) =>
        $"{v.Type}.ConditionalSelect({Positive(v, z)}, {z}, {v.Broadcast(v.T.Literal(alpha))} * ({FastMath}.Exp({z}) - {v.Broadcast(v.T.Literal(1))}))";

    public override string Derivative(NumericType t, string g, string z, string a, double alpha, bool fast, string temporary, out string? prelude)
    {
        prelude = null;
        return $"{z} > {t.Literal(0)} ? {g} : {g} * ({a} + {t.Literal(alpha)})";
    }

    public override string? VectorDerivative(VectorWidth v, string g, string z, string a, double alpha, bool fast) =>
        $"{v.Type}.ConditionalSelect({Positive(v, z)}, {g}, {g} * ({a} + {v.Broadcast(v.T.Literal(alpha))}))";

    public override string Describe(double alpha) => $"elu(z) = z > 0 ? z : {Invariant(alpha)} (e^z - 1)";

    public override string DescribeDerivative(double alpha) => $"elu'(z) = z > 0 ? 1 : a + {Invariant(alpha)}";
}
