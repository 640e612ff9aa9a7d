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
/// UNR006, two ways: give the last layer the activation the loss needs (Softmax for CrossEntropy, Sigmoid for
/// BinaryCrossEntropy), or use the loss that fits the last layer's activation. The first is not offered where it
/// would make a softmax over a single unit (UNR019).
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(LossOutputFix)), Shared]
internal sealed class LossOutputFix : SyntaxEditFix
{
    private const string ActivationKey = "Unrolled.OutputActivationForLoss";
    private const string LossKey = "Unrolled.LossForOutputActivation";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.LossDoesNotFitOutput];

    protected override IEnumerable<FixOffer> Offers(FixSite site)
    {
        if (DeclaredNetwork.At(site) is not { Last: { } last } network
            || NetworkAttributes.LossOf(network.Network, site.Model, site.CancellationToken) is not { } loss
            || NetworkAttributes.ActivationOf(last, site.Model, site.CancellationToken) is not { } output)
        {
            yield break;
        }

        if (SpecRules.OutputActivationFor(loss) is { } needed
            && !(needed == Activation.Softmax && Units(last, site) == 1))
        {
            yield return new FixOffer($"Make the last layer {needed}", ActivationKey);
        }

        yield return new FixOffer($"Use {SpecRules.LossFor(output)}", LossKey);
    }

    protected override void Edit(DocumentEditor editor, FixSite site, string key)
    {
        var network = DeclaredNetwork.At(site)!;
        var compilation = site.Model.Compilation;
        if (key == ActivationKey)
        {
            var needed = SpecRules.OutputActivationFor(NetworkAttributes.LossOf(network.Network, site.Model, site.CancellationToken)!.Value)!.Value;
            editor.ReplaceNode(network.Last!, (current, _) => OutputEdits.WithActivation((AttributeSyntax)current, needed, compilation));
        }
        else
        {
            var output = NetworkAttributes.ActivationOf(network.Last!, site.Model, site.CancellationToken)!.Value;
            editor.ReplaceNode(network.Network, (current, _) => OutputEdits.WithLoss((AttributeSyntax)current, SpecRules.LossFor(output), compilation));
        }
    }

    private static int? Units(AttributeSyntax dense, FixSite site) =>
        NetworkAttributes.IntValue(NetworkAttributes.Positional(dense, 0, "units"), site.Model, site.CancellationToken);
}
