using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Unrolled.CodeFixes.Editing;
using Unrolled.Generators.Diagnostics;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Unrolled.CodeFixes;

/// <summary>
/// UNR018: starts the constructor with <c>Initialize(0);</c>, what the generated constructor would have done. An
/// expression-bodied constructor becomes a block. Primary constructors have no body and get no fix.
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(CallInitializeFix)), Shared]
internal sealed class CallInitializeFix : SyntaxEditFix
{
    private const string Key = "Unrolled.CallInitialize";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.NoGeneratedConstructor];

    protected override IEnumerable<FixOffer> Offers(FixSite site)
    {
        if (site.Find<ConstructorDeclarationSyntax>() is { } constructor && (constructor.Body is not null || constructor.ExpressionBody is not null))
        {
            yield return new FixOffer("Call Initialize(0) in the constructor", Key);
        }
    }

    protected override void Edit(DocumentEditor editor, FixSite site, string key) =>
        editor.ReplaceNode(site.Find<ConstructorDeclarationSyntax>()!, (current, _) => WithInitialize((ConstructorDeclarationSyntax)current));

    private static ConstructorDeclarationSyntax WithInitialize(ConstructorDeclarationSyntax constructor)
    {
        var call = ExpressionStatement(InvocationExpression(IdentifierName("Initialize"),
            ArgumentList(SingletonSeparatedList(Argument(LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(0)))))));
        if (constructor.Body is { } body)
        {
            // The whole constructor is formatted: a body written `{ }` on one line opens up to hold the call.
            return constructor.WithBody(body.WithStatements(body.Statements.Insert(0, call))).WithAdditionalAnnotations(Formatter.Annotation);
        }

        var expression = constructor.ExpressionBody!.Expression;
        var block = Block(call, ExpressionStatement(expression.WithoutTrivia()));
        return constructor
            .WithExpressionBody(null)
            .WithSemicolonToken(default)
            .WithParameterList(constructor.ParameterList.WithTrailingTrivia())
            .WithBody(block.WithTrailingTrivia(constructor.SemicolonToken.TrailingTrivia))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }
}
