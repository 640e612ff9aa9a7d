using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Unrolled.Generators.Diagnostics;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Parsing;

/// <summary>
/// A class that declares constructors gets no generated one (which would call <c>Initialize(0)</c>): each of its
/// constructors that neither calls <c>Initialize</c> nor chains to another with <c>: this(...)</c> leaves the
/// parameters at zero, and is reported where it is declared.
/// </summary>
internal static class ConstructorChecks
{
    /// <summary>True when the class declares no instance constructor, so that one is generated.</summary>
    public static bool GeneratesConstructor(INamedTypeSymbol type) => !type.InstanceConstructors.Any(c => !c.IsImplicitlyDeclared);

    public static void Check(INamedTypeSymbol type, CancellationToken cancellationToken, List<DiagnosticInfo> diagnostics)
    {
        foreach (var constructor in type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared))
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                switch (reference.GetSyntax(cancellationToken))
                {
                    case ConstructorDeclarationSyntax declared when !Initializes(declared):
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoGeneratedConstructor,
                            LocationInfo.From(declared.Identifier.GetLocation()), type.Name, Signature(constructor), "call Initialize(seed) in it"));
                        break;
                    case TypeDeclarationSyntax { ParameterList: { } parameters }:
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoGeneratedConstructor,
                            LocationInfo.From(parameters), type.Name, Signature(constructor),
                            "call Initialize(seed) before using it: a primary constructor has no body to call it from"));
                        break;
                }
            }
        }
    }

    // Chaining to this(...) hands initialization to the other constructor, which is checked on its own.
    private static bool Initializes(ConstructorDeclarationSyntax constructor) =>
        constructor.Initializer is { ThisOrBaseKeyword.RawKind: (int)SyntaxKind.ThisKeyword }
        || constructor.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(CallsInitialize);

    private static bool CallsInitialize(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText == "Initialize",
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax name } => name.Identifier.ValueText == "Initialize",
        _ => false,
    };

    private static string Signature(IMethodSymbol constructor) =>
        constructor.ContainingType.Name + "("
        + string.Join(", ", constructor.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)))
        + ")";
}
