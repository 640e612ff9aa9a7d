using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Unrolled.CodeFixes.Editing;
using Unrolled.Generators.Diagnostics;

namespace Unrolled.CodeFixes;

/// <summary>
/// Removes a named argument that does nothing or is out of range: Alpha where the activation ignores it (UNR009) or
/// where it is out of range (UNR010: the activation's default then applies), and ExactActivations where nothing is
/// approximated (UNR020).
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(RemoveArgumentFix)), Shared]
internal sealed class RemoveArgumentFix : SyntaxEditFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        [DiagnosticIds.AlphaNotUsed, DiagnosticIds.AlphaOutOfRange, DiagnosticIds.ExactActivationsUnused];

    protected override IEnumerable<FixOffer> Offers(FixSite site)
    {
        string property = Property(site.Diagnostic.Id);
        if (site.Find<AttributeSyntax>() is { } attribute && NetworkAttributes.Named(attribute, property) is not null)
        {
            string title = site.Diagnostic.Id == DiagnosticIds.AlphaOutOfRange && DefaultAlpha(attribute, site) is { } fallback
                ? $"Remove Alpha (use the default {fallback})"
                : $"Remove {property}";
            yield return new FixOffer(title, "Unrolled.Remove" + property);
        }
    }

    protected override void Edit(DocumentEditor editor, FixSite site, string key)
    {
        string property = Property(site.Diagnostic.Id);
        editor.ReplaceNode(site.Find<AttributeSyntax>()!, (current, _) => AttributeEdits.Without((AttributeSyntax)current, property));
    }

    private static string Property(string id) => id == DiagnosticIds.ExactActivationsUnused ? "ExactActivations" : "Alpha";

    private static string? DefaultAlpha(AttributeSyntax dense, FixSite site) =>
        NetworkAttributes.ActivationOf(dense, site.Model, site.CancellationToken) is { } activation && LayerSpec.TakesAlpha(activation)
            ? LayerSpec.DefaultAlpha(activation).ToString("R", System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
