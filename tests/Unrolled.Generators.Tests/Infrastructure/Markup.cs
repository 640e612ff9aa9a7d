using Microsoft.CodeAnalysis.Text;

namespace Unrolled.Generators.Tests.Infrastructure;

/// <summary>Source with the span a diagnostic is expected on marked as <c>[|...|]</c>.</summary>
public static class Markup
{
    public static (string Source, TextSpan Span) Parse(string markup)
    {
        int start = markup.IndexOf("[|", StringComparison.Ordinal);
        int end = markup.IndexOf("|]", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new ArgumentException("The markup has no [|...|] span.", nameof(markup));
        }

        string source = markup.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}
