namespace Unrolled.Generators.Diagnostics;

/// <summary>
/// The id of every diagnostic, as constants: the descriptors use them, and the code fixes (another assembly, which
/// links this file as source) name the ids they fix with them.
/// </summary>
internal static class DiagnosticIds
{
    public const string TypeNotPartial = "UNR001";
    public const string NoLayers = "UNR002";
    public const string InputsNotPositive = "UNR003";
    public const string UnitsNotPositive = "UNR004";
    // UNR005 (softmax only on the last layer) is retired: softmax is allowed on any layer.
    public const string LossDoesNotFitOutput = "UNR006";
    public const string LayersSpread = "UNR007";
    public const string UnsupportedType = "UNR008";
    public const string AlphaNotUsed = "UNR009";
    public const string AlphaOutOfRange = "UNR010";
    public const string LanguageVersionTooLow = "UNR011";
    public const string DenseWithoutNetwork = "UNR012";
    public const string LayerNotUnrolled = "UNR013";
    public const string UnknownValue = "UNR014";
    public const string MemberConflict = "UNR015";
    public const string InlineArraysUnavailable = "UNR016";
    public const string TooManyParameters = "UNR017";
    public const string NoGeneratedConstructor = "UNR018";
    public const string SingleUnitSoftmax = "UNR019";
    public const string ExactActivationsUnused = "UNR020";
    public const string TooManyUnits = "UNR021";
    public const string WeightsFileNotFound = "UNR022";
    public const string WeightsFileUnreadable = "UNR023";
    public const string WeightsFileNotANetwork = "UNR024";
    public const string WeightsInputsDiffer = "UNR025";
    public const string WeightsLayerCountDiffers = "UNR026";
    public const string WeightsUnitsDiffer = "UNR027";
    public const string WeightsActivationDiffers = "UNR028";
    public const string WeightsOptionDiffers = "UNR029";
    public const string LargeGeneratedSource = "UNR040";

    // UNR030-UNR039: the toolbox of issue 13 (dropout, PReLU, bias-free layers, hidden softmax).
    public const string DropoutOutOfRange = "UNR030";
    public const string DropoutOnOutputLayer = "UNR031";
    public const string WeightsBiasDiffers = "UNR032";

    /// <summary>Where each id is explained: <c>docs/diagnostics.md</c>, one section per id, anchored by the id in lower case.</summary>
    public const string HelpBase = "https://github.com/unrolled/unrolled/blob/main/docs/diagnostics.md#";
}
