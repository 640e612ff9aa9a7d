using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Unrolled.CodeFixes.Editing;

/// <summary>Reads <c>[Network]</c> and <c>[Dense]</c> as written: which attribute is which, and their arguments' values.</summary>
internal static class NetworkAttributes
{
    public const string Network = "Unrolled.NetworkAttribute";
    public const string Dense = "Unrolled.DenseAttribute";

    /// <summary>True when <paramref name="attribute"/> binds to the attribute class named <paramref name="metadataName"/>.</summary>
    public static bool Is(AttributeSyntax attribute, SemanticModel model, string metadataName, CancellationToken cancellationToken) =>
        model.GetTypeInfo(attribute, cancellationToken).Type?.ToDisplayString() == metadataName;

    /// <summary>The type declaration the attribute is written on.</summary>
    public static TypeDeclarationSyntax? DeclarationOf(AttributeSyntax attribute) => attribute.Parent?.Parent as TypeDeclarationSyntax;

    /// <summary>The attributes of one kind on a declaration, in source order.</summary>
    public static IEnumerable<AttributeSyntax> On(TypeDeclarationSyntax declaration, SemanticModel model, string metadataName, CancellationToken cancellationToken) =>
        declaration.AttributeLists.SelectMany(list => list.Attributes).Where(a => Is(a, model, metadataName, cancellationToken));

    /// <summary>A named argument (<c>Alpha = 0.5</c>).</summary>
    public static AttributeArgumentSyntax? Named(AttributeSyntax attribute, string property) =>
        attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property);

    /// <summary>A constructor argument, by position or by name (<c>activation: Activation.Relu</c>).</summary>
    public static AttributeArgumentSyntax? Positional(AttributeSyntax attribute, int position, string parameter)
    {
        var arguments = ConstructorArguments(attribute).ToList();
        return arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameter)
            ?? (position < arguments.Count && arguments[position].NameColon is null ? arguments[position] : null);
    }

    /// <summary>The arguments that go to the constructor: all but the named properties.</summary>
    public static IEnumerable<AttributeArgumentSyntax> ConstructorArguments(AttributeSyntax attribute) =>
        attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is null) ?? [];

    /// <summary>The constant an argument holds, as an int (enums and counts), or null.</summary>
    public static int? IntValue(AttributeArgumentSyntax? argument, SemanticModel model, CancellationToken cancellationToken) =>
        argument is not null && model.GetConstantValue(argument.Expression, cancellationToken).Value is int value ? value : null;

    /// <summary>The activation a <c>[Dense]</c> declares (Identity when it gives none), or null when it is not a constant.</summary>
    public static Activation? ActivationOf(AttributeSyntax dense, SemanticModel model, CancellationToken cancellationToken)
    {
        var argument = Positional(dense, 1, "activation");
        return argument is null ? Activation.Identity : (Activation?)IntValue(argument, model, cancellationToken);
    }

    /// <summary>The loss a <c>[Network]</c> declares (MeanSquaredError when it gives none), or null when it is not a constant.</summary>
    public static LossFunction? LossOf(AttributeSyntax network, SemanticModel model, CancellationToken cancellationToken)
    {
        var argument = Named(network, "Loss");
        return argument is null ? LossFunction.MeanSquaredError : (LossFunction?)IntValue(argument, model, cancellationToken);
    }
}
