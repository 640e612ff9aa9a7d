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

    /// <summary>
    /// The number of samples in a batch: <paramref name="inputLength"/> must be a multiple of
    /// <paramref name="inputCount"/> (row-major <c>[N, inputCount]</c>), and <paramref name="otherLength"/> exactly
    /// N times <paramref name="otherCount"/>. One sample is the batch of one.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths do not describe the same number of whole samples.</exception>
    public static int Samples(int inputLength, int inputCount, string inputName, int otherLength, int otherCount, string otherName)
    {
        if (inputLength % inputCount != 0)
        {
            throw new ArgumentException(
                $"Expected {inputName} of length {inputCount} (or a multiple of it, one row per sample), but it has {inputLength}.", inputName);
        }

        int samples = inputLength / inputCount;
        if (otherLength != samples * otherCount)
        {
            throw new ArgumentException(
                $"Expected {otherName} of length {samples * otherCount} ({samples} sample(s) of {otherCount}), but it has {otherLength}.", otherName);
        }

        return samples;
    }

    [DoesNotReturn]
    private static void ThrowLength(int actual, int expected, string argument) =>
        throw new ArgumentException($"Expected {argument} of length {expected}, but it has {actual}.", argument);
}
