using System;
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

    /// <summary>Softmax is used on a layer other than the last.</summary>
    SoftmaxNotLast,

    /// <summary>The loss needs another output activation.</summary>
    LossDoesNotFitOutput,

    /// <summary>Alpha is set on an activation that does not read it (a warning).</summary>
    AlphaNotUsed,

    /// <summary>Alpha is outside the activation's range.</summary>
    AlphaOutOfRange,

    /// <summary>An enum argument is not one of the enum's named values.</summary>
    UnknownValue,

    /// <summary>The parameter count does not fit in an <see cref="int"/>.</summary>
    TooManyParameters,
}

/// <summary>One broken rule: which rule, which layer (1-based; 0 for the network), and a message naming the fix.</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
public readonly struct SpecProblem : IEquatable<SpecProblem>
{
    /// <summary>Creates a problem report.</summary>
    public SpecProblem(SpecRule rule, int layer, string message, bool isWarning = false)
    {
        Rule = rule;
        Layer = layer;
        Message = message;
        IsWarning = isWarning;
    }

    /// <summary>The rule that is broken.</summary>
    public SpecRule Rule { get; }

    /// <summary>The 1-based layer the problem is on, or 0 when it concerns the network as a whole.</summary>
    public int Layer { get; }

    /// <summary>What is wrong and how to fix it.</summary>
    public string Message { get; }

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
