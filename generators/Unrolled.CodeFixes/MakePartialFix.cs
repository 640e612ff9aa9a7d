using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Unrolled.CodeFixes.Editing;
using Unrolled.Generators.Diagnostics;

namespace Unrolled.CodeFixes;

/// <summary>
/// UNR001 and UNR008's nested case: makes the network's class partial, and for UNR008 every type that encloses it
/// too, as the Regex generator's fixer does for [GeneratedRegex].
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(MakePartialFix)), Shared]
internal sealed class MakePartialFix : SyntaxEditFix
{
    private const string Key = "Unrolled.MakePartial";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        [DiagnosticIds.TypeNotPartial, DiagnosticIds.UnsupportedType];

    protected override IEnumerable<FixOffer> Offers(FixSite site)
    {
        if (Target(site) is not { } type)
        {
            yield break;
        }

        var needing = Chain(site, type).Where(t => !Modifiers.IsPartial(t)).ToList();
        if (needing.Count > 0)
        {
            yield return new FixOffer(
                needing.Count == 1 && needing[0] == type ? $"Make '{type.Identifier.ValueText}' partial" : $"Make '{type.Identifier.ValueText}' and its enclosing types partial",
                Key);
        }
    }

    protected override void Edit(DocumentEditor editor, FixSite site, string key)
    {
        foreach (var type in Chain(site, Target(site)!))
        {
            editor.ReplaceNode(type, (current, _) => Modifiers.AddPartial((TypeDeclarationSyntax)current));
        }
    }

    private static TypeDeclarationSyntax? Target(FixSite site)
    {
        var type = site.Find<AttributeSyntax>() is { } attribute ? NetworkAttributes.DeclarationOf(attribute) : null;
        if (type is null || site.Diagnostic.Id == DiagnosticIds.TypeNotPartial)
        {
            return type;
        }

        // UNR008 has several reasons; this fix is for "nested in a type that is not partial" only.
        return UnsupportedTypeReasons.Of(type, site.Model, site.CancellationToken) == UnsupportedTypeReason.NestedInNonPartial ? type : null;
    }

    // UNR001 concerns the class itself; UNR008's nested case the class and every type around it.
    private static IEnumerable<TypeDeclarationSyntax> Chain(FixSite site, TypeDeclarationSyntax type) =>
        site.Diagnostic.Id == DiagnosticIds.TypeNotPartial ? [type] : type.AncestorsAndSelf().OfType<TypeDeclarationSyntax>();
}
