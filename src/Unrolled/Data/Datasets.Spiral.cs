using System.Numerics;

namespace Unrolled;

public static partial class Datasets
{
    /// <summary>
    /// The CS231n spiral: <paramref name="arms"/> classes, arm j with radii r evenly spaced over [0, 1] and angles
    /// t evenly spaced over [4j, 4(j + 1)] plus Gaussian noise of standard deviation <paramref name="noise"/>, at
    /// (r sin t, r cos t). Not linearly separable: a classic test that a hidden layer learns.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 arms, fewer samples than arms, or negative noise.</exception>
    public static Dataset<T> Spiral<T>(int samples = 300, int arms = 3, double noise = 0.2, int seed = 0, bool shuffle = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(arms, 2);
        CheckSamples(samples, arms);
        CheckNoise(noise);
        var random = new SeededRandom(seed);
        var points = new double[samples * 2];
        var labels = new int[samples];
        int i = 0;
        for (int c = 0; c < arms; c++)
        {
            int n = PerClass(samples, arms, c);
            for (int k = 0; k < n; k++, i++)
            {
                double fraction = n == 1 ? 0.0 : (double)k / (n - 1);
                double radius = fraction;
                double angle = 4.0 * (c + fraction) + noise * random.NextGaussian();
                points[2 * i] = radius * Math.Sin(angle);
                points[2 * i + 1] = radius * Math.Cos(angle);
                labels[i] = c;
            }
        }

        return Build<T>(points, 2, labels, arms, random, shuffle);
    }
}
