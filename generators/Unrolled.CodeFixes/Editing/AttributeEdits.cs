using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Unrolled.CodeFixes.Editing;

/// <summary>Rewrites the arguments of an attribute, keeping the user's trivia where it stays.</summary>
internal static class AttributeEdits
{
    /// <summary>The attribute without its named argument <paramref name="namedProperty"/> (and that argument's separator).</summary>
    public static AttributeSyntax Without(AttributeSyntax attribute, string? namedProperty)
    {
        if (attribute.ArgumentList is not { } list
            || list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == namedProperty) is not { } argument)
        {
            return attribute;
        }

        var remaining = list.Arguments.Remove(argument);
        return remaining.Count == 0
            ? attribute.WithArgumentList(null)
            : attribute.WithArgumentList(list.WithArguments(remaining));
    }

    /// <summary>The <c>[Dense]</c> with its activation argument set to <paramref name="activation"/>, given or added.</summary>
    public static AttributeSyntax WithActivation(AttributeSyntax dense, Activation activation, Compilation compilation)
    {
        var value = EnumMember(compilation, "Unrolled.Activation", activation.ToString());
        var list = dense.ArgumentList ?? AttributeArgumentList();
        var current = list.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "activation")
            ?? list.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).Skip(1).FirstOrDefault();
        if (current is not null)
        {
            return dense.ReplaceNode(current.Expression, value.WithTriviaFrom(current.Expression));
        }

        // No activation given: it goes after the units, named if the units are.
        var constructorArguments = list.Arguments.Where(a => a.NameEquals is null).ToList();
        var added = AttributeArgument(value);
        if (constructorArguments.Any(a => a.NameColon is not null))
        {
            added = added.WithNameColon(NameColon("activation"));
        }

        var arguments = list.Arguments.Insert(constructorArguments.Count, added);
        return dense.WithArgumentList(list.WithArguments(arguments)).WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>The attribute with the named property set to an enum member, given or added at the end.</summary>
    public static AttributeSyntax WithNamedEnum(AttributeSyntax attribute, string property, string enumType, string member, Compilation compilation)
    {
        var value = EnumMember(compilation, enumType, member);
        var list = attribute.ArgumentList ?? AttributeArgumentList();
        if (list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property) is { } current)
        {
            return attribute.ReplaceNode(current.Expression, value.WithTriviaFrom(current.Expression));
        }

        var added = AttributeArgument(NameEquals(property), null, value);
        return attribute.WithArgumentList(list.AddArguments(added)).WithAdditionalAnnotations(Formatter.Annotation);
    }

    // Written fully qualified and simplified when the action is applied: `Activation.Softmax` under `using Unrolled;`.
    private static ExpressionSyntax EnumMember(Compilation compilation, string enumType, string member)
    {
        string type = compilation.GetTypeByMetadataName(enumType) is null ? enumType : "global::" + enumType;
        return ParseExpression(type + "." + member).WithAdditionalAnnotations(Simplifier.Annotation);
    }
}
