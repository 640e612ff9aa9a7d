namespace Unrolled.Generators.Emit.Activations;

/// <summary>What generated code reads to multiply by an activation's derivative a vector at a time.</summary>
[System.Flags]
internal enum DerivativeReads
{
    /// <summary>Only the incoming gradient (identity).</summary>
    Nothing = 0,

    /// <summary>The pre-activations z.</summary>
    Z = 1,

    /// <summary>The activations a = f(z).</summary>
    A = 2,
}

/// <summary>
/// One activation as generated code computes it: what it can do (the planner reads that), the expressions of f and
/// g f'(z) on scalars and vectors (the emitters write them), and how the comments name both. Every path uses the same
/// kernel, and the exact scalar forms follow the interpreter's <c>ActivationMath</c> in its order of operations.
/// </summary>
internal abstract class ActivationKernel
{
    /// <summary>The class of the vectorized float approximations, whose scalar overloads give the bits of a SIMD lane.</summary>
    public const string FastMath = "FastMath";

    private static readonly ActivationKernel[] Kernels =
    [
        new IdentityKernel(), new SigmoidKernel(), new TanhKernel(), new ReluKernel(), new LeakyReluKernel(),
        new EluKernel(), new SoftplusKernel(), new SiluKernel(), new SoftmaxKernel(), new PReluKernel(),
    ];

    public static ActivationKernel For(Activation activation) => Kernels[(int)activation];

    public abstract Activation Activation { get; }

    /// <summary>The name in formulas: <c>leaky_relu</c>.</summary>
    public string Name => ActivationTraits.Of(Activation)!.Name;

    public bool IsElementwise => ActivationTraits.Of(Activation)!.IsElementwise;

    /// <summary>Whether a SIMD form exists; with <paramref name="fast"/> FastMath's approximations may be used.</summary>
    public abstract bool HasVectorForm(bool fast);

    /// <summary>Whether <see cref="VectorDerivative"/> has a form.</summary>
    public abstract bool HasVectorDerivative(bool fast);

    /// <summary>What <see cref="VectorDerivative"/> reads besides the gradient.</summary>
    public abstract DerivativeReads VectorDerivativeReads { get; }

    /// <summary>
    /// a = f(z) for one element. With <paramref name="fast"/> (float networks without ExactActivations) the bits of a
    /// SIMD lane, from FastMath; otherwise the Math functions, as in the interpreter.
    /// </summary>
    public abstract string Scalar(NumericType t, string z, double alpha, bool fast);

    /// <summary>a = f(z) for a vector, or null where <see cref="HasVectorForm"/> is false.</summary>
    public abstract string? Vector(VectorWidth v, string z, double alpha);

    /// <summary>
    /// g f'(z) for one element, given z and a = f(z). <paramref name="temporary"/> names a local the expression may
    /// need; <paramref name="prelude"/> receives its declaration, or null. With <paramref name="fast"/>, a sigmoid inside
    /// the derivative comes from FastMath, as in <see cref="VectorDerivative"/>, so scalar and vector lanes agree.
    /// </summary>
    public abstract string Derivative(NumericType t, string g, string z, string a, double alpha, bool fast, string temporary, out string? prelude);

    /// <summary>g f'(z) for a vector, or null where <see cref="HasVectorDerivative"/> is false.</summary>
    public abstract string? VectorDerivative(VectorWidth v, string g, string z, string a, double alpha, bool fast);

    /// <summary>How a comment names the activation: <c>sigmoid(z) = 1 / (1 + e^-z)</c>.</summary>
    public abstract string Describe(double alpha);

    /// <summary>How a comment names the derivative, in terms of z and a = f(z).</summary>
    public abstract string DescribeDerivative(double alpha);

    protected static string Invariant(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>Vector256.GreaterThan(z, Vector256&lt;float&gt;.Zero)</c>: the lanes where z is positive.</summary>
    protected static string Positive(VectorWidth v, string z) => $"{v.Type}.GreaterThan({z}, {v.Zero})";
}
