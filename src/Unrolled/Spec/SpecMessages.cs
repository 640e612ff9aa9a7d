namespace Unrolled;

/// <summary>
/// The message formats of the shape rules, in one place: the generator's diagnostic descriptors use them as their
/// message formats and <see cref="SpecProblem.Message"/> fills them with the same arguments, so that a declaration
/// the compiler rejects and a <see cref="NetworkSpec"/> the runtime rejects read the same.
/// </summary>
/// <remarks>
/// Each names what is wrong, where, and the fix. The arguments are documented beside each format; numbers are
/// written culture-invariant. Shared as source with the generator: keep it free of anything netstandard2.0 lacks.
/// </remarks>
public static class SpecMessages
{
    /// <summary>{0} network, {1} the declared input count.</summary>
    public const string InputsNotPositive =
        "'{0}' declares {1} inputs; the input count must be positive — declare at least 1 input";

    /// <summary>{0} network.</summary>
    public const string NoLayers =
        "'{0}' declares no layer — add at least one [Dense(units, activation)] attribute to it";

    /// <summary>{0} layer (1-based), {1} network, {2} the declared unit count.</summary>
    public const string UnitsNotPositive =
        "Layer {0} of '{1}' declares {2} units; a layer needs at least 1 unit — declare a positive unit count";

    /// <summary>{0} loss, {1} the output activation it needs, {2} network, {3} the declared output activation, {4} the loss that fits it.</summary>
    public const string LossDoesNotFitOutput =
        "{0} needs a {1} output layer, but the last layer of '{2}' uses {3} — make it {1}, or use {4}, which fits {3}";

    /// <summary>{0} activation, {1} layer, {2} network.</summary>
    public const string AlphaNotUsed =
        "{0} takes no Alpha; layer {1} of '{2}' sets it — remove Alpha, or use LeakyRelu, Elu or PRelu";

    /// <summary>{0} activation, {1} its range, {2} layer, {3} network, {4} the declared alpha, {5} the activation's default.</summary>
    public const string AlphaOutOfRange =
        "Alpha of {0} must be {1}; layer {2} of '{3}' sets {4} — remove Alpha to use the default {5}, or set a value in range";

    /// <summary>{0} what holds the value ("Loss", "The activation of layer 2"), {1} network, {2} the value, {3} the enum, {4} its named values.</summary>
    public const string UnknownValue =
        "{0} of '{1}' is {2}, which is not a named {3} — use one of {4}";

    /// <summary>{0} network, {1} the parameter count, {2} the limit.</summary>
    public const string TooManyParameters =
        "'{0}' has {1} parameters, more than the {2} one buffer can hold — use fewer or smaller layers";

    /// <summary>{0} layer, {1} network.</summary>
    public const string SingleUnitSoftmax =
        "Softmax over a single unit always outputs 1, so layer {0} of '{1}' is constant and nothing up to it can learn — use Sigmoid for a single probability, or give the layer at least 2 units";

    /// <summary>{0} network, {1} the unit count over all layers, {2} the values one sample needs, {3} the limit.</summary>
    public const string TooManyUnits =
        "'{0}' has {1} units in all, and a sample needs 3 values per unit ({2}), more than the {3} one buffer can hold — use fewer or smaller layers";

    /// <summary>{0} layer, {1} network, {2} the declared rate.</summary>
    public const string DropoutOutOfRange =
        "Dropout is the probability of dropping each output of a layer during training and must be in [0, 1); layer {0} of '{1}' sets {2} — set a value in [0, 1), or remove Dropout for none";

    /// <summary>{0} layer, {1} network, {2} the declared rate.</summary>
    public const string DropoutOnOutputLayer =
        "Dropout on the output layer drops the network's predictions rather than features; layer {0} of '{1}' sets Dropout = {2} — remove Dropout from the output layer and apply it to a hidden layer";

    /// <summary>The format of <paramref name="rule"/>.</summary>
    public static string For(SpecRule rule) => rule switch
    {
        SpecRule.InputsNotPositive => InputsNotPositive,
        SpecRule.NoLayers => NoLayers,
        SpecRule.UnitsNotPositive => UnitsNotPositive,
        SpecRule.LossDoesNotFitOutput => LossDoesNotFitOutput,
        SpecRule.AlphaNotUsed => AlphaNotUsed,
        SpecRule.AlphaOutOfRange => AlphaOutOfRange,
        SpecRule.UnknownValue => UnknownValue,
        SpecRule.TooManyParameters => TooManyParameters,
        SpecRule.SingleUnitSoftmax => SingleUnitSoftmax,
        SpecRule.TooManyUnits => TooManyUnits,
        SpecRule.DropoutOutOfRange => DropoutOutOfRange,
        SpecRule.DropoutOnOutputLayer => DropoutOnOutputLayer,
        _ => throw new System.ArgumentOutOfRangeException(nameof(rule), rule, "Not a SpecRule."),
    };
}
