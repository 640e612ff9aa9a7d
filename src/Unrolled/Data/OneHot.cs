using System.Numerics;

namespace Unrolled;

/// <summary>One-hot encoding of class labels, and its inverse (the class of the largest output).</summary>
public static class OneHot
{
    /// <summary>Encodes <paramref name="labels"/> as rows of <paramref name="classCount"/> values, 1 at the label and 0 elsewhere.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is not positive, or a label is outside [0, classCount).</exception>
    public static T[] Encode<T>(ReadOnlySpan<int> labels, int classCount)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        var targets = new T[labels.Length * classCount];
        Encode<T>(labels, classCount, targets);
        return targets;
    }

    /// <summary>Writes the one-hot rows of <paramref name="labels"/> into <paramref name="destination"/> (labels x classCount values).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is not positive, or a label is outside [0, classCount).</exception>
    public static void Encode<T>(ReadOnlySpan<int> labels, int classCount, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        SpanGuard.Length(destination, labels.Length * classCount, nameof(destination));
        destination.Clear();
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(labels), labels[i], $"Label {i} is {labels[i]}, outside [0, {classCount}).");
            }

            destination[i * classCount + labels[i]] = T.One;
        }
    }

    /// <summary>The index of the largest value (the first one on ties): the class a softmax output predicts.</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static int ArgMax<T>(ReadOnlySpan<T> values)
        where T : IFloatingPointIeee754<T>
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("Expected at least one value.", nameof(values));
        }

        int best = 0;
        for (int k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }

        return best;
    }
}
