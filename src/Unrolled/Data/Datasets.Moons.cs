using System.Numerics;

namespace Unrolled;

public static partial class Datasets
{
    /// <summary>
    /// Two interleaving half circles, as scikit-learn's <c>make_moons</c>: class 0 at (cos t, sin t) and class 1 at
    /// (1 - cos t, 0.5 - sin t) for t evenly spaced over [0, pi] (both ends included), then Gaussian noise of standard
    /// deviation <paramref name="noise"/> added to both coordinates.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 samples or negative noise.</exception>
    public static Dataset<T> Moons<T>(int samples = 100, double noise = 0.0, int seed = 0, bool shuffle = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSamples(samples, 2);
        CheckNoise(noise);
        var random = new SeededRandom(seed);
        var points = new double[samples * 2];
        var labels = new int[samples];
        int i = 0;
        for (int c = 0; c < 2; c++)
        {
            int n = PerClass(samples, 2, c);
            for (int k = 0; k < n; k++, i++)
            {
                double t = n == 1 ? 0.0 : Math.PI * k / (n - 1);
                double x = c == 0 ? Math.Cos(t) : 1 - Math.Cos(t);
                double y = c == 0 ? Math.Sin(t) : 0.5 - Math.Sin(t);
                points[2 * i] = x + noise * random.NextGaussian();
                points[2 * i + 1] = y + noise * random.NextGaussian();
                labels[i] = c;
            }
        }

        return Build<T>(points, 2, labels, 2, random, shuffle);
    }
}
