using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Unrolled.Generators.Diagnostics;
using Unrolled.Generators.Model;
using Unrolled.Generators.Planning;

namespace Unrolled.Generators.Parsing;

/// <summary>
/// Turns a <c>[Network]</c> declaration into a <see cref="NetworkModel"/> and its diagnostics. Every problem
/// becomes a diagnostic; when one is an error, no model is produced and nothing is generated.
/// </summary>
internal static class NetworkParser
{
    public const string NetworkAttributeName = "Unrolled.NetworkAttribute";
    public const string DenseAttributeName = "Unrolled.DenseAttribute";

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        AttributeData network = context.Attributes[0];
        var networkLocation = LocationInfo.From(network.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
        var diagnostics = new List<DiagnosticInfo>();

        // An attribute that does not bind (a missing argument, a non-constant, a duplicate) is the compiler's to report.
        if (type.GetAttributes().Count(a => a.AttributeClass?.ToDisplayString() == NetworkAttributeName) != 1
            || AttributeReader.ReadNetwork(network) is not { } declared)
        {
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty, networkLocation);
        }

        TypeChecks.Check(type, networkLocation, diagnostics);

        var layers = AttributeReader.ReadLayers(type, cancellationToken, diagnostics);
        if (layers is null)
        {
            return Result(null, diagnostics, networkLocation);
        }

        var problems = SpecRules.Validate(
            type.Name,
            declared.Inputs,
            layers.Select(l => l.Units).ToArray(),
            layers.Select(l => l.Activation).ToArray(),
            layers.Select(l => l.Alpha).ToArray(),
            declared.Loss,
            declared.Precision,
            declared.Unroll,
            layers.Select(l => l.AlphaDeclared).ToArray(),
            layers.Select(l => l.Dropout).ToArray(),
            layers.Select(l => l.Bias).ToArray());
        foreach (var problem in problems)
        {
            var location = problem.Layer > 0 && problem.Rule != SpecRule.LossDoesNotFitOutput
                ? layers[problem.Layer - 1].Location
                : networkLocation;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.For(problem.Rule), location, problem.Arguments.ToArray()));
        }

        ExactActivationsCheck.Check(type.Name, declared, layers, networkLocation, diagnostics);
        MemberNameChecks.Check(type, layers.Count, declared.Precision, networkLocation, diagnostics,
            baked: declared.Weights is not null, dropout: layers.Any(l => l.Dropout > 0 && l.Dropout < 1));
        if (diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
        {
            return Result(null, diagnostics, networkLocation);
        }

        bool generateConstructor = ConstructorChecks.GeneratesConstructor(type);
        ConstructorChecks.Check(type, cancellationToken, diagnostics);

        var layerModels = new List<LayerModel>(layers.Count);
        int fanIn = declared.Inputs;
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            if (declared.Unroll == UnrollMode.Full && !UnrollRules.CanUnroll(fanIn, layer.Units))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerNotUnrolled, layer.Location,
                    Invariant(i + 1), type.Name, Invariant(fanIn), Invariant(layer.Units)));
            }

            double alpha = double.IsNaN(layer.Alpha) || !LayerSpec.TakesAlpha(layer.Activation)
                ? LayerSpec.DefaultAlpha(layer.Activation)
                : layer.Alpha;
            layerModels.Add(new LayerModel(fanIn, layer.Units, layer.Activation, alpha, layer.Dropout, layer.Bias));
            fanIn = layer.Units;
        }

        var model = new NetworkModel(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
            TypeChecks.ContainingTypes(type),
            type.Name,
            declared.Inputs,
            declared.Loss,
            declared.Precision,
            declared.Unroll,
            declared.ExactActivations,
            layerModels.ToEquatableArray(),
            generateConstructor)
        {
            WeightsPath = declared.Weights,
        };
        return Result(model, diagnostics, networkLocation);
    }

    private static ParseResult Result(NetworkModel? model, List<DiagnosticInfo> diagnostics, LocationInfo? location) =>
        new(model, diagnostics.ToEquatableArray(), location);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
