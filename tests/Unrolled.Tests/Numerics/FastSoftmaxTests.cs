using Unrolled.Numerics;

namespace Unrolled.Tests.Numerics;

/// <summary>
/// FastMath.Softmax against a double-precision softmax for every length through several vectors (so that each
/// overlapping last vector is met), in place, and at the edges: huge logits, NaN, +Inf, empty and mismatched spans.
/// CI runs it again with AVX-512, AVX and all intrinsics off, which takes the 256-bit, 128-bit and scalar branches.
/// </summary>
[Trait("Category", "SimdPaths")]
public sealed class FastSoftmaxTests
{
    [Fact]
    public void Every_length_matches_a_double_precision_softmax()
    {
        var random = new SeededRandom(21);
        for (int length = 1; length <= 40; length++)
        {
            for (int trial = 0; trial < 20; trial++)
            {
                float[] z = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble(-20, 20)).ToArray();
                float[] a = new float[length];
                FastMath.Softmax(z, a);

                double[] expected = ExactSoftmax(z);
                for (int j = 0; j < length; j++)
                {
                    // A few ulp of e^x, the roundings of the sum and of the division.
                    double tolerance = (1e-6 * expected[j]) + 1e-30;
                    Assert.True(
                        Math.Abs(a[j] - expected[j]) <= tolerance,
                        $"length {length}, element {j}: {a[j]:R} against {expected[j]:R}");
                }

                Assert.Equal(1.0, a.Sum(p => (double)p), 1e-6);
            }
        }
    }

    [Fact]
    public void In_place_gives_the_same_bits_as_a_separate_destination()
    {
        var random = new SeededRandom(22);
        for (int length = 1; length <= 40; length++)
        {
            float[] z = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble(-5, 5)).ToArray();
            float[] separate = new float[length];
            FastMath.Softmax(z, separate);

            float[] inPlace = (float[])z.Clone();
            FastMath.Softmax(inPlace, inPlace);
            Assert.Equal(separate, inPlace);
        }
    }

    [Fact]
    public void Logits_far_beyond_the_range_of_exp_do_not_overflow()
    {
        float[] a = new float[11];
        float[] z = Enumerable.Repeat(1000f, 11).ToArray();
        FastMath.Softmax(z, a);
        Assert.All(a, p => Assert.Equal(1.0, p * 11.0, 1e-6));

        z[7] = 2000f;
        FastMath.Softmax(z, a);
        Assert.Equal(1f, a[7]);
        Assert.Equal(0f, a.Where((_, j) => j != 7).Sum());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(17)]
    public void Nan_or_infinity_anywhere_gives_nan_everywhere(int length)
    {
        for (int where = 0; where < length; where++)
        {
            foreach (float bad in new[] { float.NaN, float.PositiveInfinity })
            {
                float[] z = new float[length];
                z[where] = bad;
                float[] a = new float[length];
                FastMath.Softmax(z, a);
                Assert.All(a, p => Assert.True(float.IsNaN(p), $"{bad} at {where} of {length}: got {p}"));
            }
        }
    }

    [Fact]
    public void Empty_or_mismatched_spans_are_rejected()
    {
        ArgumentException empty = Assert.Throws<ArgumentException>(() => FastMath.Softmax([], []));
        Assert.Equal("z", empty.ParamName);

        ArgumentException mismatched = Assert.Throws<ArgumentException>(() => FastMath.Softmax(new float[9], new float[8]));
        Assert.Equal("destination", mismatched.ParamName);
    }

    /// <summary>Softmax in double, after the same float subtraction of the largest logit (which rounds).</summary>
    private static double[] ExactSoftmax(float[] z)
    {
        float max = z.Max();
        double[] e = z.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }
}
