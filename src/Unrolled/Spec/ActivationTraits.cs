namespace Unrolled;

/// <summary>How a layer's weights are drawn by default: scaled for the activation's gain.</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
internal enum InitFamily
{
    /// <summary>Glorot (Xavier): for activations that are linear near zero (sigmoid, tanh, identity, softmax).</summary>
    Glorot,

    /// <summary>He (Kaiming): for the rectifier family, which passes about half of its input through.</summary>
    He,
}

/// <summary>
/// What every part of Unrolled knows about an activation, in one table: the interpreter, the initializer, the shape
/// rules and the generator read it, so they cannot disagree.
/// </summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
internal sealed class ActivationTraits
{
    private static readonly ActivationTraits[] Table =
    [
        new(Activation.Identity, "identity", alpha: null, InitFamily.Glorot, fastForm: false, elementwise: true),
        new(Activation.Sigmoid, "sigmoid", alpha: null, InitFamily.Glorot, fastForm: true, elementwise: true),
        new(Activation.Tanh, "tanh", alpha: null, InitFamily.Glorot, fastForm: true, elementwise: true),
        new(Activation.Relu, "relu", alpha: null, InitFamily.He, fastForm: false, elementwise: true),
        new(Activation.LeakyRelu, "leaky_relu", alpha: LayerSpec.DefaultLeakyReluAlpha, InitFamily.He, fastForm: false, elementwise: true),
        new(Activation.Elu, "elu", alpha: LayerSpec.DefaultEluAlpha, InitFamily.He, fastForm: true, elementwise: true),
        new(Activation.Softplus, "softplus", alpha: null, InitFamily.He, fastForm: false, elementwise: true),
        new(Activation.Silu, "silu", alpha: null, InitFamily.He, fastForm: true, elementwise: true),
        new(Activation.Softmax, "softmax", alpha: null, InitFamily.Glorot, fastForm: true, elementwise: false),
        new(Activation.PRelu, "prelu", alpha: LayerSpec.DefaultPReluAlpha, InitFamily.He, fastForm: false, elementwise: true, learnsSlopes: true),
    ];

    private ActivationTraits(
        Activation activation, string name, double? alpha, InitFamily init, bool fastForm, bool elementwise, bool learnsSlopes = false)
    {
        Activation = activation;
        Name = name;
        TakesAlpha = alpha.HasValue;
        DefaultAlpha = alpha ?? 0.0;
        Init = init;
        HasFastForm = fastForm;
        IsElementwise = elementwise;
        LearnsSlopes = learnsSlopes;
    }

    public Activation Activation { get; }

    /// <summary>The name in formulas and comments: <c>leaky_relu</c>.</summary>
    public string Name { get; }

    /// <summary>Whether the activation reads an alpha (the <c>Alpha</c> of <c>[Dense]</c> and <see cref="LayerSpec"/>).</summary>
    public bool TakesAlpha { get; }

    /// <summary>The alpha used when none is given (PyTorch's defaults; PReLU's initial slope); 0 for activations that take none.</summary>
    public double DefaultAlpha { get; }

    public InitFamily Init { get; }

    /// <summary>Float networks compute it with <c>Unrolled.Numerics.FastMath</c> unless declared with ExactActivations.</summary>
    public bool HasFastForm { get; }

    /// <summary>False for softmax, which works on the layer as a whole.</summary>
    public bool IsElementwise { get; }

    /// <summary>
    /// True for PReLU: one slope per unit is a parameter, stored after the layer's bias and started at the alpha;
    /// element-wise given the unit's slope.
    /// </summary>
    public bool LearnsSlopes { get; }

    /// <summary>The traits of <paramref name="activation"/>; null for a value that is not an <see cref="Unrolled.Activation"/>.</summary>
    public static ActivationTraits? Of(Activation activation) =>
        activation >= 0 && (int)activation < Table.Length ? Table[(int)activation] : null;
}
