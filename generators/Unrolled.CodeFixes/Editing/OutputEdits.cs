using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Unrolled.CodeFixes.Editing;

/// <summary>Changes a layer's activation or a network's loss the way the shape rules ask.</summary>
internal static class OutputEdits
{
    /// <summary>The layer with <paramref name="activation"/>, and without an Alpha the new activation would ignore (UNR009).</summary>
    public static AttributeSyntax WithActivation(AttributeSyntax dense, Activation activation, Compilation compilation)
    {
        var changed = AttributeEdits.WithActivation(dense, activation, compilation);
        return LayerSpec.TakesAlpha(activation) ? changed : AttributeEdits.Without(changed, "Alpha");
    }

    public static AttributeSyntax WithLoss(AttributeSyntax network, LossFunction loss, Compilation compilation) =>
        AttributeEdits.WithNamedEnum(network, "Loss", "Unrolled.LossFunction", loss.ToString(), compilation);
}
