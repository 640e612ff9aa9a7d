namespace Unrolled.Generators.Emitter;

/// <summary>
/// The C# expressions of each activation and its derivative, written in the same order of operations as the
/// interpreter's ActivationMath so that generated and reference networks agree to the last bit or close to it.
/// </summary>
internal static class ActivationCode
{
    /// <summary>The class of the vectorized float approximations, whose scalar overloads give the bits of a SIMD lane.</summary>
    public const string FastMath = "global::Unrolled.Numerics.FastMath";

    /// <summary>
    /// a = f(z) for one element (not softmax, which works on the whole layer). With <paramref name="fast"/> (float
    /// networks without ExactActivations) sigmoid, tanh and exp come from FastMath, as in the SIMD branches, so a
    /// scalar layer costs no library call and agrees with a vector lane; otherwise from the Math functions, as in
    /// the interpreter.
    /// </summary>
    public static string Forward(NumericType t, Activation activation, double alpha, string z, bool fast)
    {
        string one = t.Literal(1), zero = t.Literal(0), a = t.Literal(alpha);
        if (fast)
        {
            switch (activation)
            {
                case Activation.Sigmoid: return $"{FastMath}.Sigmoid({z})";
                case Activation.Tanh: return $"{FastMath}.Tanh({z})";
                case Activation.Elu: return $"{z} > {zero} ? {z} : {a} * ({FastMath}.Exp({z}) - {one})";
                case Activation.Silu: return $"{z} * {FastMath}.Sigmoid({z})";
            }
        }

        return activation switch
        {
            Activation.Sigmoid => $"{one} / ({one} + {t.Call("Exp", "-" + z)})",
            Activation.Tanh => t.Call("Tanh", z),
            Activation.Relu => t.Call("Max", z, zero),
            Activation.LeakyRelu => $"{z} > {zero} ? {z} : {a} * {z}",
            Activation.Elu => $"{z} > {zero} ? {z} : {a} * ({t.Call("Exp", z)} - {one})",
            Activation.Softplus => $"{t.Call("Max", z, zero)} + {t.Call("Log", $"{one} + {t.Call("Exp", "-" + t.Call("Abs", z))}")}",
            Activation.Silu => $"{z} / ({one} + {t.Call("Exp", "-" + z)})",
            _ => z,
        };
    }

    /// <summary>e^x for softmax: FastMath's when <paramref name="fast"/>, as <see cref="Forward"/>.</summary>
    public static string Exp(NumericType t, string x, bool fast) => fast ? $"{FastMath}.Exp({x})" : t.Call("Exp", x);

    /// <summary>
    /// g f'(z) for one element, given z and a = f(z). <paramref name="temporary"/> names a local the expression may
    /// need; <paramref name="prelude"/> receives its declaration, or null.
    /// </summary>
    public static string Backward(
        NumericType t, Activation activation, double alpha, string g, string z, string a, string temporary, out string? prelude)
    {
        string one = t.Literal(1), zero = t.Literal(0), al = t.Literal(alpha);
        prelude = null;
        switch (activation)
        {
            case Activation.Sigmoid: return $"{g} * {a} * ({one} - {a})";
            case Activation.Tanh: return $"{g} * ({one} - {a} * {a})";
            case Activation.Relu: return $"{z} > {zero} ? {g} : {zero}";
            case Activation.LeakyRelu: return $"{z} > {zero} ? {g} : {al} * {g}";
            case Activation.Elu: return $"{z} > {zero} ? {g} : {g} * ({a} + {al})";
            case Activation.Softplus: return $"{g} / ({one} + {t.Call("Exp", "-" + z)})";
            case Activation.Silu:
                prelude = $"{t.Keyword} {temporary} = {one} / ({one} + {t.Call("Exp", "-" + z)});";
                return $"{g} * ({temporary} * ({one} + {z} * ({one} - {temporary})))";
            default: return g;
        }
    }

    /// <summary>How a comment names the activation: <c>sigmoid(z) = 1 / (1 + e^-z)</c>.</summary>
    public static string Describe(Activation activation, double alpha) => activation switch
    {
        Activation.Identity => "identity(z) = z",
        Activation.Sigmoid => "sigmoid(z) = 1 / (1 + e^-z)",
        Activation.Tanh => "tanh(z)",
        Activation.Relu => "relu(z) = max(z, 0)",
        Activation.LeakyRelu => $"leaky_relu(z) = z > 0 ? z : {Invariant(alpha)} z",
        Activation.Elu => $"elu(z) = z > 0 ? z : {Invariant(alpha)} (e^z - 1)",
        Activation.Softplus => "softplus(z) = log(1 + e^z), computed as max(z, 0) + log(1 + e^-|z|)",
        Activation.Silu => "silu(z) = z sigmoid(z)",
        Activation.Softmax => "softmax(z)_j = e^(z_j - max z) / sum_k e^(z_k - max z)",
        _ => activation.ToString(),
    };

    /// <summary>How a comment names the derivative, in terms of z and a = f(z).</summary>
    public static string DescribeDerivative(Activation activation, double alpha) => activation switch
    {
        Activation.Identity => "identity'(z) = 1",
        Activation.Sigmoid => "sigmoid'(z) = a (1 - a)",
        Activation.Tanh => "tanh'(z) = 1 - a^2",
        Activation.Relu => "relu'(z) = z > 0 ? 1 : 0",
        Activation.LeakyRelu => $"leaky_relu'(z) = z > 0 ? 1 : {Invariant(alpha)}",
        Activation.Elu => $"elu'(z) = z > 0 ? 1 : a + {Invariant(alpha)}",
        Activation.Softplus => "softplus'(z) = sigmoid(z)",
        Activation.Silu => "silu'(z) = s (1 + z (1 - s)), s = sigmoid(z)",
        Activation.Softmax => "softmax Jacobian: dz = a (da - (da . a))",
        _ => activation.ToString(),
    };

    private static string Invariant(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
