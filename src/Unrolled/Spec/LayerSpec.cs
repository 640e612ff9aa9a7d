using System;
namespace Unrolled;

/// <summary>The shape of one dense layer: its unit count, activation, and the activation's alpha.</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
public sealed class LayerSpec : IEquatable<LayerSpec>
{
    /// <summary>The negative slope of <see cref="Activation.LeakyRelu"/> when none is given (PyTorch's default).</summary>
    public const double DefaultLeakyReluAlpha = 0.01;

    /// <summary>The alpha of <see cref="Activation.Elu"/> when none is given (PyTorch's default).</summary>
    public const double DefaultEluAlpha = 1.0;

    /// <summary>Describes a layer. Validation happens when the layer becomes part of a <see cref="NetworkSpec"/>.</summary>
    /// <param name="units">The number of units.</param>
    /// <param name="activation">The activation function.</param>
    /// <param name="alpha">The activation's alpha; NaN (the default) picks the activation's default, 0 for those without one.</param>
    public LayerSpec(int units, Activation activation = Activation.Identity, double alpha = double.NaN)
    {
        Units = units;
        Activation = activation;
        DeclaredAlpha = alpha;
        Alpha = double.IsNaN(alpha) || !TakesAlpha(activation) ? DefaultAlpha(activation) : alpha;
    }

    /// <summary>The number of units (outputs) of the layer.</summary>
    public int Units { get; }

    /// <summary>The activation function.</summary>
    public Activation Activation { get; }

    /// <summary>The activation's alpha after defaults are applied: 0 for activations that take none.</summary>
    public double Alpha { get; }

    /// <summary>The alpha as given to the constructor (NaN when none was), which validation checks.</summary>
    internal double DeclaredAlpha { get; }

    /// <summary>Whether <paramref name="activation"/> reads an alpha.</summary>
    public static bool TakesAlpha(Activation activation) => ActivationTraits.Of(activation)?.TakesAlpha ?? false;

    /// <summary>The alpha <paramref name="activation"/> uses when none is given.</summary>
    public static double DefaultAlpha(Activation activation) => ActivationTraits.Of(activation)?.DefaultAlpha ?? 0.0;

    /// <inheritdoc/>
    public bool Equals(LayerSpec? other) =>
        other is not null && Units == other.Units && Activation == other.Activation && Alpha.Equals(other.Alpha);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LayerSpec);

    /// <inheritdoc/>
    public override int GetHashCode() => unchecked((Units * 397) ^ ((int)Activation * 31) ^ Alpha.GetHashCode());

    /// <summary>For example <c>16 Relu</c> or <c>8 LeakyRelu(0.2)</c>.</summary>
    public override string ToString() => TakesAlpha(Activation)
        ? Units + " " + Activation + "(" + Alpha.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ")"
        : Units + " " + Activation;
}
