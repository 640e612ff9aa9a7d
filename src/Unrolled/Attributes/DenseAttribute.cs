namespace Unrolled;

/// <summary>
/// A fully connected layer h = f(x W + b) of a network declared with <see cref="NetworkAttribute"/>; the layers
/// are a class's <see cref="DenseAttribute"/>s in source order.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Declares a layer of <paramref name="units"/> units applying <paramref name="activation"/>.</summary>
    /// <param name="units">The number of units (outputs) of the layer; must be positive.</param>
    /// <param name="activation">The activation function. Default: <see cref="Activation.Identity"/>.</param>
    public DenseAttribute(int units, Activation activation = Activation.Identity)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>The number of units of the layer.</summary>
    public int Units { get; }

    /// <summary>The activation function of the layer.</summary>
    public Activation Activation { get; }

    /// <summary>
    /// The activation's parameter: the negative slope of <see cref="Activation.LeakyRelu"/> (default 0.01, in
    /// [0, 1)), the alpha of <see cref="Activation.Elu"/> (default 1, positive), or the initial slope of every unit of
    /// <see cref="Activation.PRelu"/> (default 0.25, any finite value). Other activations take none.
    /// </summary>
    public double Alpha { get; set; } = double.NaN;

    /// <summary>
    /// The probability p, in [0, 1), that training drops each of the layer's outputs (inverted dropout, PyTorch's
    /// <c>nn.Dropout(p)</c> after the activation): during <c>Backward</c> (and so <c>Fit</c>) each output is multiplied
    /// by 0 with probability p and by 1 / (1 - p) otherwise, from a seeded stream; <c>Forward</c> and <c>Loss</c>
    /// never drop. Default 0: no dropout. On the output layer it is a warning (it drops predictions, not features).
    /// </summary>
    public double Dropout { get; set; }

    /// <summary>
    /// Whether the layer adds a bias b (default true). False gives h = f(x W), PyTorch's <c>nn.Linear(bias=False)</c>
    /// and Keras's <c>use_bias=False</c>: the layer then has no bias parameters at all.
    /// </summary>
    public bool Bias { get; set; } = true;
}
