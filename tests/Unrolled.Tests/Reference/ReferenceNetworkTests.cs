namespace Unrolled.Tests.Reference;

public class ReferenceNetworkTests
{
    private static NetworkSpec Circles => new(2, [new LayerSpec(3, Activation.Sigmoid), new LayerSpec(2, Activation.Softmax)], LossFunction.CrossEntropy);

    [Fact]
    public void Forward_matches_a_hand_computed_pass()
    {
        var net = new ReferenceNetwork<double>(Circles);
        double[] p = net.Parameters.ToArray();
        double[] x = [0.3, -1.2];

        // h = sigmoid(x W1 + b1), y = softmax(h W2 + b2), W[i, j] at i * units + j.
        var h = new double[3];
        for (int j = 0; j < 3; j++)
        {
            double z = p[6 + j] + x[0] * p[0 * 3 + j] + x[1] * p[1 * 3 + j];
            h[j] = 1 / (1 + Math.Exp(-z));
        }

        var logits = new double[2];
        for (int k = 0; k < 2; k++)
        {
            logits[k] = p[15 + k];
            for (int j = 0; j < 3; j++)
            {
                logits[k] += h[j] * p[9 + j * 2 + k];
            }
        }

        double max = Math.Max(logits[0], logits[1]);
        double e0 = Math.Exp(logits[0] - max), e1 = Math.Exp(logits[1] - max);

        var y = new double[2];
        net.Forward(x, y);

        Assert.Equal(e0 / (e0 + e1), y[0], 14);
        Assert.Equal(e1 / (e0 + e1), y[1], 14);
    }

    [Theory]
    [InlineData(3, 2, 4)]
    [InlineData(2, 1, 3)]
    public void Spans_of_the_wrong_length_throw_naming_the_expected_length(int inputLength, int outputLength, int targetLength)
    {
        var net = new ReferenceNetwork<float>(Circles);
        var error = Assert.Throws<ArgumentException>(() => net.Forward(new float[inputLength], new float[outputLength]));
        Assert.Contains("length", error.Message);
        Assert.Throws<ArgumentException>(() => net.Backward(new float[2], new float[targetLength]));
    }
}
