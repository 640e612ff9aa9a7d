using System;
using System.Collections.Generic;
using System.Globalization;

namespace Unrolled;

/// <summary>The rules a network declaration can break; the generator maps each to a diagnostic id.</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
public enum SpecRule
{
    /// <summary>The input count is zero or negative.</summary>
    InputsNotPositive,

    /// <summary>The network has no layer.</summary>
    NoLayers,

    /// <summary>A layer's unit count is zero or negative.</summary>
    UnitsNotPositive,

    /// <summary>The loss needs another output activation.</summary>
    LossDoesNotFitOutput,

    /// <summary>Alpha is set on an activation that does not read it (a warning).</summary>
    AlphaNotUsed,

    /// <summary>Alpha is NaN, infinite or outside the activation's range, in the network's precision.</summary>
    AlphaOutOfRange,

    /// <summary>An enum argument is not one of the enum's named values.</summary>
    UnknownValue,

    /// <summary>The parameter count exceeds what one buffer can hold.</summary>
    TooManyParameters,

    /// <summary>Softmax over a single unit: the layer's output is always 1 (a warning).</summary>
    SingleUnitSoftmax,

    /// <summary>The values one sample needs (z, a and delta of every unit) exceed what one buffer can hold.</summary>
    TooManyUnits,

    /// <summary>A layer's dropout rate is NaN or outside [0, 1).</summary>
    DropoutOutOfRange,

    /// <summary>Dropout on the output layer: it drops predictions rather than features (a warning).</summary>
    DropoutOnOutputLayer,
}

/// <summary>
/// One broken rule: which rule, which layer (1-based; 0 for the network), and the message, kept as its format
/// (<see cref="SpecMessages"/>) and arguments so that the generator can report it with a descriptor of that format.
/// </summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
public readonly struct SpecProblem : IEquatable<SpecProblem>
{
    private readonly string[] _arguments;

    /// <summary>Creates a problem report whose message is <paramref name="format"/> filled with <paramref name="arguments"/>.</summary>
    public SpecProblem(SpecRule rule, int layer, string format, string[] arguments, bool isWarning = false)
    {
        Rule = rule;
        Layer = layer;
        Format = format ?? throw new ArgumentNullException(nameof(format));
        _arguments = arguments ?? throw new ArgumentNullException(nameof(arguments));
        IsWarning = isWarning;
    }

    /// <summary>The rule that is broken.</summary>
    public SpecRule Rule { get; }

    /// <summary>The 1-based layer the problem is on, or 0 when it concerns the network as a whole.</summary>
    public int Layer { get; }

    /// <summary>The message format, one of <see cref="SpecMessages"/>.</summary>
    public string Format { get; }

    /// <summary>The values that fill <see cref="Format"/>, already written culture-invariant.</summary>
    public IReadOnlyList<string> Arguments => _arguments ?? Array.Empty<string>();

    /// <summary>What is wrong and how to fix it.</summary>
    public string Message => string.Format(CultureInfo.InvariantCulture, Format ?? string.Empty, _arguments ?? Array.Empty<string>());

    /// <summary>True when the declaration still works but is dubious.</summary>
    public bool IsWarning { get; }

    /// <inheritdoc/>
    public bool Equals(SpecProblem other) =>
        Rule == other.Rule && Layer == other.Layer && Message == other.Message && IsWarning == other.IsWarning;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SpecProblem other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => unchecked(((int)Rule * 397) ^ (Layer * 31) ^ Message.GetHashCode());

    /// <inheritdoc/>
    public override string ToString() => Message;
}
