using Microsoft.CodeAnalysis;

namespace Unrolled.Generators.Diagnostics;

/// <summary>Every diagnostic the generator reports. Ids are listed in AnalyzerReleases.Unshipped.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Unrolled";

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(
        "UNR001", "Network type must be partial",
        "'{0}' must be declared partial so that the network can be generated into it — add the 'partial' modifier");

    public static readonly DiagnosticDescriptor NoLayers = Error(
        "UNR002", "Network has no layer", "{0}");

    public static readonly DiagnosticDescriptor InputsNotPositive = Error(
        "UNR003", "Input count must be positive", "{0}");

    public static readonly DiagnosticDescriptor UnitsNotPositive = Error(
        "UNR004", "Unit count must be positive", "{0}");

    public static readonly DiagnosticDescriptor SoftmaxNotLast = Error(
        "UNR005", "Softmax is only allowed on the last layer", "{0}");

    public static readonly DiagnosticDescriptor LossDoesNotFitOutput = Error(
        "UNR006", "Loss does not fit the output activation", "{0}");

    public static readonly DiagnosticDescriptor LayersSpread = Error(
        "UNR007", "Layers are spread over several declarations",
        "The [Dense] layers of '{0}' are spread over several partial declarations, so their order is undefined — put all of them on one declaration");

    public static readonly DiagnosticDescriptor UnsupportedType = Error(
        "UNR008", "Unsupported network type",
        "'{0}' cannot hold a generated network: {1}");

    public static readonly DiagnosticDescriptor AlphaNotUsed = Warning(
        "UNR009", "Alpha has no effect", "{0}");

    public static readonly DiagnosticDescriptor AlphaOutOfRange = Error(
        "UNR010", "Alpha is out of range", "{0}");

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Error(
        "UNR011", "C# 12 or later is required",
        "Generated networks need C# 12 or later (inline arrays), but '{0}' is compiled as C# {1} — set <LangVersion>12</LangVersion> or later");

    public static readonly DiagnosticDescriptor DenseWithoutNetwork = Error(
        "UNR012", "[Dense] without [Network]",
        "'{0}' declares [Dense] layers but no [Network] — add [Network(inputs: N)] to it");

    public static readonly DiagnosticDescriptor LayerNotUnrolled = Info(
        "UNR013", "Layer too large to unroll",
        "Layer {0} of '{1}' ({2} -> {3}) is too large to unroll within the JIT's optimization limits; it is written as loops");

    public static readonly DiagnosticDescriptor UnknownValue = Error(
        "UNR014", "Unknown enum value", "{0}");

    public static readonly DiagnosticDescriptor MemberConflict = Error(
        "UNR015", "Member name taken",
        "'{0}' {1} a member named '{2}', which the generated network needs — rename or remove it");

    public static readonly DiagnosticDescriptor InlineArraysUnavailable = Error(
        "UNR016", ".NET 8 or later is required",
        "Generated networks need InlineArrayAttribute (.NET 8 or later), which the target framework of '{0}' lacks — target net8.0 or later");

    public static readonly DiagnosticDescriptor TooManyParameters = Error(
        "UNR017", "Too many parameters", "{0}");

    public static readonly DiagnosticDescriptor NoGeneratedConstructor = Info(
        "UNR018", "Constructor not generated",
        "'{0}' declares its own constructor, so no constructor is generated and the parameters start at zero — call Initialize(seed) in your constructor");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    private static DiagnosticDescriptor Info(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Info, isEnabledByDefault: true);

    /// <summary>The descriptor that reports a broken shape rule.</summary>
    public static DiagnosticDescriptor For(SpecRule rule) => rule switch
    {
        SpecRule.InputsNotPositive => InputsNotPositive,
        SpecRule.NoLayers => NoLayers,
        SpecRule.UnitsNotPositive => UnitsNotPositive,
        SpecRule.SoftmaxNotLast => SoftmaxNotLast,
        SpecRule.LossDoesNotFitOutput => LossDoesNotFitOutput,
        SpecRule.AlphaNotUsed => AlphaNotUsed,
        SpecRule.AlphaOutOfRange => AlphaOutOfRange,
        SpecRule.TooManyParameters => TooManyParameters,
        _ => UnknownValue,
    };
}
