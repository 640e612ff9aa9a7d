namespace Unrolled.Tests.Reference;

/// <summary>Layers without bias (PyTorch's nn.Linear(bias=False)): no bias parameters in the layout, the gradients or the initializer's stream.</summary>
public class BiasFreeLayerTests
{
    private static readonly NetworkSpec Spec = new(3, [new LayerSpec(4, Activation.Tanh, bias: false), new LayerSpec(2, Activation.Sigmoid)],
        precision: Precision.Double);

    [Fact]
    public void The_layout_has_no_bias_for_the_layer()
    {
        Assert.Equal((false, true), (Spec.HasBias(0), Spec.HasBias(1)));
        Assert.Equal((12, 20, 22), (Spec.WeightOffset(1), Spec.BiasOffset(1), Spec.ParameterCount));
        var error = Assert.Throws<InvalidOperationException>(() => Spec.BiasOffset(0));
        Assert.Contains("Layer 1 has no bias", error.Message);
        Assert.Equal("3 -> 4 Tanh NoBias -> 2 Sigmoid, MeanSquaredError, Double", Spec.ToString());
        Assert.NotEqual(Spec, new NetworkSpec(3, [new LayerSpec(4, Activation.Tanh), new LayerSpec(2, Activation.Sigmoid)], precision: Precision.Double));
    }

    [Fact]
    public void Forward_computes_x_W_without_a_bias()
    {
        var net = new ReferenceNetwork<double>(Spec, seed: 2);
        double[] p = net.Parameters.ToArray();
        double[] x = [0.5, -1, 2];
        var h = new double[4];
        for (int j = 0; j < 4; j++)
        {
            h[j] = Math.Tanh(x[0] * p[j] + x[1] * p[4 + j] + x[2] * p[8 + j]);
        }

        var y = new double[2];
        net.Forward(x, y);
        for (int k = 0; k < 2; k++)
        {
            double z = p[20 + k] + h[0] * p[12 + k] + h[1] * p[14 + k] + h[2] * p[16 + k] + h[3] * p[18 + k];
            Assert.Equal(1 / (1 + Math.Exp(-z)), y[k], 14);
        }
    }

    [Fact]
    public void The_initializer_draws_no_bias_for_the_layer()
    {
        // TorchLinear draws each layer's bias after its weights: without one, layer 2's weights come right after layer 1's.
        var withBias = new NetworkSpec(3, [new LayerSpec(4, Activation.Tanh), new LayerSpec(2, Activation.Sigmoid)], precision: Precision.Double);
        var noBias = new double[Spec.ParameterCount];
        var biased = new double[withBias.ParameterCount];
        Initializer.Initialize<double>(Spec, noBias, 7, InitScheme.TorchLinear);
        Initializer.Initialize<double>(withBias, biased, 7, InitScheme.TorchLinear);
        Assert.Equal(biased[..12], noBias[..12]);
        Assert.NotEqual(biased[16..24], noBias[12..20]);
    }

    [Theory]
    [InlineData(LossFunction.MeanSquaredError)]
    [InlineData(LossFunction.CrossEntropy)]
    public void Gradient_check_without_bias_blocks(LossFunction loss)
    {
        Activation output = loss == LossFunction.CrossEntropy ? Activation.Softmax : Activation.Identity;
        var spec = new NetworkSpec(4, [new LayerSpec(5, Activation.Elu, bias: false), new LayerSpec(3, output, bias: false)], loss, Precision.Double);
        var net = new ReferenceNetwork<double>(spec);
        Testing.NetworkOracle.RandomParameters<double>(spec, new SeededRandom(1), net.Parameters);
        var (input, target) = Testing.NetworkOracle.Batch<double>(spec, new SeededRandom(2), samples: 1);
        var report = GradientCheck.Run(net, input, target);
        Assert.Equal(["W1", "W2"], report.Blocks.Select(b => b.Name));
        Assert.True(report.MaxRelativeError < 1e-7 && report.MaxAbsoluteError < 1e-9, report.ToString());
    }
}
