using System.Numerics;

namespace Unrolled;

/// <summary>
/// Toy datasets for two-dimensional classification, reproducible by seed with <see cref="SeededRandom"/>: the same
/// arguments give the same data on every machine. Each returns one-hot targets and labels.
/// </summary>
/// <remarks>
/// Samples are split evenly between the classes (the first classes get one more when the count does not divide), and
/// shuffled by default; with <c>shuffle: false</c> they come class after class.
/// </remarks>
public static partial class Datasets
{
    /// <summary>Counts of samples per class for an even split of <paramref name="samples"/> into <paramref name="classes"/>.</summary>
    private static int PerClass(int samples, int classes, int c) => samples / classes + (c < samples % classes ? 1 : 0);

    private static void CheckSamples(int samples, int minimum)
    {
        if (samples < minimum)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), samples, $"Expected at least {minimum} samples.");
        }
    }

    private static void CheckNoise(double noise)
    {
        if (!(noise >= 0) || !double.IsFinite(noise))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "The noise must be finite and not negative.");
        }
    }

    /// <summary>Builds the set from points and labels made in class order, shuffling rows with <paramref name="random"/>.</summary>
    private static Dataset<T> Build<T>(double[] points, int inputs, int[] labels, int classes, SeededRandom random, bool shuffle)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = labels.Length;
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        if (shuffle)
        {
            random.Shuffle<int>(order);
        }

        var features = new T[count * inputs];
        var shuffledLabels = new int[count];
        for (int k = 0; k < count; k++)
        {
            int i = order[k];
            for (int d = 0; d < inputs; d++)
            {
                features[k * inputs + d] = T.CreateTruncating(points[i * inputs + d]);
            }

            shuffledLabels[k] = labels[i];
        }

        return new Dataset<T>(features, inputs, OneHot.Encode<T>(shuffledLabels, classes), classes, shuffledLabels);
    }
}
