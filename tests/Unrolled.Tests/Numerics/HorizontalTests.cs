using System.Runtime.Intrinsics;
using Unrolled.Numerics;

namespace Unrolled.Tests.Numerics;

public sealed class HorizontalTests
{
    [Fact]
    public void Float_sums_add_every_lane_once()
    {
        // Powers of two: every partial sum is exact, so any lane dropped or counted twice changes the result.
        float[] x = Enumerable.Range(0, 16).Select(k => MathF.ScaleB(1f, k)).ToArray();
        Assert.Equal(15f, Horizontal.Sum(Vector128.Create(x.AsSpan(0, 4))));
        Assert.Equal(255f, Horizontal.Sum(Vector256.Create(x.AsSpan(0, 8))));
        Assert.Equal(65535f, Horizontal.Sum(Vector512.Create(x.AsSpan(0, 16))));
    }

    [Fact]
    public void Double_sums_add_every_lane_once()
    {
        double[] x = Enumerable.Range(0, 8).Select(k => Math.ScaleB(1.0, k)).ToArray();
        Assert.Equal(3.0, Horizontal.Sum(Vector128.Create(x.AsSpan(0, 2))));
        Assert.Equal(15.0, Horizontal.Sum(Vector256.Create(x.AsSpan(0, 4))));
        Assert.Equal(255.0, Horizontal.Sum(Vector512.Create(x.AsSpan(0, 8))));
    }

    [Fact]
    public void Random_sums_match_a_double_precision_sum()
    {
        var random = new SeededRandom(5);
        for (int trial = 0; trial < 1000; trial++)
        {
            float[] x = Enumerable.Range(0, 16).Select(_ => (float)random.NextDouble(-10, 10)).ToArray();
            double exact = x.Sum(v => (double)v);
            Assert.Equal(exact, Horizontal.Sum(Vector512.Create(x)), 1e-4);
            Assert.Equal(x.Take(8).Sum(v => (double)v), Horizontal.Sum(Vector256.Create(x.AsSpan(0, 8))), 1e-4);
            Assert.True(float.IsNaN(Horizontal.Sum(Vector512.Create(x).WithElement(trial % 16, float.NaN))));
        }
    }

    [Fact]
    public void Float_maxima_find_the_largest_lane_wherever_it_is()
    {
        for (int where = 0; where < 16; where++)
        {
            float[] x = Enumerable.Range(0, 16).Select(k => -k - 1f).ToArray();
            x[where] = 3f;
            Assert.Equal(3f, Horizontal.Max(Vector512.Create(x)));
            Assert.Equal(where < 8 ? 3f : -1f, Horizontal.Max(Vector256.Create(x.AsSpan(0, 8))));
            Assert.Equal(where < 4 ? 3f : -1f, Horizontal.Max(Vector128.Create(x.AsSpan(0, 4))));
            Assert.True(float.IsNaN(Horizontal.Max(Vector512.Create(x).WithElement(15 - where, float.NaN))));
        }
    }
}
