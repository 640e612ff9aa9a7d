using System.Numerics;

namespace Unrolled;

public static partial class Datasets
{
    /// <summary>
    /// The XOR problem. By default, points around the four corners (+-1, +-1), split evenly between them, with Gaussian
    /// noise of standard deviation <paramref name="noise"/>; with <paramref name="uniform"/>, points drawn uniformly from
    /// [-1, 1]^2 (noise unused). Either way the class is 1 when the signs of x and y differ (x y &lt; 0) and 0 otherwise,
    /// taking the corner's signs for noisy corner points. <c>Xor(4, noise: 0, shuffle: false)</c> is the four-point table.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 4 samples (1 when uniform) or negative noise.</exception>
    public static Dataset<T> Xor<T>(int samples = 200, double noise = 0.1, bool uniform = false, int seed = 0, bool shuffle = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSamples(samples, uniform ? 1 : 4);
        CheckNoise(noise);
        var random = new SeededRandom(seed);
        var points = new double[samples * 2];
        var labels = new int[samples];
        if (uniform)
        {
            for (int i = 0; i < samples; i++)
            {
                double x = random.NextDouble(-1, 1), y = random.NextDouble(-1, 1);
                points[2 * i] = x;
                points[2 * i + 1] = y;
                labels[i] = x * y < 0 ? 1 : 0;
            }
        }
        else
        {
            // Corners in the order (-1, -1), (-1, 1), (1, -1), (1, 1): classes 0, 1, 1, 0.
            int i = 0;
            for (int corner = 0; corner < 4; corner++)
            {
                double cx = corner < 2 ? -1 : 1, cy = corner % 2 == 0 ? -1 : 1;
                int n = PerClass(samples, 4, corner);
                for (int k = 0; k < n; k++, i++)
                {
                    points[2 * i] = cx + noise * random.NextGaussian();
                    points[2 * i + 1] = cy + noise * random.NextGaussian();
                    labels[i] = cx * cy < 0 ? 1 : 0;
                }
            }
        }

        return Build<T>(points, 2, labels, 2, random, shuffle);
    }
}
