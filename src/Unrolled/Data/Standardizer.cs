using System.Numerics;

namespace Unrolled;

/// <summary>
/// Scales each feature to zero mean and unit variance: x' = (x - mean) / std, with the mean and the (population)
/// standard deviation fitted on training data only, then applied to any set (as scikit-learn's <c>StandardScaler</c>).
/// A column with zero variance is only centered. Statistics are computed in double.
/// </summary>
public sealed class Standardizer
{
    private readonly double[] _mean;
    private readonly double[] _scale;

    private Standardizer(double[] mean, double[] scale)
    {
        _mean = mean;
        _scale = scale;
    }

    /// <summary>The number of features.</summary>
    public int FeatureCount => _mean.Length;

    /// <summary>The mean of each feature on the data it was fitted on.</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>What each feature is divided by: its standard deviation, or 1 when that is zero.</summary>
    public ReadOnlySpan<double> Scale => _scale;

    /// <summary>Fits the means and deviations of <paramref name="training"/>'s features.</summary>
    /// <exception cref="ArgumentException">The set is empty.</exception>
    public static Standardizer Fit<T>(Dataset<T> training)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(training);
        return Fit(training.Features, training.InputCount);
    }

    /// <summary>Fits the means and deviations of row-major <paramref name="features"/> with <paramref name="columns"/> columns.</summary>
    /// <exception cref="ArgumentException">There are no rows, or the length is not a whole number of rows.</exception>
    public static Standardizer Fit<T>(ReadOnlySpan<T> features, int columns)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (features.IsEmpty || features.Length % columns != 0)
        {
            throw new ArgumentException($"Expected at least one whole row of {columns} features, but there are {features.Length} values.", nameof(features));
        }

        int rows = features.Length / columns;
        var mean = new double[columns];
        var scale = new double[columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                mean[c] += double.CreateTruncating(features[r * columns + c]);
            }
        }

        for (int c = 0; c < columns; c++)
        {
            mean[c] /= rows;
        }

        // Two passes: the sum of squared deviations from the mean, not E[x^2] - mean^2, which cancels badly.
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                double d = double.CreateTruncating(features[r * columns + c]) - mean[c];
                scale[c] += d * d;
            }
        }

        for (int c = 0; c < columns; c++)
        {
            double std = Math.Sqrt(scale[c] / rows);
            scale[c] = std > 0 ? std : 1.0;
        }

        return new Standardizer(mean, scale);
    }

    /// <summary>A new set with <paramref name="data"/>'s features standardized, and the same targets and labels.</summary>
    /// <exception cref="ArgumentException">The set's feature count differs from the fitted one.</exception>
    public Dataset<T> Transform<T>(Dataset<T> data)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckColumns(data.InputCount);
        var features = new T[data.Features.Length];
        Transform(data.Features, features);
        return data.WithFeatures(features, data.InputCount);
    }

    /// <summary>Standardizes row-major <paramref name="features"/> (one or more whole rows) into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The lengths differ or are not whole rows.</exception>
    public void Transform<T>(ReadOnlySpan<T> features, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        if (features.Length % FeatureCount != 0)
        {
            throw new ArgumentException($"Expected whole rows of {FeatureCount} features, but there are {features.Length} values.", nameof(features));
        }

        SpanGuard.Length(destination, features.Length, nameof(destination));
        for (int k = 0; k < features.Length; k++)
        {
            int c = k % FeatureCount;
            destination[k] = T.CreateTruncating((double.CreateTruncating(features[k]) - _mean[c]) / _scale[c]);
        }
    }

    private void CheckColumns(int columns)
    {
        if (columns != FeatureCount)
        {
            throw new ArgumentException($"The standardizer was fitted on {FeatureCount} features, but the data has {columns}.", nameof(columns));
        }
    }
}
