using System.Linq;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Unrolled.CodeFixes.Editing;

/// <summary>The <c>[Network]</c> and <c>[Dense]</c> attributes of the declaration a diagnostic is on.</summary>
internal sealed class DeclaredNetwork
{
    private DeclaredNetwork(AttributeSyntax network, AttributeSyntax[] layers)
    {
        Network = network;
        Layers = layers;
    }

    public AttributeSyntax Network { get; }

    /// <summary>The layers in source order (all on this declaration: UNR007 reports them spread).</summary>
    public AttributeSyntax[] Layers { get; }

    public AttributeSyntax? Last => Layers.Length > 0 ? Layers[Layers.Length - 1] : null;

    /// <summary>The network of the declaration that holds the attribute at the diagnostic, when it has a [Network].</summary>
    public static DeclaredNetwork? At(FixSite site)
    {
        if (site.Find<AttributeSyntax>() is not { } attribute || NetworkAttributes.DeclarationOf(attribute) is not { } declaration)
        {
            return null;
        }

        var network = NetworkAttributes.On(declaration, site.Model, NetworkAttributes.Network, site.CancellationToken).FirstOrDefault();
        return network is null
            ? null
            : new DeclaredNetwork(network, NetworkAttributes.On(declaration, site.Model, NetworkAttributes.Dense, site.CancellationToken).ToArray());
    }
}
