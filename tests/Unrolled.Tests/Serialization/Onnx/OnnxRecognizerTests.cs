using Unrolled.Onnx;

namespace Unrolled.Tests.Serialization.Onnx;

/// <summary>The recognizer's description of a PyTorch file: what the generator will compare declarations with.</summary>
public class OnnxRecognizerTests
{
    [Fact]
    public void PyTorch_gemm_layers_are_described_with_their_nodes_and_transposed_weights()
    {
        var model = OnnxProtoDecoder.Decode(File.ReadAllBytes(OnnxFixtures.PathOf("torch_relu_softmax_opset13")));
        var description = OnnxGraphRecognizer.Recognize(model);
        Assert.Empty(description.Problems);
        Assert.Equal(("pytorch", 7L, 13L, 4, Precision.Single), (description.ProducerName, description.IrVersion, description.Opset, description.Inputs, description.Precision));
        Assert.Null(description.DeclaredLoss);
        Assert.Equal(LossFunction.CrossEntropy, description.Loss);

        var first = description.Layers[0];
        Assert.Equal((5, 4, Activation.Relu, true, "/0/Gemm", "Gemm", "/1/Relu"),
            (first.Units, first.FanIn, first.Activation, first.HasBias, first.NodeName, first.OpType, first.ActivationNodeName));
        Assert.True(double.IsNaN(first.Alpha));
        Assert.Equal("Gemm '/2/Gemm'", description.Layers[1].Describe());

        // nn.Linear's weight is [out, in] (Gemm transB = 1): W[i, j] of the contract is weight[j, i].
        double[] weight = OnnxTensorValues.Read(model.Graph!.Initializers.Single(t => t.Name == "0.weight"), "", finite: true);
        double[] bias = OnnxTensorValues.Read(model.Graph.Initializers.Single(t => t.Name == "0.bias"), "", finite: true);
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                Assert.Equal(weight[j * 4 + i], description.Parameters[i * 5 + j]);
            }
        }

        Assert.Equal(bias, description.Parameters[20..25]);
        Assert.Equal((4 + 1) * 5 + (5 + 1) * 3, description.Parameters.Length);
    }

    [Theory]
    [InlineData(0.2f, 0.2)]
    [InlineData(0.01f, 0.01)]
    [InlineData(1f, 1.0)]
    [InlineData(0.123456789f, 0.12345679)]
    [InlineData(1e-30f, 1e-30)]
    public void Float_alphas_become_their_shortest_decimal(float value, double expected) =>
        Assert.Equal(expected, OnnxGraphRecognizer.ShortestDecimal(value));

    [Fact]
    public void Refused_files_have_no_layers_or_parameters()
    {
        var description = OnnxGraphRecognizer.Recognize(OnnxProtoDecoder.Decode(File.ReadAllBytes(OnnxFixtures.PathOf("refused_helper_prelu_column_slope"))));
        Assert.Equal("prelu_column", Assert.Single(description.Problems).NodeName);
        Assert.Empty(description.Layers);
        Assert.Empty(description.Parameters);
    }
}
