using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Unrolled.Generators.Diagnostics;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Parsing;

/// <summary>Whether the declared type can receive a generated network, and how to re-open its enclosing types.</summary>
internal static class TypeChecks
{
    /// <summary>Reports a type the generator cannot extend: not partial, generic, static, a record, or nested badly.</summary>
    public static void Check(INamedTypeSymbol type, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (!IsPartial(type))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNotPartial, location, type.Name));
        }

        // The reason and the fix are separate arguments of the message: "{reason} — {fix}".
        (string Reason, string Fix)? problem =
            type.TypeParameters.Length > 0 ? ("it is generic", "declare a non-generic class") :
            type.IsStatic ? ("it is static", "remove the 'static' modifier") :
            type.IsRecord ? ("it is a record", "declare it as a class") :
            null;
        for (var outer = type.ContainingType; problem is null && outer is not null; outer = outer.ContainingType)
        {
            problem =
                outer.TypeParameters.Length > 0 ? ($"it is nested in generic type '{outer.Name}'", "move it out") :
                !IsPartial(outer) ? ($"it is nested in '{outer.Name}', which is not partial", $"make '{outer.Name}' partial") :
                null;
        }

        if (problem is { } found)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, location, type.Name, found.Reason, found.Fix));
        }
    }

    /// <summary>The enclosing types, outermost first, as generated code re-opens them.</summary>
    public static EquatableArray<ContainingTypeModel> ContainingTypes(INamedTypeSymbol type)
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

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.All(r =>
            r.GetSyntax() is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword)));
}
