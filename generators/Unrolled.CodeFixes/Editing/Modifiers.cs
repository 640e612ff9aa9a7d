using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Unrolled.CodeFixes.Editing;

/// <summary>Adds and removes type modifiers without disturbing the attributes and comments around them.</summary>
internal static class Modifiers
{
    public static bool IsPartial(TypeDeclarationSyntax type) => type.Modifiers.Any(SyntaxKind.PartialKeyword);

    /// <summary>The type with 'partial' last among its modifiers, where C# requires it (before 'class').</summary>
    public static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
    {
        if (IsPartial(type))
        {
            return type;
        }

        if (type.Modifiers.Count > 0)
        {
            return type.AddModifiers(Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(Space));
        }

        // The keyword's leading trivia (the indentation after the attributes) moves to the new first token.
        var partial = Token(type.Keyword.LeadingTrivia, SyntaxKind.PartialKeyword, TriviaList(Space));
        return type.WithKeyword(type.Keyword.WithLeadingTrivia()).WithModifiers(TokenList(partial));
    }

    /// <summary>The type without the modifier of <paramref name="kind"/>; its leading trivia passes to what follows.</summary>
    public static TypeDeclarationSyntax Remove(TypeDeclarationSyntax type, SyntaxKind kind)
    {
        int index = type.Modifiers.IndexOf(kind);
        if (index < 0)
        {
            return type;
        }

        var removed = type.Modifiers[index];
        var modifiers = type.Modifiers.RemoveAt(index);
        if (index < modifiers.Count)
        {
            modifiers = modifiers.Replace(modifiers[index], modifiers[index].WithLeadingTrivia(removed.LeadingTrivia));
            return type.WithModifiers(modifiers);
        }

        return index == 0
            ? type.WithModifiers(modifiers).WithKeyword(type.Keyword.WithLeadingTrivia(removed.LeadingTrivia))
            : type.WithModifiers(modifiers);
    }
}
