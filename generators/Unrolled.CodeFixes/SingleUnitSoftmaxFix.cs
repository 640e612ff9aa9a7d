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
/// UNR019: a softmax over one unit is the constant 1; a sigmoid over one unit is the probability the author meant.
/// On the output layer under CrossEntropy the loss becomes BinaryCrossEntropy, the loss of a sigmoid output.
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(SingleUnitSoftmaxFix)), Shared]
internal sealed class SingleUnitSoftmaxFix : SyntaxEditFix
{
    private const string Key = "Unrolled.SigmoidForSingleUnit";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.SingleUnitSoftmax];

    protected override IEnumerable<FixOffer> Offers(FixSite site)
    {
        if (DeclaredNetwork.At(site) is { } network && site.Find<AttributeSyntax>() is { } layer)
        {
            yield return new FixOffer(ChangesLoss(network, layer, site) ? "Use Sigmoid and BinaryCrossEntropy" : "Use Sigmoid", Key);
        }
    }

    protected override void Edit(DocumentEditor editor, FixSite site, string key)
    {
        var network = DeclaredNetwork.At(site)!;
        var layer = site.Find<AttributeSyntax>()!;
        var compilation = site.Model.Compilation;
        if (ChangesLoss(network, layer, site))
        {
            editor.ReplaceNode(network.Network, (current, _) => OutputEdits.WithLoss((AttributeSyntax)current, LossFunction.BinaryCrossEntropy, compilation));
        }

        editor.ReplaceNode(layer, (current, _) => OutputEdits.WithActivation((AttributeSyntax)current, Activation.Sigmoid, compilation));
    }

    private static bool ChangesLoss(DeclaredNetwork network, AttributeSyntax layer, FixSite site) =>
        layer == network.Last && NetworkAttributes.LossOf(network.Network, site.Model, site.CancellationToken) == LossFunction.CrossEntropy;
}
