using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Unrolled.Generators.Diagnostics;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Parsing;

/// <summary>Reports members of the user's type, declared or inherited, whose names the generated code needs.</summary>
internal static class MemberNameChecks
{
    /// <param name="baked">The network declares Weights, which adds the members of baked weights.</param>
    /// <param name="dropout">A layer has dropout, which adds SeedDropout and the stream's field.</param>
    public static void Check(
        INamedTypeSymbol type, int layerCount, Precision precision, LocationInfo? location, List<DiagnosticInfo> diagnostics, bool baked = false, bool dropout = false)
    {
        var taken = new HashSet<string>(GeneratedNames.Members(layerCount));
        if (baked)
        {
            taken.UnionWith(GeneratedNames.BakedMembers);
        }

        if (dropout)
        {
            taken.UnionWith(GeneratedNames.DropoutMembers);
        }

        var reported = new HashSet<string>();
        if (taken.Contains(type.Name))
        {
            reported.Add(type.Name);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberConflict, location, type.Name, "shares its name with", type.Name));
        }

        foreach (var member in type.GetMembers())
        {
            if (!member.IsImplicitlyDeclared && Conflicts(member, taken, precision) && reported.Add(member.Name))
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
                    && Conflicts(member, taken, precision)
                    && reported.Add(member.Name))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberConflict, location, type.Name, $"inherits from '{baseType.Name}'", member.Name));
                }
            }
        }
    }

    // Overloads of the generated public methods with other parameter types can live beside them.
    private static bool Conflicts(ISymbol member, HashSet<string> taken, Precision precision) =>
        taken.Contains(member.Name) && !(member is IMethodSymbol method && GeneratedNames.IsDistinctOverload(method, precision));
}
