using System;
using System.Globalization;
using System.Text;

namespace Unrolled;

/// <summary>
/// The shape of one dense layer: its unit count, activation, the activation's alpha, its dropout rate during training,
/// and whether it has a bias.
/// </summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
public sealed class LayerSpec : IEquatable<LayerSpec>
{
    /// <summary>The negative slope of <see cref="Activation.LeakyRelu"/> when none is given (PyTorch's default).</summary>
    public const double DefaultLeakyReluAlpha = 0.01;

    /// <summary>The alpha of <see cref="Activation.Elu"/> when none is given (PyTorch's default).</summary>
    public const double DefaultEluAlpha = 1.0;

    /// <summary>The initial slope of <see cref="Activation.PRelu"/> when none is given (PyTorch's <c>init=0.25</c>).</summary>
    public const double DefaultPReluAlpha = 0.25;

    /// <summary>Describes a layer. Validation happens when the layer becomes part of a <see cref="NetworkSpec"/>.</summary>
    /// <param name="units">The number of units.</param>
    /// <param name="activation">The activation function.</param>
    /// <param name="alpha">The activation's alpha (PReLU: the slopes' initial value); NaN (the default) picks the activation's default, 0 for those without one.</param>
    /// <param name="dropout">The probability of dropping each output during training, in [0, 1); 0 (the default) for none.</param>
    /// <param name="bias">Whether the layer has a bias (the default); false for h = f(x W).</param>
    public LayerSpec(int units, Activation activation = Activation.Identity, double alpha = double.NaN, double dropout = 0, bool bias = true)
    {
        Units = units;
        Activation = activation;
        DeclaredAlpha = alpha;
        Alpha = double.IsNaN(alpha) || !TakesAlpha(activation) ? DefaultAlpha(activation) : alpha;
        Dropout = dropout;
        Bias = bias;
    }

    /// <summary>The number of units (outputs) of the layer.</summary>
    public int Units { get; }

    /// <summary>The activation function.</summary>
    public Activation Activation { get; }

    /// <summary>
    /// The activation's alpha after defaults are applied: 0 for activations that take none. For
    /// <see cref="Activation.PRelu"/> it is the value the learned slopes are initialized to, not the slopes themselves
    /// (those are parameters).
    /// </summary>
    public double Alpha { get; }

    /// <summary>The probability p of dropping each of the layer's outputs during training (inverted dropout); 0 for none.</summary>
    public double Dropout { get; }

    /// <summary>Whether the layer has a bias; without one it has no bias parameters.</summary>
    public bool Bias { get; }

    /// <summary>Whether the layer learns one slope per unit (<see cref="Activation.PRelu"/>), stored after its bias.</summary>
    public bool HasSlopes => ActivationTraits.Of(Activation)?.LearnsSlopes ?? false;

    /// <summary>The alpha as given to the constructor (NaN when none was), which validation checks.</summary>
    internal double DeclaredAlpha { get; }

    /// <summary>Whether <paramref name="activation"/> reads an alpha.</summary>
    public static bool TakesAlpha(Activation activation) => ActivationTraits.Of(activation)?.TakesAlpha ?? false;

    /// <summary>The alpha <paramref name="activation"/> uses when none is given.</summary>
    public static double DefaultAlpha(Activation activation) => ActivationTraits.Of(activation)?.DefaultAlpha ?? 0.0;

    /// <inheritdoc/>
    public bool Equals(LayerSpec? other) =>
        other is not null && Units == other.Units && Activation == other.Activation && Alpha.Equals(other.Alpha)
        && Dropout.Equals(other.Dropout) && Bias == other.Bias;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LayerSpec);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        unchecked((Units * 397) ^ ((int)Activation * 31) ^ Alpha.GetHashCode() ^ (Dropout.GetHashCode() * 7) ^ (Bias ? 0 : 0x5bd1e995));

    /// <summary>
    /// For example <c>16 Relu</c>, <c>8 LeakyRelu(0.2)</c>, <c>64 Relu Dropout(0.2)</c> or <c>8 PRelu(0.25) NoBias</c>:
    /// the alpha where the activation takes one, then the dropout rate when there is dropout, then <c>NoBias</c>.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder().Append(Units.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Activation);
        if (TakesAlpha(Activation))
        {
            text.Append('(').Append(Alpha.ToString("R", CultureInfo.InvariantCulture)).Append(')');
        }

        if (!Dropout.Equals(0.0))
        {
            text.Append(" Dropout(").Append(Dropout.ToString("R", CultureInfo.InvariantCulture)).Append(')');
        }

        return Bias ? text.ToString() : text.Append(" NoBias").ToString();
    }
}
