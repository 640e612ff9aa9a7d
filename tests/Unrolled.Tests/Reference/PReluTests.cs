namespace Unrolled.Tests.Reference;

/// <summary>PReLU: one learned slope per unit after the layer's bias, PyTorch's forward and backward, including at z = 0.</summary>
public class PReluTests
{
    private static NetworkSpec Spec(bool bias = true, double alpha = double.NaN) =>
        new(3, [new LayerSpec(4, Activation.PRelu, alpha, bias: bias), new LayerSpec(2, Activation.PRelu)], precision: Precision.Double);

    [Fact]
    public void Slopes_follow_the_bias_or_the_weights_and_count_as_parameters()
    {
        var spec = Spec();
        Assert.Equal((0, 12, 16, 20), (spec.WeightOffset(0), spec.BiasOffset(0), spec.SlopeOffset(0), spec.WeightOffset(1)));
        Assert.Equal((28, 30, 32), (spec.BiasOffset(1), spec.SlopeOffset(1), spec.ParameterCount));
        Assert.True(spec.HasSlopes(0));

        var noBias = Spec(bias: false);
        Assert.Equal((12, 16, 28), (noBias.SlopeOffset(0), noBias.WeightOffset(1), noBias.ParameterCount));
        Assert.Equal((16, 12), (noBias.LayerParameterCount(0), noBias.LayerParameterCount(1)));
        Assert.Throws<InvalidOperationException>(() => new NetworkSpec(2, [new LayerSpec(2, Activation.LeakyRelu)]).SlopeOffset(0));
    }

    [Theory]
    [InlineData(double.NaN, 0.25)]
    [InlineData(-1.5, -1.5)]
    [InlineData(0.0, 0.0)]
    public void Slopes_start_at_the_alpha_and_nothing_is_drawn_for_them(double alpha, double expected)
    {
        var spec = Spec(alpha: alpha);
        var net = new ReferenceNetwork<double>(spec, seed: 3);
        Assert.All(net.Parameters.Slice(spec.SlopeOffset(0), 4).ToArray(), s => Assert.Equal(expected, s));
        Assert.All(net.Parameters.Slice(spec.SlopeOffset(1), 2).ToArray(), s => Assert.Equal(0.25, s));

        // The weights are the stream of a network without slopes: a LeakyRelu twin draws the same values.
        var twin = new NetworkSpec(3, [new LayerSpec(4, Activation.LeakyRelu), new LayerSpec(2, Activation.LeakyRelu)], precision: Precision.Double);
        var twinNet = new ReferenceNetwork<double>(twin, seed: 3);
        Assert.Equal(twinNet.Parameters[twin.WeightOffset(1)..twin.BiasOffset(1)].ToArray(), net.Parameters[spec.WeightOffset(1)..spec.BiasOffset(1)].ToArray());
    }

    [Fact]
    public void Forward_uses_each_units_own_slope()
    {
        var spec = new NetworkSpec(1, [new LayerSpec(3, Activation.PRelu)], precision: Precision.Double);
        var net = new ReferenceNetwork<double>(spec);
        double[] parameters = [1, -2, 3, /* bias */ 0.5, 0.5, -4, /* slopes */ 0.1, -0.5, 2];
        parameters.CopyTo(net.Parameters);
        var y = new double[3];
        net.Forward([1.0], y);  // z = 1.5, -1.5, -1
        Assert.Equal([1.5, -0.5 * -1.5, 2 * -1.0], y);
    }

    [Fact]
    public void Backward_matches_PyTorch_also_at_zero()
    {
        // torch 1.13: nn.PReLU(3) with weight [0.25, -0.5, 2], x = [[0, -0, 0], [1, -2, 0]], y.backward(g):
        // x.grad = [[0.25, 1.5, 4], [0.5, -0.25, -2]], weight.grad = [0, -1, 0]. At z = 0 the negative branch applies.
        double[] slopes = [0.25, -0.5, 2];
        double[][] z = [[0.0, -0.0, 0.0], [1, -2, 0]], g = [[1, -3, 2], [0.5, 0.5, -1]], dz = [[0.25, 1.5, 4], [0.5, -0.25, -2]];
        var slopeGradients = new double[3];
        for (int s = 0; s < 2; s++)
        {
            double[] delta = (double[])g[s].Clone();
            ActivationMath.PReluBackward<double>(slopes, z[s], delta, slopeGradients);
            Assert.Equal(dz[s], delta);
            var a = new double[3];
            ActivationMath.PRelu<double>(slopes, z[s], a);
            Assert.Equal(z[s].Select((v, j) => v > 0 ? v : slopes[j] * v), a);
        }

        Assert.Equal([0.0, -1.0, 0.0], slopeGradients);
    }

    [Theory]
    [InlineData(true, LossFunction.MeanSquaredError)]
    [InlineData(false, LossFunction.MeanSquaredError)]
    [InlineData(true, LossFunction.CrossEntropy)]
    public void Gradient_check_covers_the_slopes(bool bias, LossFunction loss)
    {
        Activation output = loss == LossFunction.CrossEntropy ? Activation.Softmax : Activation.PRelu;
        var spec = new NetworkSpec(3, [new LayerSpec(6, Activation.PRelu, -0.3, bias: bias), new LayerSpec(5, Activation.Tanh), new LayerSpec(3, output)],
            loss, Precision.Double);
        var net = new ReferenceNetwork<double>(spec, seed: 11);
        Testing.NetworkOracle.RandomParameters<double>(spec, new SeededRandom(5), net.Parameters);
        var (input, target) = Testing.NetworkOracle.Batch<double>(spec, new SeededRandom(6), samples: 1);
        var report = GradientCheck.Run(net, input, target, relativeFloor: 1e-4);
        Assert.Contains(report.Blocks, b => b.Name == "slope1");
        Assert.Equal(bias, report.Blocks.Any(b => b.Name == "b1"));
        Assert.True(report.MaxRelativeError < 1e-7 && report.MaxAbsoluteError < 1e-9, report.ToString());
        Assert.True(report.Blocks.Single(b => b.Name == "slope1").Length == 6);
    }
}
