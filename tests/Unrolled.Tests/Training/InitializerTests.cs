namespace Unrolled.Tests.Training;

public class InitializerTests
{
    private static NetworkSpec Mixed => new(10, [new LayerSpec(40, Activation.Relu), new LayerSpec(5, Activation.Sigmoid)]);

    private static NetworkSpec Square(Activation activation) => new(256, [new LayerSpec(256, activation)]);

    private static double[] Init(NetworkSpec spec, int seed, InitScheme scheme = InitScheme.Default)
    {
        var p = new double[spec.ParameterCount];
        Initializer.Initialize<double>(spec, p, seed, scheme);
        return p;
    }

    private static double[] Weights(NetworkSpec spec, double[] p, int layer) =>
        p.AsSpan(spec.WeightOffset(layer), spec.FanIn(layer) * spec.Layers[layer].Units).ToArray();

    private static double[] Bias(NetworkSpec spec, double[] p, int layer) =>
        p.AsSpan(spec.BiasOffset(layer), spec.Layers[layer].Units).ToArray();

    [Theory]
    [InlineData(InitScheme.Default)]
    [InlineData(InitScheme.GlorotUniform)]
    [InlineData(InitScheme.GlorotNormal)]
    [InlineData(InitScheme.HeUniform)]
    [InlineData(InitScheme.HeNormal)]
    [InlineData(InitScheme.TorchLinear)]
    public void Same_seed_gives_same_values_and_another_seed_other_values(InitScheme scheme)
    {
        Assert.Equal(Init(Mixed, 42, scheme), Init(Mixed, 42, scheme));
        double[] a = Init(Mixed, 42, scheme), b = Init(Mixed, 43, scheme);
        int differing = Weights(Mixed, a, 0).Zip(Weights(Mixed, b, 0)).Count(pair => pair.First != pair.Second);
        Assert.Equal(Mixed.FanIn(0) * 40, differing);
    }

    [Fact]
    public void Float_and_double_draw_the_same_values_and_networks_use_the_default_scheme()
    {
        var floats = new float[Mixed.ParameterCount];
        Initializer.Initialize<float>(Mixed, floats, 9);
        double[] doubles = Init(Mixed, 9);
        Assert.Equal(doubles.Select(x => (float)x), floats);

        var network = new ReferenceNetwork<double>(Mixed, seed: 9);
        Assert.Equal(doubles, network.Parameters.ToArray());
        network.Initialize(10);
        Assert.Equal(Init(Mixed, 10), network.Parameters.ToArray());
    }

    [Fact]
    public void Default_scheme_is_He_for_relu_and_Glorot_for_sigmoid_with_zero_biases()
    {
        double[] p = Init(Mixed, 1);
        double he = Math.Sqrt(6.0 / 10);             // layer 1: 10 -> 40 Relu
        double glorot = Math.Sqrt(6.0 / (40 + 5));   // layer 2: 40 -> 5 Sigmoid
        double[] w1 = Weights(Mixed, p, 0), w2 = Weights(Mixed, p, 1);
        Assert.All(w1, w => Assert.True(Math.Abs(w) <= he));
        Assert.True(w1.Max(Math.Abs) > 0.95 * he, "He bound not reached: the layer was not drawn with He");
        Assert.All(w2, w => Assert.True(Math.Abs(w) <= glorot));
        Assert.True(w2.Max(Math.Abs) > 0.9 * glorot, "Glorot bound not reached");
        Assert.All(Bias(Mixed, p, 0), b => Assert.Equal(0.0, b));
        Assert.All(Bias(Mixed, p, 1), b => Assert.Equal(0.0, b));
        Assert.Equal(InitScheme.HeUniform, Initializer.DefaultScheme(Activation.LeakyRelu));
        Assert.Equal(InitScheme.GlorotUniform, Initializer.DefaultScheme(Activation.Tanh));
    }

    [Theory]
    [InlineData(InitScheme.GlorotUniform)]
    [InlineData(InitScheme.HeUniform)]
    [InlineData(InitScheme.TorchLinear)]
    public void Uniform_schemes_respect_their_bound_and_spread(InitScheme scheme)
    {
        var spec = Square(Activation.Tanh);
        double[] p = Init(spec, 3, scheme);
        double bound = scheme switch
        {
            InitScheme.GlorotUniform => Math.Sqrt(6.0 / (256 + 256)),
            InitScheme.HeUniform => Math.Sqrt(6.0 / 256),
            _ => 1.0 / Math.Sqrt(256),
        };

        double[] w = Weights(spec, p, 0);
        Assert.All(w, x => Assert.True(Math.Abs(x) <= bound, $"{x} outside ±{bound}"));
        Assert.True(w.Max() > 0.99 * bound && w.Min() < -0.99 * bound);
        double std = Math.Sqrt(w.Average(x => x * x));
        Assert.InRange(std, 0.9 * bound / Math.Sqrt(3), 1.1 * bound / Math.Sqrt(3)); // U(-a, a) has std a / sqrt(3)

        double[] b = Bias(spec, p, 0);
        if (scheme == InitScheme.TorchLinear)
        {
            Assert.All(b, x => Assert.True(Math.Abs(x) <= bound));
            Assert.True(b.Count(x => x != 0) > 250, "TorchLinear draws the biases too");
        }
        else
        {
            Assert.All(b, x => Assert.Equal(0.0, x));
        }
    }

    [Theory]
    [InlineData(InitScheme.GlorotNormal)]
    [InlineData(InitScheme.HeNormal)]
    public void Normal_schemes_have_the_standard_deviation_of_their_formula(InitScheme scheme)
    {
        var spec = Square(Activation.Relu);
        double[] p = Init(spec, 5, scheme);
        double expected = scheme == InitScheme.GlorotNormal ? Math.Sqrt(2.0 / (256 + 256)) : Math.Sqrt(2.0 / 256);
        double[] w = Weights(spec, p, 0);
        double mean = w.Average();
        double std = Math.Sqrt(w.Average(x => (x - mean) * (x - mean)));
        Assert.InRange(std, 0.9 * expected, 1.1 * expected);
        Assert.True(Math.Abs(mean) < 0.05 * expected, $"mean {mean}");
        Assert.True(w.Max(Math.Abs) > 3 * expected, "tails missing: not a normal distribution");
        Assert.All(Bias(spec, p, 0), b => Assert.Equal(0.0, b));
    }

    [Fact]
    public void Rejects_a_buffer_of_the_wrong_length_and_an_unknown_scheme()
    {
        var error = Assert.Throws<ArgumentException>(() => Initializer.Initialize<double>(Mixed, new double[3], 0));
        Assert.Equal("parameters", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Initializer.Initialize<double>(Mixed, new double[Mixed.ParameterCount], 0, (InitScheme)99));
    }
}
