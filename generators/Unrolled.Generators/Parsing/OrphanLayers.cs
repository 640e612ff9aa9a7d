using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Unrolled.Generators.Diagnostics;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Parsing;

/// <summary><c>[Dense]</c> on a type without <c>[Network]</c>: nothing to generate, but the user should hear about it.</summary>
internal static class OrphanLayers
{
    /// <summary>The diagnostic for the type, at its first layer, or null when the type has a <c>[Network]</c>.</summary>
    public static DiagnosticInfo? Find(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;

        // [Dense] on a struct or an interface is the compiler's to report (CS0592): it applies to classes only.
        if (type.TypeKind != TypeKind.Class)
        {
            return null;
        }

        if (type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == NetworkParser.NetworkAttributeName))
        {
            return null;
        }

        // One report per type: on the declaration that holds its first [Dense].
        var first = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == NetworkParser.DenseAttributeName);
        if (first?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not { } syntax
            || !context.TargetNode.Span.Contains(syntax.Span)
            || syntax.SyntaxTree != context.TargetNode.SyntaxTree)
        {
            return null;
        }

        return DiagnosticInfo.Create(DiagnosticDescriptors.DenseWithoutNetwork, LocationInfo.From(syntax), type.Name);
    }
}
