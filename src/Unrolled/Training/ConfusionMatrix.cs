using System.Text;

namespace Unrolled;

/// <summary>Counts of samples by actual class (rows) and predicted class (columns).</summary>
public sealed class ConfusionMatrix
{
    private readonly int[] _counts;

    /// <summary>Creates an empty matrix for <paramref name="classCount"/> classes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 2.</exception>
    public ConfusionMatrix(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        ClassCount = classCount;
        _counts = new int[classCount * classCount];
    }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>The number of samples of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)actual, (uint)ClassCount, nameof(actual));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)predicted, (uint)ClassCount, nameof(predicted));
            return _counts[actual * ClassCount + predicted];
        }
    }

    /// <summary>The number of samples counted.</summary>
    public int Total { get; private set; }

    /// <summary>The number of samples predicted correctly (the diagonal).</summary>
    public int Correct { get; private set; }

    /// <summary>Correct / Total, or 0 when empty.</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    /// <summary>Counts one sample.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A class is outside [0, <see cref="ClassCount"/>).</exception>
    public void Add(int actual, int predicted)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)actual, (uint)ClassCount, nameof(actual));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)predicted, (uint)ClassCount, nameof(predicted));
        _counts[actual * ClassCount + predicted]++;
        Total++;
        if (actual == predicted)
        {
            Correct++;
        }
    }

    /// <summary>A table: one line per actual class, counts per predicted class.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("actual \\ predicted");
        for (int p = 0; p < ClassCount; p++)
        {
            text.Append('\t').Append(p);
        }

        for (int a = 0; a < ClassCount; a++)
        {
            text.AppendLine().Append(a);
            for (int p = 0; p < ClassCount; p++)
            {
                text.Append('\t').Append(_counts[a * ClassCount + p]);
            }
        }

        return text.ToString();
    }
}
