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
    /// [0, 1)) or the alpha of <see cref="Activation.Elu"/> (default 1, positive). Other activations take none.
    /// </summary>
    public double Alpha { get; set; } = double.NaN;
}
