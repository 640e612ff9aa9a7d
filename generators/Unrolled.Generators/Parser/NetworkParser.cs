using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Unrolled.Generators.Diagnostics;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Parser;

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
        var networkLocation = LocationOf(network, cancellationToken);
        var diagnostics = new List<DiagnosticInfo>();

        // An attribute that does not bind (a missing argument, a non-constant, a duplicate) is the compiler's to report.
        if (type.GetAttributes().Count(a => a.AttributeClass?.ToDisplayString() == NetworkAttributeName) != 1
            || !TryReadNetwork(network, out int inputs, out var loss, out var precision, out var unroll, out bool exactActivations))
        {
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty, networkLocation);
        }

        CheckType(type, networkLocation, diagnostics);

        var layers = ReadLayers(type, cancellationToken, diagnostics, out var layerLocations);
        if (layers is null)
        {
            return Result(null, diagnostics, networkLocation);
        }

        var problems = SpecRules.Validate(
            type.Name,
            inputs,
            layers.Select(l => l.Units).ToArray(),
            layers.Select(l => l.Activation).ToArray(),
            layers.Select(l => l.Alpha).ToArray(),
            loss,
            precision,
            unroll);
        foreach (var problem in problems)
        {
            var location = problem.Layer > 0 && problem.Rule != SpecRule.LossDoesNotFitOutput
                ? layerLocations[problem.Layer - 1]
                : networkLocation;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.For(problem.Rule), location, problem.Message));
        }

        CheckMemberNames(type, layers.Count, precision, networkLocation, diagnostics);
        if (diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
        {
            return Result(null, diagnostics, networkLocation);
        }

        bool generateConstructor = !type.InstanceConstructors.Any(c => !c.IsImplicitlyDeclared);
        if (!generateConstructor)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoGeneratedConstructor, networkLocation, type.Name));
        }

        var layerModels = new List<LayerModel>(layers.Count);
        int fanIn = inputs;
        for (int i = 0; i < layers.Count; i++)
        {
            var (units, activation, alpha) = layers[i];
            bool unrolled = UnrollPolicy.ShouldUnroll(unroll, fanIn, units, precision);
            if (unroll == UnrollMode.Full && !unrolled)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerNotUnrolled, layerLocations[i],
                    (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), type.Name,
                    fanIn.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    units.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            double resolvedAlpha = double.IsNaN(alpha) || !LayerSpec.TakesAlpha(activation) ? LayerSpec.DefaultAlpha(activation) : alpha;
            layerModels.Add(new LayerModel(fanIn, units, activation, resolvedAlpha, unrolled));
            fanIn = units;
        }

        var model = new NetworkModel(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
            ContainingTypes(type),
            type.Name,
            inputs,
            loss,
            precision,
            unroll,
            exactActivations,
            layerModels.ToEquatableArray(),
            generateConstructor);
        return Result(model, diagnostics, networkLocation);
    }

    /// <summary>Adds the diagnostics that depend on the compilation as a whole (language version, target framework).</summary>
    public static EquatableArray<DiagnosticInfo> WithCompilationChecks(ParseResult result, CompilationFacts facts)
    {
        if (facts.LanguageVersionSupported && facts.InlineArraysAvailable)
        {
            return result.Diagnostics;
        }

        var all = new List<DiagnosticInfo>(result.Diagnostics);
        string name = result.Model?.Name ?? "the network";
        if (!facts.LanguageVersionSupported)
        {
            all.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooLow, result.NetworkAttribute, name, facts.LanguageVersion));
        }

        if (!facts.InlineArraysAvailable)
        {
            all.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InlineArraysUnavailable, result.NetworkAttribute, name));
        }

        return all.ToEquatableArray();
    }

    /// <summary>Reports <c>[Dense]</c> on a type that has no <c>[Network]</c>, at its first layer.</summary>
    public static DiagnosticInfo? ParseOrphanLayers(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        if (type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == NetworkAttributeName))
        {
            return null;
        }

        // One report per type: on the declaration that holds its first [Dense].
        var first = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == DenseAttributeName);
        if (first?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not { } syntax
            || !context.TargetNode.Span.Contains(syntax.Span)
            || syntax.SyntaxTree != context.TargetNode.SyntaxTree)
        {
            return null;
        }

        return DiagnosticInfo.Create(DiagnosticDescriptors.DenseWithoutNetwork, LocationInfo.From(syntax), type.Name);
    }

    private static ParseResult Result(NetworkModel? model, List<DiagnosticInfo> diagnostics, LocationInfo? location) =>
        new(model, diagnostics.ToEquatableArray(), location);

    private static bool TryReadNetwork(
        AttributeData attribute, out int inputs, out LossFunction loss, out Precision precision, out UnrollMode unroll, out bool exactActivations)
    {
        exactActivations = false;
        inputs = 0;
        loss = LossFunction.MeanSquaredError;
        precision = Precision.Single;
        unroll = UnrollMode.Auto;
        if (attribute.AttributeConstructor is null
            || attribute.ConstructorArguments.Length != 1
            || attribute.ConstructorArguments[0].Value is not int count)
        {
            return false;
        }

        inputs = count;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Value.Kind == TypedConstantKind.Error)
            {
                return false;
            }

            if (named.Key == "ExactActivations")
            {
                exactActivations = named.Value.Value is true;
                continue;
            }

            if (named.Value.Value is not int value)
            {
                return false;
            }

            switch (named.Key)
            {
                case "Loss": loss = (LossFunction)value; break;
                case "Precision": precision = (Precision)value; break;
                case "Unroll": unroll = (UnrollMode)value; break;
            }
        }

        return true;
    }

    /// <summary>
    /// The <c>[Dense]</c> layers in source order, or null when they cannot be read (spread over several
    /// declarations, or not bound).
    /// </summary>
    private static List<(int Units, Activation Activation, double Alpha)>? ReadLayers(
        INamedTypeSymbol type,
        CancellationToken cancellationToken,
        List<DiagnosticInfo> diagnostics,
        out List<LocationInfo?> locations)
    {
        locations = new List<LocationInfo?>();
        var dense = new List<(AttributeData Data, SyntaxNode Syntax)>();
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == DenseAttributeName
                && attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is { } syntax)
            {
                dense.Add((attribute, syntax));
            }
        }

        // All layers on one declaration: across partial declarations, their order would be undefined.
        var declarations = dense.Select(d => d.Syntax.Parent?.Parent).Distinct().ToList();
        if (declarations.Count > 1)
        {
            var outlier = dense.First(d => d.Syntax.Parent?.Parent != declarations[0]);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersSpread, LocationInfo.From(outlier.Syntax), type.Name));
            return null;
        }

        var layers = new List<(int, Activation, double)>();
        foreach (var (data, syntax) in dense.OrderBy(d => d.Syntax.SpanStart))
        {
            if (data.AttributeConstructor is null
                || data.ConstructorArguments.Length != 2
                || data.ConstructorArguments[0].Value is not int units
                || data.ConstructorArguments[1].Value is not int activation)
            {
                return null; // the compiler reports the broken attribute
            }

            double alpha = double.NaN;
            foreach (var named in data.NamedArguments)
            {
                if (named.Key == "Alpha")
                {
                    if (named.Value.Value is not double value)
                    {
                        return null;
                    }

                    alpha = value;
                }
            }

            layers.Add((units, (Activation)activation, alpha));
            locations.Add(LocationInfo.From(syntax));
        }

        return layers;
    }

    /// <summary>Reports a type the generator cannot extend: not partial, generic, static, a record, or nested badly.</summary>
    private static void CheckType(INamedTypeSymbol type, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (!IsPartial(type))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNotPartial, location, type.Name));
        }

        string? reason =
            type.TypeParameters.Length > 0 ? "it is generic — declare a non-generic class" :
            type.IsStatic ? "it is static — remove the 'static' modifier" :
            type.IsRecord ? "it is a record — declare it as a class" :
            null;
        for (var outer = type.ContainingType; reason is null && outer is not null; outer = outer.ContainingType)
        {
            reason =
                outer.TypeParameters.Length > 0 ? $"it is nested in generic type '{outer.Name}' — move it out" :
                !IsPartial(outer) ? $"it is nested in '{outer.Name}', which is not partial — make '{outer.Name}' partial" :
                null;
        }

        if (reason is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, location, type.Name, reason));
        }
    }

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.All(r =>
            r.GetSyntax() is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword)));

    private static EquatableArray<ContainingTypeModel> ContainingTypes(INamedTypeSymbol type)
    {
        var chain = new List<ContainingTypeModel>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            string keyword = outer.IsRecord
                ? (outer.TypeKind == TypeKind.Struct ? "record struct" : "record")
                : outer.TypeKind switch
                {
                    TypeKind.Struct => "struct",
                    TypeKind.Interface => "interface",
                    _ => "class",
                };
            chain.Insert(0, new ContainingTypeModel(keyword, outer.Name));
        }

        return chain.ToEquatableArray();
    }

    /// <summary>Reports members of the user's type whose names the generated code needs (overloads are fine).</summary>
    private static void CheckMemberNames(
        INamedTypeSymbol type, int layerCount, Precision precision, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var taken = new HashSet<string>(GeneratedNames.Members(layerCount));
        var reported = new HashSet<string>();
        if (taken.Contains(type.Name))
        {
            reported.Add(type.Name);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberConflict, location, type.Name, "shares its name with", type.Name));
        }

        foreach (var member in type.GetMembers())
        {
            if (!member.IsImplicitlyDeclared
                && taken.Contains(member.Name)
                && !(member is IMethodSymbol method && GeneratedNames.IsDistinctOverload(method, precision))
                && reported.Add(member.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberConflict, location, type.Name, "already declares", member.Name));
            }
        }

        // Inherited members would be hidden by the generated ones (CS0108), which breaks builds that treat warnings as errors.
        for (var baseType = type.BaseType; baseType is not null && baseType.SpecialType != SpecialType.System_Object; baseType = baseType.BaseType)
        {
            foreach (var member in baseType.GetMembers())
            {
                if (!member.IsImplicitlyDeclared
                    && member.DeclaredAccessibility != Accessibility.Private
                    && taken.Contains(member.Name)
                    && !(member is IMethodSymbol method && GeneratedNames.IsDistinctOverload(method, precision))
                    && reported.Add(member.Name))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberConflict, location, type.Name, $"inherits from '{baseType.Name}'", member.Name));
                }
            }
        }
    }

    private static LocationInfo? LocationOf(AttributeData attribute, CancellationToken cancellationToken) =>
        LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
}
