namespace Unrolled.Tests.Reference;

/// <summary>Softmax on a hidden layer: backward is the Jacobian-vector product dz = a * (da - dot(da, a)).</summary>
public class HiddenSoftmaxTests
{
    [Fact]
    public void Backward_through_a_hidden_softmax_is_the_jacobian_vector_product()
    {
        double[] z = [0.3, -1.2, 2.0, 0.1], da = [0.5, -0.25, 1.0, 2.0];
        var a = new double[4];
        ActivationMath.Softmax<double>(z, a);
        double[] delta = (double[])da.Clone();
        ActivationMath.Backward(Activation.Softmax, 0.0, z, a, delta);

        // The full Jacobian J[k, j] = a_k (delta_kj - a_j), applied to da.
        for (int j = 0; j < 4; j++)
        {
            double expected = 0;
            for (int k = 0; k < 4; k++)
            {
                expected += da[k] * a[k] * ((k == j ? 1 : 0) - a[j]);
            }

            Assert.Equal(expected, delta[j], 15);
        }
    }

    [Theory]
    [InlineData(LossFunction.MeanSquaredError)]
    [InlineData(LossFunction.CrossEntropy)]
    public void Gradient_check_through_hidden_softmax_layers(LossFunction loss)
    {
        // Stacked softmax layers, as the first tutorial discusses them; the last layer's loss rule still holds.
        Activation output = loss == LossFunction.CrossEntropy ? Activation.Softmax : Activation.Identity;
        var spec = new NetworkSpec(3, [new LayerSpec(8, Activation.Softmax), new LayerSpec(5, Activation.Softmax), new LayerSpec(4, output)],
            loss, Precision.Double);
        var net = new ReferenceNetwork<double>(spec);
        Testing.NetworkOracle.RandomParameters<double>(spec, new SeededRandom(3), net.Parameters);
        var (input, target) = Testing.NetworkOracle.Batch<double>(spec, new SeededRandom(4), samples: 1);
        var report = GradientCheck.Run(net, input, target, relativeFloor: 1e-4);
        Assert.True(report.MaxRelativeError < 1e-7 && report.MaxAbsoluteError < 1e-10, report.ToString());
    }
}
