using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Unrolled.CodeFixes.Editing;

/// <summary>
/// Which of UNR008's reasons applies, in the order the generator tests them (TypeChecks), so that a fix is offered
/// only for the reason the message gives.
/// </summary>
internal enum UnsupportedTypeReason
{
    None,
    Generic,
    Static,
    Record,
    NestedInGeneric,
    NestedInNonPartial,
}

internal static class UnsupportedTypeReasons
{
    public static UnsupportedTypeReason Of(TypeDeclarationSyntax type, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetDeclaredSymbol(type, cancellationToken) is not INamedTypeSymbol symbol)
        {
            return UnsupportedTypeReason.None;
        }

        if (symbol.TypeParameters.Length > 0)
        {
            return UnsupportedTypeReason.Generic;
        }

        if (symbol.IsStatic)
        {
            return UnsupportedTypeReason.Static;
        }

        if (symbol.IsRecord)
        {
            return UnsupportedTypeReason.Record;
        }

        for (var outer = symbol.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.TypeParameters.Length > 0)
            {
                return UnsupportedTypeReason.NestedInGeneric;
            }

            if (!outer.DeclaringSyntaxReferences.All(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                return UnsupportedTypeReason.NestedInNonPartial;
            }
        }

        return UnsupportedTypeReason.None;
    }
}
