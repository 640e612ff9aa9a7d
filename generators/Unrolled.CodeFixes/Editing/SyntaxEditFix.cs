using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace Unrolled.CodeFixes.Editing;

/// <summary>One fix a diagnostic can offer: its title and the equivalence key Fix All groups it by.</summary>
internal readonly record struct FixOffer(string Title, string Key);

/// <summary>
/// A code fix written as edits to one document: a fix says what it offers for a diagnostic and how to edit for it,
/// and this class registers the code actions and provides Fix All, which applies the same offer to every diagnostic
/// of the document (project, solution) through one editor, so that edits to the same declaration compose.
/// </summary>
internal abstract class SyntaxEditFix : CodeFixProvider
{
    public sealed override FixAllProvider GetFixAllProvider() => new EditEverywhere(this);

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            foreach (var offer in Offers(new FixSite(root, model, diagnostic, context.CancellationToken)))
            {
                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(offer.Title, ct => ApplyAsync(document, [diagnostic], offer.Key, ct), offer.Key),
                    diagnostic);
            }
        }
    }

    /// <summary>What this fix offers at the diagnostic's site; nothing when the site is not as expected.</summary>
    protected abstract IEnumerable<FixOffer> Offers(FixSite site);

    /// <summary>Edits the document for the offer <paramref name="key"/> at the site (which offered it).</summary>
    protected abstract void Edit(DocumentEditor editor, FixSite site, string key);

    private async Task<Document> ApplyAsync(Document document, IEnumerable<Diagnostic> diagnostics, string key, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var root = editor.OriginalRoot;
        foreach (var diagnostic in diagnostics)
        {
            var site = new FixSite(root, editor.SemanticModel, diagnostic, cancellationToken);
            if (Offers(site).Any(o => o.Key == key))
            {
                Edit(editor, site, key);
            }
        }

        return editor.GetChangedDocument();
    }

    private sealed class EditEverywhere(SyntaxEditFix fix) : DocumentBasedFixAllProvider
    {
        protected override async Task<Document?> FixAllAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics) =>
            context.CodeActionEquivalenceKey is { } key
                ? await fix.ApplyAsync(document, diagnostics, key, context.CancellationToken).ConfigureAwait(false)
                : document;
    }
}

/// <summary>Where a diagnostic is: the document's root and semantic model, the diagnostic, and the node at its span.</summary>
internal sealed class FixSite(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
{
    public SyntaxNode Root { get; } = root;

    public SemanticModel Model { get; } = model;

    public Diagnostic Diagnostic { get; } = diagnostic;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The innermost node of type <typeparamref name="T"/> around the diagnostic's span, if any.</summary>
    public T? Find<T>()
        where T : SyntaxNode
    {
        var span = Diagnostic.Location.SourceSpan;
        if (span.End > Root.FullSpan.End)
        {
            return null;
        }

        return Root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<T>();
    }
}
