using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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
/// UNR012: adds <c>[Network(inputs: 1 /* TODO: inputs per sample */)]</c> above the first layer. The input count is
/// the author's to give; the placeholder compiles, and the TODO shows in the task list.
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(AddNetworkAttributeFix)), Shared]
internal sealed class AddNetworkAttributeFix : SyntaxEditFix
{
    /// <summary>What the fix writes between the parentheses.</summary>
    public const string Placeholder = "inputs: 1 /* TODO: inputs per sample */";

    private const string Key = "Unrolled.AddNetwork";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.DenseWithoutNetwork];

    protected override IEnumerable<FixOffer> Offers(FixSite site)
    {
        if (site.Find<AttributeSyntax>() is { Parent: AttributeListSyntax } && Declaration(site) is not null)
        {
            yield return new FixOffer("Add [Network(inputs: …)]", Key);
        }
    }

    protected override void Edit(DocumentEditor editor, FixSite site, string key)
    {
        var dense = site.Find<AttributeSyntax>()!;
        var declaration = Declaration(site)!;
        var firstList = (AttributeListSyntax)dense.Parent!;
        string newLine = site.Root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString() is { Length: > 0 } eol ? eol : "\n";
        editor.ReplaceNode(declaration, (current, _) =>
        {
            var type = (TypeDeclarationSyntax)current;
            var list = type.AttributeLists.First(l => l.Span == firstList.Span);

            // The new list takes the first list's leading trivia (comments, indentation); the first list keeps the indentation.
            var indentation = list.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
            var network = AttributeList(SingletonSeparatedList(
                    Attribute(NetworkName(dense.Name), ParseAttributeArgumentList("(" + Placeholder + ")"))))
                .WithLeadingTrivia(list.GetLeadingTrivia())
                .WithTrailingTrivia(EndOfLine(newLine));
            var lists = type.AttributeLists
                .Replace(list, list.WithLeadingTrivia(indentation.IsKind(SyntaxKind.None) ? TriviaList() : TriviaList(indentation)))
                .Insert(type.AttributeLists.IndexOf(list), network);
            return type.WithAttributeLists(lists);
        });
    }

    private static TypeDeclarationSyntax? Declaration(FixSite site) =>
        site.Find<AttributeSyntax>() is { } dense ? NetworkAttributes.DeclarationOf(dense) : null;

    // Named as the user names [Dense]: Dense, DenseAttribute or Unrolled.Dense; an alias gets the full name.
    private static NameSyntax NetworkName(NameSyntax dense)
    {
        string text = dense.ToString();
        foreach (var (from, to) in new[] { ("DenseAttribute", "NetworkAttribute"), ("Dense", "Network") })
        {
            if (text == from || text.EndsWith("." + from, System.StringComparison.Ordinal) || text.EndsWith("::" + from, System.StringComparison.Ordinal))
            {
                return ParseName(text.Substring(0, text.Length - from.Length) + to);
            }
        }

        return ParseName("global::Unrolled.Network");
    }
}
