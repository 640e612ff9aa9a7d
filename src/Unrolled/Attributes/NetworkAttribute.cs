namespace Unrolled;

/// <summary>
/// Declares a multi-layer perceptron on a <see langword="partial"/> class; the Unrolled source generator writes the
/// network out for exactly this shape. Layers are the class's <see cref="DenseAttribute"/>s in source order.
/// </summary>
/// <example>
/// <code>
/// [Network(inputs: 2, Loss = LossFunction.CrossEntropy)]
/// [Dense(3, Activation.Sigmoid)]
/// [Dense(2, Activation.Softmax)]
/// public partial class CirclesNet;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>Declares a network reading <paramref name="inputs"/> values per sample.</summary>
    /// <param name="inputs">The number of inputs; must be positive.</param>
    public NetworkAttribute(int inputs) => Inputs = inputs;

    /// <summary>The number of inputs per sample.</summary>
    public int Inputs { get; }

    /// <summary>The loss the network's <c>Loss</c> and <c>Backward</c> compute. Default: mean squared error.</summary>
    public LossFunction Loss { get; set; } = LossFunction.MeanSquaredError;

    /// <summary>The floating-point type of parameters, inputs and outputs. Default: <see cref="Precision.Single"/>.</summary>
    public Precision Precision { get; set; } = Precision.Single;

    /// <summary>How the layers are written out. Default: <see cref="UnrollMode.Auto"/>.</summary>
    public UnrollMode Unroll { get; set; } = UnrollMode.Auto;

    /// <summary>
    /// True to compute sigmoid, tanh, ELU, SiLU and softmax with the <see cref="MathF"/> / <see cref="Math"/> functions
    /// (correctly rounded or within 1 ulp) instead of the vectorized approximations of <see cref="Numerics.FastMath"/>
    /// (tanh within 5.5 ulp, sigmoid 2.41, exp 1.03), at the cost of scalar activation loops. Default: false.
    /// </summary>
    public bool ExactActivations { get; set; }

    /// <summary>
    /// A file whose weights are baked into the network at compile time, relative to the project directory:
    /// <c>models/digits.onnx</c>. An ONNX model, or a parameter file <see cref="ParameterFile"/> saved (<c>.unrl</c>,
    /// <c>.json</c>). The file must be one of the project's additional files
    /// (<c>&lt;AdditionalFiles Include="models/digits.onnx" /&gt;</c>) and state the declared shape; any difference is a
    /// compile error. The constructor and <c>Initialize</c> then set the parameters to the file's, and a static
    /// <c>ForwardBaked</c> computes with them directly. Default: none (the weights are drawn by <c>Initialize</c>).
    /// </summary>
    public string? Weights { get; set; }
}
