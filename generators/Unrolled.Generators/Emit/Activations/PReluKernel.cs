namespace Unrolled.Generators.Emit.Activations;

/// <summary>
/// z for z &gt; 0, s_j z otherwise, with a learned slope s_j per unit: a parameter, not a constant, so the forms below
/// take the slope as an expression. Its gradient follows PyTorch (the negative branch also at z = 0):
/// ds_j += z_j g_j where z_j is not positive. Scalar only: layers with slopes take the per-layer path.
/// </summary>
internal sealed class PReluKernel : ActivationKernel
{
    public override Activation Activation => Activation.PRelu;

    public override bool HasVectorForm(bool fast) => false;

    public override bool HasVectorDerivative(bool fast) => false;

    public override DerivativeReads VectorDerivativeReads => DerivativeReads.Z;

    /// <summary>The form with every slope at its initial value <paramref name="alpha"/>; emitters use <see cref="WithSlope"/>.</summary>
    public override string Scalar(NumericType t, string z, double alpha, bool fast) => WithSlope(t, z, t.Literal(alpha));

    public override string? Vector(VectorWidth v, string z, double alpha) => null;

    /// <summary>The derivative with every slope at <paramref name="alpha"/>; emitters use <see cref="WriteBackward"/>.</summary>
    public override string Derivative(NumericType t, string g, string z, string a, double alpha, bool fast, string temporary, out string? prelude)
    {
        prelude = null;
        return $"{z} > {t.Literal(0)} ? {g} : {t.Literal(alpha)} * {g}";
    }

    public override string? VectorDerivative(VectorWidth v, string g, string z, string a, double alpha, bool fast) => null;

    public override string Describe(double alpha) => "prelu(z) = z > 0 ? z : s_j z, s the layer's learned slopes";

    public override string DescribeDerivative(double alpha) => "prelu'(z) = z > 0 ? 1 : s_j, and ds_j += z_j delta_j where z_j <= 0";

    /// <summary>a = prelu(z) with the slope <paramref name="slope"/>: <c>z &gt; 0 ? z : s[j] * z</c>.</summary>
    public static string WithSlope(NumericType t, string z, string slope) => $"{z} > {t.Literal(0)} ? {z} : {slope} * {z}";

    /// <summary>
    /// The statements of one element's backward step over spans: first the slope's gradient from the incoming delta,
    /// then delta through the derivative, in place (the interpreter's order).
    /// </summary>
    public static string[] WriteBackward(NumericType t, string z, string delta, string slope, string slopeGradient) =>
    [
        $"if (!({z} > {t.Literal(0)}))",
        "{",
        $"    {slopeGradient} = {VectorWidth.MultiplyAdd(z, delta, slopeGradient)};",
        $"    {delta} = {slope} * {delta};",
        "}",
    ];
}
