using Unrolled.Onnx;

namespace Unrolled.Tests.Serialization.Onnx;

/// <summary>PReLU, layers without bias, hidden softmax and dropout through Export and back; what Import compares.</summary>
public class OnnxLayerExportTests
{
    private static readonly NetworkSpec Toolbox = new(3, [
        new LayerSpec(6, Activation.PRelu, -0.75, dropout: 0.3, bias: false), new LayerSpec(5, Activation.Softmax, dropout: 0.1),
        new LayerSpec(4, Activation.PRelu), new LayerSpec(2, Activation.Identity, bias: false)]);

    [Fact]
    public void The_graph_has_gemm_without_c_prelu_with_its_slope_and_no_dropout_node()
    {
        var model = OnnxProtoDecoder.Decode(OnnxTestNetworks.Export(OnnxTestNetworks.Network<float>(Toolbox, seed: 1)));
        Assert.Equal(
            ["layer1_gemm:Gemm", "layer1_prelu:PRelu", "layer2_gemm:Gemm", "layer2_softmax:Softmax", "layer3_gemm:Gemm", "layer3_prelu:PRelu", "layer4_gemm:Gemm"],
            model.Graph!.Nodes.Select(n => n.Name + ":" + n.OpType));
        Assert.Equal(["input", "layer1.weight"], model.Graph.Nodes[0].Inputs);
        Assert.Equal(["layer1_z", "layer1.slope"], model.Graph.Nodes[1].Inputs);
        Assert.Equal([6L], model.Graph.Initializers.Single(t => t.Name == "layer1.slope").Dims);
        Assert.DoesNotContain(model.Graph.Initializers, t => t.Name is "layer1.bias" or "layer4.bias");
        Assert.Equal("3 -> 6 PRelu(-0.75) Dropout(0.3) NoBias -> 5 Softmax Dropout(0.1) -> 4 PRelu(0.25) -> 2 Identity NoBias, MeanSquaredError, Single",
            model.MetadataProps.Single(e => e.Key == "unrolled.spec").Value);
    }

    [Theory]
    [InlineData(Precision.Single)]
    [InlineData(Precision.Double)]
    public void Export_reads_back_the_same_spec_dropout_included_and_the_same_parameters(Precision precision)
    {
        var spec = new NetworkSpec(Toolbox.Inputs, Toolbox.Layers, Toolbox.Loss, precision);
        if (precision == Precision.Single)
        {
            RoundTrip<float>(spec);
        }
        else
        {
            RoundTrip<double>(spec);
        }
    }

    [Fact]
    public void Import_does_not_compare_dropout_or_the_initial_slope_but_does_compare_the_bias()
    {
        byte[] file = OnnxTestNetworks.Export(OnnxTestNetworks.Network<float>(Toolbox, seed: 2));
        var plain = new NetworkSpec(3, [
            new LayerSpec(6, Activation.PRelu, bias: false), new LayerSpec(5, Activation.Softmax),
            new LayerSpec(4, Activation.PRelu, 1.5), new LayerSpec(2, Activation.Identity, bias: false)]);
        var target = new ReferenceNetwork<float>(plain);
        OnnxModel.Import(target, new MemoryStream(file));
        Assert.Equal(OnnxTestNetworks.Bytes(OnnxTestNetworks.Network<float>(Toolbox, seed: 2)), OnnxTestNetworks.Bytes(target));

        var biased = new NetworkSpec(3, [
            new LayerSpec(6, Activation.PRelu), new LayerSpec(5, Activation.Softmax), new LayerSpec(4, Activation.PRelu), new LayerSpec(2, bias: false)]);
        var error = Assert.Throws<ArgumentException>(() => OnnxModel.Import(new ReferenceNetwork<float>(biased), new MemoryStream(file)));
        Assert.Contains("file has layer 1 (Gemm 'layer1_gemm') without bias, network has one", error.Message);
    }

    [Fact]
    public void PyTorch_prelu_slopes_come_after_the_bias_in_unit_order()
    {
        var model = OnnxProtoDecoder.Decode(File.ReadAllBytes(OnnxFixtures.PathOf("torch_prelu_opset13")));
        var description = OnnxGraphRecognizer.Recognize(model);
        Assert.Empty(description.Problems);
        double[] slope = OnnxTensorValues.Read(model.Graph!.Initializers.Single(t => t.Name == "1.weight"), "", finite: true);
        Assert.Equal(5, slope.Length);
        Assert.Equal(slope, description.Parameters[(4 * 5 + 5)..(4 * 5 + 10)]);
        Assert.True(double.IsNaN(description.Layers[0].Alpha)); // the initial slope is not in the graph: the default applies
    }

    [Fact]
    public void Metadata_that_contradicts_the_graphs_bias_is_refused()
    {
        var model = TestOnnxModel.Dense();
        model.Metadata.Add(("unrolled.spec", "3 -> 2 Relu NoBias, MeanSquaredError, Single"));
        var error = Assert.Throws<NotSupportedException>(() => OnnxModel.ReadSpec(new MemoryStream(model.Build())));
        Assert.Contains("its layer 1 has no bias, the graph's Gemm 'fc' has one", error.Message);
    }

    [Theory]
    [InlineData("3 -> 2 Relu Dropout(0.5) NoBias Dropout(0.1), MeanSquaredError, Single")]
    [InlineData("3 -> 2 Relu Bias, MeanSquaredError, Single")]
    [InlineData("3 -> 2 Relu Dropout(NaN), MeanSquaredError, Single")]
    [InlineData("3 -> 2 PRelu, MeanSquaredError, Single")]
    public void Metadata_layers_that_are_not_in_the_one_line_form_are_refused(string text)
    {
        var model = TestOnnxModel.Dense();
        model.Metadata.Add(("unrolled.spec", text));
        var error = Assert.Throws<NotSupportedException>(() => OnnxModel.ReadSpec(new MemoryStream(model.Build())));
        Assert.Contains("is not a layer such as", error.Message);
    }

    [Fact]
    public void A_prelu_after_a_layer_with_an_activation_is_refused()
    {
        var model = TestOnnxModel.Dense();
        model.Initializers.Add(TestOnnxModel.Tensor("S", [2], [0.25f, 0.25f]));
        model.Nodes[1] = TestOnnxModel.Node("relu", "Relu", ["z"], ["r"]);
        model.Nodes.Add(TestOnnxModel.Node("prelu", "PRelu", ["r", "S"], ["y"]));
        var error = Assert.Throws<NotSupportedException>(() => OnnxModel.ReadSpec(new MemoryStream(model.Build())));
        Assert.Contains("Node 'prelu' (PRelu): Gemm 'fc' already has the activation Relu", error.Message);
    }

    private static void RoundTrip<T>(NetworkSpec spec)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var source = OnnxTestNetworks.Network<T>(spec, seed: 11);
        byte[] file = OnnxTestNetworks.Export(source);
        Assert.Equal(spec, OnnxModel.ReadSpec(new MemoryStream(file)));
        var loaded = OnnxModel.Load<T>(new MemoryStream(file));
        Assert.Equal(OnnxTestNetworks.Bytes(source), OnnxTestNetworks.Bytes(loaded));
        Assert.Equal(file, OnnxTestNetworks.Export(loaded));
    }
}
