using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Unrolled.CodeFixes.Editing;
using Unrolled.Generators.Diagnostics;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Unrolled.CodeFixes;

/// <summary>
/// UNR008 for a static class (remove 'static') and for a record without a parameter list or base list (declare it
/// as a class: nothing of the record's meaning is lost when it declares no positional members). A generic type, or one
/// nested in a generic type, gets no fix: what the type parameter stood for is the author's to decide.
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(UnsupportedTypeFix)), Shared]
internal sealed class UnsupportedTypeFix : SyntaxEditFix
{
    private const string RemoveStaticKey = "Unrolled.RemoveStatic";
    private const string DeclareClassKey = "Unrolled.RecordToClass";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.UnsupportedType];

    protected override IEnumerable<FixOffer> Offers(FixSite site)
    {
        if (Target(site) is not { } type)
        {
            yield break;
        }

        switch (UnsupportedTypeReasons.Of(type, site.Model, site.CancellationToken))
        {
            case UnsupportedTypeReason.Static when type.Modifiers.Any(SyntaxKind.StaticKeyword):
                yield return new FixOffer($"Remove 'static' from '{type.Identifier.ValueText}'", RemoveStaticKey);
                break;
            case UnsupportedTypeReason.Record when type is RecordDeclarationSyntax { ParameterList: null, BaseList: null } record
                && !record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword):
                yield return new FixOffer($"Declare '{type.Identifier.ValueText}' as a class", DeclareClassKey);
                break;
        }
    }

    protected override void Edit(DocumentEditor editor, FixSite site, string key)
    {
        var type = Target(site)!;
        if (key == RemoveStaticKey)
        {
            editor.ReplaceNode(type, (current, _) => Modifiers.Remove((TypeDeclarationSyntax)current, SyntaxKind.StaticKeyword));
        }
        else
        {
            editor.ReplaceNode(type, (current, _) => AsClass((RecordDeclarationSyntax)current));
        }
    }

    private static TypeDeclarationSyntax? Target(FixSite site) =>
        site.Find<AttributeSyntax>() is { } attribute ? NetworkAttributes.DeclarationOf(attribute) : null;

    // `record` (or `record class`) becomes `class`, with the trivia of the keywords it replaces.
    private static ClassDeclarationSyntax AsClass(RecordDeclarationSyntax record)
    {
        var keyword = Token(SyntaxKind.ClassKeyword)
            .WithLeadingTrivia(record.Keyword.LeadingTrivia)
            .WithTrailingTrivia(record.ClassOrStructKeyword.IsKind(SyntaxKind.None) ? record.Keyword.TrailingTrivia : record.ClassOrStructKeyword.TrailingTrivia);
        return ClassDeclaration(
            record.AttributeLists, record.Modifiers, keyword, record.Identifier, record.TypeParameterList,
            baseList: null, record.ConstraintClauses, record.OpenBraceToken, record.Members, record.CloseBraceToken, record.SemicolonToken);
    }
}
