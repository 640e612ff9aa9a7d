namespace Unrolled.Tests.Training;

public class GradientClippingTests
{
    [Fact]
    public void Clips_to_the_limit_as_clip_grad_norm_does()
    {
        double[] g = [3, 4, 0];
        double norm = GradientClipping.ClipByGlobalNorm<double>(g, 1.0);
        Assert.Equal(5.0, norm);

        // torch.nn.utils.clip_grad_norm_ scales by max_norm / (total_norm + 1e-6): [0.599999880000024, 0.799999840000032].
        Assert.Equal(3 * (1.0 / (5 + 1e-6)), g[0], 15);
        Assert.Equal(0.599999880000024, g[0], 15);
        Assert.Equal(0.799999840000032, g[1], 15);
        Assert.Equal(0.0, g[2]);
        Assert.Equal(1.0, Math.Sqrt(g[0] * g[0] + g[1] * g[1]), 5);
    }

    [Fact]
    public void Clips_in_float()
    {
        float[] g = [-6, 8];
        float norm = GradientClipping.ClipByGlobalNorm(g.AsSpan(), 2f);
        Assert.Equal(10f, norm);
        Assert.Equal(-1.2f, g[0], 5);
        Assert.Equal(1.6f, g[1], 5);
    }

    [Fact]
    public void Leaves_gradients_within_the_limit_unchanged()
    {
        double[] g = [0.3, -0.4];
        double norm = GradientClipping.ClipByGlobalNorm<double>(g, 1.0);
        Assert.Equal(0.5, norm, 15);
        Assert.Equal([0.3, -0.4], g);

        Assert.Equal(0.0, GradientClipping.ClipByGlobalNorm(Span<double>.Empty, 1.0));
        double[] large = [1e10, 1e10];
        GradientClipping.ClipByGlobalNorm<double>(large, double.PositiveInfinity);
        Assert.Equal([1e10, 1e10], large);
    }

    [Fact]
    public void The_norm_is_global_over_many_elements()
    {
        var g = Enumerable.Range(0, 1000).Select(i => Math.Sin(i)).ToArray();
        double expected = Math.Sqrt(g.Sum(x => x * x));
        double[] original = (double[])g.Clone();
        double norm = GradientClipping.ClipByGlobalNorm<double>(g, 0.5);
        Assert.Equal(expected, norm, 10);
        double scale = 0.5 / (expected + 1e-6);
        for (int i = 0; i < g.Length; i++)
        {
            Assert.Equal(original[i] * scale, g[i], 14);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Rejects_a_limit_that_is_not_positive(double maxNorm)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm<double>(new double[2], maxNorm));
        Assert.Equal("maxNorm", error.ParamName);
    }
}
