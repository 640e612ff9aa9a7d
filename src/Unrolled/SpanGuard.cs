using System.Diagnostics.CodeAnalysis;

namespace Unrolled;

/// <summary>The argument checks at the entry of every network method; generated code calls them too.</summary>
public static class SpanGuard
{
    /// <summary>Throws unless <paramref name="span"/> holds exactly <paramref name="expected"/> elements.</summary>
    /// <exception cref="ArgumentException">The length differs; the message names the argument and both lengths.</exception>
    public static void Length<T>(ReadOnlySpan<T> span, int expected, string argument)
    {
        if (span.Length != expected)
        {
            ThrowLength(span.Length, expected, argument);
        }
    }

    /// <summary>Throws unless <paramref name="span"/> holds exactly <paramref name="expected"/> elements.</summary>
    /// <exception cref="ArgumentException">The length differs; the message names the argument and both lengths.</exception>
    public static void Length<T>(Span<T> span, int expected, string argument)
    {
        if (span.Length != expected)
        {
            ThrowLength(span.Length, expected, argument);
        }
    }

    [DoesNotReturn]
    private static void ThrowLength(int actual, int expected, string argument) =>
        throw new ArgumentException($"Expected {argument} of length {expected}, but it has {actual}.", argument);
}
