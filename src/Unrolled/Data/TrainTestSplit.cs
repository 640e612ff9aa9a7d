using System.Numerics;

namespace Unrolled;

/// <summary>Splits a dataset into training and test parts after a seeded shuffle (not stratified).</summary>
public static class TrainTestSplit
{
    /// <summary>
    /// Shuffles the rows of <paramref name="data"/> with <see cref="SeededRandom"/>(<paramref name="seed"/>) and puts the
    /// first ceiling(<paramref name="testFraction"/> x N) into the test part (as scikit-learn's <c>train_test_split</c>)
    /// and the rest, in shuffled order, into the training part.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is not in (0, 1), or a part would be empty.</exception>
    public static (Dataset<T> Train, Dataset<T> Test) Split<T>(Dataset<T> data, double testFraction, int seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Split(data, testFraction, new SeededRandom(seed), nameof(testFraction));

    /// <summary>The split drawing from an existing stream (the trainer's validation split).</summary>
    internal static (Dataset<T> Train, Dataset<T> Test) Split<T>(Dataset<T> data, double testFraction, SeededRandom random, string argument)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(argument, testFraction, "The fraction must be in (0, 1).");
        }

        int testCount = (int)Math.Ceiling(testFraction * data.Count);
        if (testCount < 1 || testCount >= data.Count)
        {
            throw new ArgumentOutOfRangeException(
                argument, testFraction, $"A fraction of {testFraction} of {data.Count} samples leaves one part empty.");
        }

        var order = new int[data.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        random.Shuffle<int>(order);
        return (data.Subset(order.AsSpan(testCount)), data.Subset(order.AsSpan(0, testCount)));
    }
}
