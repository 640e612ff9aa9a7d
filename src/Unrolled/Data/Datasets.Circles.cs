using System.Numerics;

namespace Unrolled;

public static partial class Datasets
{
    /// <summary>
    /// Two concentric circles, as scikit-learn's <c>make_circles</c>: class 0 on the outer circle of radius 1, class 1 on
    /// the inner circle of radius <paramref name="factor"/>, each at evenly spaced angles from 0 (end excluded), then
    /// Gaussian noise of standard deviation <paramref name="noise"/> added to both coordinates.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 samples, negative noise, or a factor outside (0, 1).</exception>
    public static Dataset<T> Circles<T>(int samples = 100, double noise = 0.0, double factor = 0.8, int seed = 0, bool shuffle = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSamples(samples, 2);
        CheckNoise(noise);
        if (!(factor > 0 && factor < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The inner circle's radius must be in (0, 1).");
        }

        var random = new SeededRandom(seed);
        var points = new double[samples * 2];
        var labels = new int[samples];
        int i = 0;
        for (int c = 0; c < 2; c++)
        {
            int n = PerClass(samples, 2, c);
            double radius = c == 0 ? 1.0 : factor;
            for (int k = 0; k < n; k++, i++)
            {
                double angle = 2 * Math.PI * k / n;
                points[2 * i] = radius * Math.Cos(angle) + noise * random.NextGaussian();
                points[2 * i + 1] = radius * Math.Sin(angle) + noise * random.NextGaussian();
                labels[i] = c;
            }
        }

        return Build<T>(points, 2, labels, 2, random, shuffle);
    }
}
