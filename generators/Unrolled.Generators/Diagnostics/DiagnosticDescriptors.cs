using Microsoft.CodeAnalysis;

namespace Unrolled.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. Ids are listed in AnalyzerReleases.Unshipped.md and explained in
/// docs/diagnostics.md (the help link). The shape rules take their message formats from <see cref="SpecMessages"/>,
/// the formats <see cref="NetworkSpec"/> throws with, so that both say the same words.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "Unrolled";

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(
        DiagnosticIds.TypeNotPartial, "Network type must be partial",
        "'{0}' must be declared partial so that the network can be generated into it — add the 'partial' modifier",
        "The generator adds the network's members to the class marked [Network], which C# allows only for a partial class.");

    public static readonly DiagnosticDescriptor NoLayers = Error(
        DiagnosticIds.NoLayers, "Network has no layer", SpecMessages.NoLayers,
        "A network is its [Dense] layers, in source order on the class; with none there is nothing to compute.");

    public static readonly DiagnosticDescriptor InputsNotPositive = Error(
        DiagnosticIds.InputsNotPositive, "Input count must be positive", SpecMessages.InputsNotPositive,
        "The inputs argument of [Network] is the length of one sample, the fan-in of the first layer: at least 1.");

    public static readonly DiagnosticDescriptor UnitsNotPositive = Error(
        DiagnosticIds.UnitsNotPositive, "Unit count must be positive", SpecMessages.UnitsNotPositive,
        "The units argument of [Dense] is the number of outputs of the layer: at least 1.");

    public static readonly DiagnosticDescriptor LossDoesNotFitOutput = Error(
        DiagnosticIds.LossDoesNotFitOutput, "Loss does not fit the output activation", SpecMessages.LossDoesNotFitOutput,
        "CrossEntropy is computed from the logits of a Softmax output layer and BinaryCrossEntropy from those of a Sigmoid one; other output activations go with MeanSquaredError.");

    public static readonly DiagnosticDescriptor LayersSpread = Error(
        DiagnosticIds.LayersSpread, "Layers are spread over several declarations",
        "The [Dense] layers of '{0}' are spread over several partial declarations, so their order is undefined — put all of them on one declaration",
        "Layers are the [Dense] attributes in source order; the compiler gives no order between the declarations of a partial class.");

    public static readonly DiagnosticDescriptor UnsupportedType = Error(
        DiagnosticIds.UnsupportedType, "Unsupported network type",
        "'{0}' cannot hold a generated network: {1} — {2}",
        "A network is generated into a non-generic, non-static partial class whose enclosing types are partial and non-generic.");

    public static readonly DiagnosticDescriptor AlphaNotUsed = Warning(
        DiagnosticIds.AlphaNotUsed, "Alpha has no effect", SpecMessages.AlphaNotUsed,
        "Only LeakyRelu (the negative slope), Elu (the saturation value) and PRelu (the slopes' initial value) read Alpha; on any other activation it is ignored.");

    public static readonly DiagnosticDescriptor AlphaOutOfRange = Error(
        DiagnosticIds.AlphaOutOfRange, "Alpha is out of range", SpecMessages.AlphaOutOfRange,
        "LeakyRelu's slope must be in [0, 1), Elu's alpha positive and finite and PRelu's initial slope finite, as the network computes it: a Single network rounds Alpha to a float first.");

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Error(
        DiagnosticIds.LanguageVersionTooLow, "C# 12 or later is required",
        "Generated networks need C# 12 or later (inline arrays), but '{0}' is compiled as C# {1} — set <LangVersion>12</LangVersion> or later",
        "The generated buffers are [InlineArray] structs, which C# 12 introduced.");

    public static readonly DiagnosticDescriptor DenseWithoutNetwork = Error(
        DiagnosticIds.DenseWithoutNetwork, "[Dense] without [Network]",
        "'{0}' declares [Dense] layers but no [Network] — add [Network(inputs: N)] to it",
        "[Dense] layers only take effect on a class marked [Network], which gives the input count.");

    public static readonly DiagnosticDescriptor LayerNotUnrolled = Info(
        DiagnosticIds.LayerNotUnrolled, "Layer too large to unroll",
        "Layer {0} of '{1}' ({2} -> {3}) is too large to unroll within the JIT's optimization limits; it is written as loops",
        "UnrollMode.Full writes each layer as straight-line code while it stays within the limits the JIT optimizes; larger layers become constant-bound loops.");

    public static readonly DiagnosticDescriptor UnknownValue = Error(
        DiagnosticIds.UnknownValue, "Unknown enum value", SpecMessages.UnknownValue,
        "An enum argument cast from a number that is not one of the enum's named values has no meaning to the generator.");

    public static readonly DiagnosticDescriptor MemberConflict = Error(
        DiagnosticIds.MemberConflict, "Member name taken",
        "'{0}' {1} a member named '{2}', which the generated network needs — rename or remove it",
        "The generated network adds members such as Forward, Loss, Parameters and Spec to the class; a member of that name, declared or inherited, would clash.");

    public static readonly DiagnosticDescriptor InlineArraysUnavailable = Error(
        DiagnosticIds.InlineArraysUnavailable, ".NET 8 or later is required",
        "Generated networks need InlineArrayAttribute (.NET 8 or later), which the target framework of '{0}' lacks — target net8.0 or later",
        "The generated buffers are [InlineArray] structs, which need the runtime support .NET 8 added.");

    public static readonly DiagnosticDescriptor TooManyParameters = Error(
        DiagnosticIds.TooManyParameters, "Too many parameters", SpecMessages.TooManyParameters,
        "Parameters and gradients each live in one buffer, which holds at most Array.MaxLength elements.");

    public static readonly DiagnosticDescriptor NoGeneratedConstructor = Info(
        DiagnosticIds.NoGeneratedConstructor, "Constructor does not initialize the parameters",
        "The constructor {1} of '{0}' does not call Initialize, and no constructor is generated beside it, so the parameters start at zero — {2}",
        "The generated constructor calls Initialize(0); a class that declares constructors gets none, so its constructors should draw the initial weights themselves.");

    public static readonly DiagnosticDescriptor SingleUnitSoftmax = Warning(
        DiagnosticIds.SingleUnitSoftmax, "Softmax over a single unit is constant", SpecMessages.SingleUnitSoftmax,
        "Softmax divides each output by the sum of all of them: over one unit the result is always 1, its gradient always 0.");

    public static readonly DiagnosticDescriptor ExactActivationsUnused = Warning(
        DiagnosticIds.ExactActivationsUnused, "ExactActivations has no effect",
        "ExactActivations has no effect on '{0}': {1} — remove ExactActivations",
        "ExactActivations replaces FastMath's approximations in Single networks; Double networks and activations without an approximation compute exactly anyway.");

    public static readonly DiagnosticDescriptor TooManyUnits = Error(
        DiagnosticIds.TooManyUnits, "Too many units", SpecMessages.TooManyUnits,
        "Backward keeps z, a and delta of every unit of a sample in one buffer, which holds at most Array.MaxLength elements.");

    // Weights: the file named by [Network(..., Weights = "...")] must be found, readable, an MLP, and of the declared
    // shape. Each message names both sides: the declaration and the file (with the node, for ONNX).

    public static readonly DiagnosticDescriptor WeightsFileNotFound = Error(
        DiagnosticIds.WeightsFileNotFound, "Weights file not found",
        "'{0}' takes its weights from '{1}', which {2} — {3}",
        "Weights names a file relative to the project directory; the generator reads only what the compiler gives it: the project's <AdditionalFiles>, binary models through the Unrolled package's build step.");

    public static readonly DiagnosticDescriptor WeightsFileUnreadable = Error(
        DiagnosticIds.WeightsFileUnreadable, "Weights file cannot be read",
        "'{0}' cannot read its weights from '{1}': {2} — {3}",
        "The file is damaged or not of its format (the message is the reader's, as OnnxModel and ParameterFile say it at run time), holds values that are not finite, or has an extension other than .onnx, .unrl and .json.");

    public static readonly DiagnosticDescriptor WeightsFileNotANetwork = Error(
        DiagnosticIds.WeightsFileNotANetwork, "Weights file is not a network Unrolled can express",
        "'{0}' cannot take its weights from '{1}', which is not an MLP Unrolled can express: {2} — {3}",
        "An ONNX model bakes when its graph is a chain of dense layers (Gemm, or MatMul + Add), each followed by at most one supported activation; the message names every node that is not.");

    public static readonly DiagnosticDescriptor WeightsInputsDiffer = Error(
        DiagnosticIds.WeightsInputsDiffer, "Input count differs from the weights file",
        "'{0}' declares {1} inputs; {2} has {3} — " + WeightsFix,
        "The declared shape is the contract: the file's input count must be the one [Network] declares.");

    public static readonly DiagnosticDescriptor WeightsLayerCountDiffers = Error(
        DiagnosticIds.WeightsLayerCountDiffers, "Layer count differs from the weights file",
        "'{0}' declares {1} layers; {2} has {3} ({4}) — " + WeightsFix,
        "The declared shape is the contract: the file must have one dense layer per [Dense], in the same order.");

    public static readonly DiagnosticDescriptor WeightsUnitsDiffer = Error(
        DiagnosticIds.WeightsUnitsDiffer, "Unit count differs from the weights file",
        "Layer {0} of '{1}' declares {2} units; {3} has {4} — " + WeightsFix,
        "The declared shape is the contract: each layer of the file must have the units its [Dense] declares.");

    public static readonly DiagnosticDescriptor WeightsActivationDiffers = Error(
        DiagnosticIds.WeightsActivationDiffers, "Activation differs from the weights file",
        "Layer {0} of '{1}' declares {2}; {3} has {4} — " + WeightsFix,
        "The declared shape is the contract: each layer's activation, and its Alpha for LeakyRelu and Elu, must be the file's.");

    public static readonly DiagnosticDescriptor WeightsOptionDiffers = Error(
        DiagnosticIds.WeightsOptionDiffers, "Loss or precision differs from the weights file",
        "'{0}' declares {1}; {2} has {3} — " + WeightsFix,
        "The declared shape is the contract: the precision must be the one of the file's values, and the loss the file's when it states one (an ONNX graph may not).");

    private const string WeightsFix = "change the declaration to match the file, or use a file made for this declaration";

    public static readonly DiagnosticDescriptor LargeGeneratedSource = Info(
        DiagnosticIds.LargeGeneratedSource, "Large generated file",
        "'{0}' generates {1} KB of code for its {2} layers, which adds about {3} s to each build (the compiler takes about {4} KB of it per second on a 2-core machine) — expected for a network this deep; nothing needs fixing unless the build is too slow",
        "Generated code grows with the number of layers, not their width; every layer of a large network gets its single-sample, batch and backward kernels at each vector width. Said so that a slower build is no surprise.");

    // Issue 13's toolbox: dropout rules, and a weights file's bias.

    public static readonly DiagnosticDescriptor DropoutOutOfRange = Error(
        DiagnosticIds.DropoutOutOfRange, "Dropout is out of range", SpecMessages.DropoutOutOfRange,
        "Dropout is the probability p that training drops each output of the layer (and scales the others by 1 / (1 - p)): a number in [0, 1), 0 for none. NaN, infinities and 1 or more have no meaning.");

    public static readonly DiagnosticDescriptor DropoutOnOutputLayer = Warning(
        DiagnosticIds.DropoutOnOutputLayer, "Dropout on the output layer", SpecMessages.DropoutOnOutputLayer,
        "Dropout regularizes by dropping hidden features during training; on the output layer it zeroes predictions the loss compares with the targets (MeanSquaredError), or does nothing where the loss is computed from the logits (CrossEntropy, BinaryCrossEntropy).");

    public static readonly DiagnosticDescriptor WeightsBiasDiffers = Error(
        DiagnosticIds.WeightsBiasDiffers, "Bias differs from the weights file",
        "Layer {0} of '{1}' {2}; {3} {4} — " + WeightsFix,
        "The declared shape is the contract: a layer declared without bias (Bias = false) takes its weights from a layer without one (a Gemm without C, a MatMul without Add, \"bias\": false), and a layer with a bias from one with a bias.");

    /// <summary>The descriptor that reports a broken shape rule.</summary>
    public static DiagnosticDescriptor For(SpecRule rule) => rule switch
    {
        SpecRule.InputsNotPositive => InputsNotPositive,
        SpecRule.NoLayers => NoLayers,
        SpecRule.UnitsNotPositive => UnitsNotPositive,
        SpecRule.LossDoesNotFitOutput => LossDoesNotFitOutput,
        SpecRule.AlphaNotUsed => AlphaNotUsed,
        SpecRule.AlphaOutOfRange => AlphaOutOfRange,
        SpecRule.TooManyParameters => TooManyParameters,
        SpecRule.SingleUnitSoftmax => SingleUnitSoftmax,
        SpecRule.TooManyUnits => TooManyUnits,
        SpecRule.DropoutOutOfRange => DropoutOutOfRange,
        SpecRule.DropoutOnOutputLayer => DropoutOnOutputLayer,
        _ => UnknownValue,
    };

    private static DiagnosticDescriptor Error(string id, string title, string message, string description) =>
        Create(id, title, message, DiagnosticSeverity.Error, description);

    private static DiagnosticDescriptor Warning(string id, string title, string message, string description) =>
        Create(id, title, message, DiagnosticSeverity.Warning, description);

    private static DiagnosticDescriptor Info(string id, string title, string message, string description) =>
        Create(id, title, message, DiagnosticSeverity.Info, description);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description, DiagnosticIds.HelpBase + id.ToLowerInvariant());
}
