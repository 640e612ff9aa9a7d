using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Unrolled.Generators.Diagnostics;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Parsing;

/// <summary>The arguments of <c>[Network]</c> as written, with the attribute's defaults.</summary>
internal sealed record DeclaredNetwork(int Inputs, LossFunction Loss, Precision Precision, UnrollMode Unroll, bool ExactActivations)
{
    /// <summary>The <c>Weights</c> path as written, or null.</summary>
    public string? Weights { get; init; }
}

/// <summary>
/// The arguments of one <c>[Dense]</c> as written; <see cref="Alpha"/> is NaN when not given, and
/// <see cref="AlphaDeclared"/> tells that apart from <c>Alpha = double.NaN</c> written out. <see cref="Dropout"/>
/// and <see cref="Bias"/> carry the attribute's defaults (0, true) when not given.
/// </summary>
internal sealed record DeclaredLayer(
    int Units, Activation Activation, double Alpha, bool AlphaDeclared, LocationInfo? Location, double Dropout = 0, bool Bias = true);

/// <summary>Reads the attributes' arguments; returns null where the compiler reports a broken attribute itself.</summary>
internal static class AttributeReader
{
    public static DeclaredNetwork? ReadNetwork(AttributeData attribute)
    {
        if (attribute.AttributeConstructor is null
            || attribute.ConstructorArguments.Length != 1
            || attribute.ConstructorArguments[0].Value is not int inputs)
        {
            return null;
        }

        var loss = LossFunction.MeanSquaredError;
        var precision = Precision.Single;
        var unroll = UnrollMode.Auto;
        bool exactActivations = false;
        string? weights = null;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Value.Kind == TypedConstantKind.Error)
            {
                return null;
            }

            if (named.Key == "Weights")
            {
                weights = named.Value.Value as string;
                continue;
            }

            if (named.Key == "ExactActivations")
            {
                exactActivations = named.Value.Value is true;
                continue;
            }

            if (named.Value.Value is not int value)
            {
                return null;
            }

            switch (named.Key)
            {
                case "Loss": loss = (LossFunction)value; break;
                case "Precision": precision = (Precision)value; break;
                case "Unroll": unroll = (UnrollMode)value; break;
            }
        }

        return new DeclaredNetwork(inputs, loss, precision, unroll, exactActivations) { Weights = weights };
    }

    /// <summary>
    /// The <c>[Dense]</c> layers in source order, or null when they cannot be read (spread over several
    /// declarations, reported here, or not bound, reported by the compiler).
    /// </summary>
    public static List<DeclaredLayer>? ReadLayers(INamedTypeSymbol type, CancellationToken cancellationToken, List<DiagnosticInfo> diagnostics)
    {
        var dense = new List<(AttributeData Data, SyntaxNode Syntax)>();
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == NetworkParser.DenseAttributeName
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

        var layers = new List<DeclaredLayer>();
        foreach (var (data, syntax) in dense.OrderBy(d => d.Syntax.SpanStart))
        {
            if (data.AttributeConstructor is null
                || data.ConstructorArguments.Length != 2
                || data.ConstructorArguments[0].Value is not int units
                || data.ConstructorArguments[1].Value is not int activation)
            {
                return null;
            }

            double alpha = double.NaN, dropout = 0;
            bool alphaDeclared = false, bias = true;
            foreach (var named in data.NamedArguments)
            {
                switch (named.Key, named.Value.Value)
                {
                    case ("Alpha", double value):
                        alpha = value;
                        alphaDeclared = true;
                        break;
                    case ("Dropout", double value):
                        dropout = value;
                        break;
                    case ("Bias", bool value):
                        bias = value;
                        break;
                    case ("Alpha" or "Dropout" or "Bias", _):
                        return null; // not bound: the compiler reports it
                }
            }

            layers.Add(new DeclaredLayer(units, (Activation)activation, alpha, alphaDeclared, LocationInfo.From(syntax), dropout, bias));
        }

        return layers;
    }
}
