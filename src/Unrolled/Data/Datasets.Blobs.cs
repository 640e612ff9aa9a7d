using System.Numerics;

namespace Unrolled;

public static partial class Datasets
{
    /// <summary>The centers of <see cref="Blobs{T}(int, int, bool)"/>'s three default blobs, one row per class.</summary>
    private static readonly double[,] DefaultCenters = { { -2.0, -1.0 }, { 2.0, -1.0 }, { 0.0, 2.0 } };

    /// <summary>The standard deviation of the default blobs.</summary>
    private const double DefaultBlobDeviation = 0.6;

    /// <summary>
    /// Three noisy Gaussian blobs in the plane, one class each: centers (-2, -1), (2, -1) and (0, 2), standard deviation
    /// 0.6 in each coordinate.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 3 samples.</exception>
    public static Dataset<T> Blobs<T>(int samples = 300, int seed = 0, bool shuffle = true)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Blobs<T>(samples, DefaultCenters, DefaultBlobDeviation, seed, shuffle);

    /// <summary>
    /// Gaussian blobs, as scikit-learn's <c>make_blobs</c> with given centers: one class per row of
    /// <paramref name="centers"/> (its columns are the features), each sample its class's center plus independent
    /// Gaussian noise of standard deviation <paramref name="standardDeviation"/> in every coordinate.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="centers"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// Fewer than 2 centers or no column, fewer samples than centers, a center not finite, or a negative deviation.
    /// </exception>
    public static Dataset<T> Blobs<T>(int samples, double[,] centers, double standardDeviation, int seed = 0, bool shuffle = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(centers);
        int classes = centers.GetLength(0), inputs = centers.GetLength(1);
        if (classes < 2 || inputs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(centers), "Expected at least 2 centers (rows) of at least 1 coordinate (columns).");
        }

        foreach (double value in centers)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(centers), value, "Every center coordinate must be finite.");
            }
        }

        if (!(standardDeviation >= 0) || !double.IsFinite(standardDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The deviation must be finite and not negative.");
        }

        CheckSamples(samples, classes);
        var random = new SeededRandom(seed);
        var points = new double[samples * inputs];
        var labels = new int[samples];
        int i = 0;
        for (int c = 0; c < classes; c++)
        {
            int n = PerClass(samples, classes, c);
            for (int k = 0; k < n; k++, i++)
            {
                for (int d = 0; d < inputs; d++)
                {
                    points[i * inputs + d] = centers[c, d] + standardDeviation * random.NextGaussian();
                }

                labels[i] = c;
            }
        }

        return Build<T>(points, inputs, labels, classes, random, shuffle);
    }
}
