using System.Numerics;
using Unrolled.Onnx;

namespace Unrolled.Tests.Serialization.Onnx;

/// <summary>Export then ReadSpec / Load / Import gives the identical spec and bit-identical parameters.</summary>
public class OnnxExportTests
{
    public static TheoryData<Activation> Activations => OnnxTestNetworks.Activations();

    [Theory]
    [MemberData(nameof(Activations))]
    public void Float_export_reads_back_identical(Activation activation) => RoundTrip<float>(OnnxTestNetworks.Spec(activation, Precision.Single));

    [Theory]
    [MemberData(nameof(Activations))]
    public void Double_export_reads_back_identical(Activation activation) => RoundTrip<double>(OnnxTestNetworks.Spec(activation, Precision.Double));

    [Fact]
    public void Alphas_that_are_not_floats_and_every_loss_read_back_exactly()
    {
        var spec = new NetworkSpec(2, [
            new LayerSpec(3, Activation.LeakyRelu, 0.123456789012345),
            new LayerSpec(3, Activation.Elu, 1.0 / 3),
            new LayerSpec(1, Activation.Sigmoid)], LossFunction.BinaryCrossEntropy);
        RoundTrip<float>(spec);
    }

    [Fact]
    public void Export_to_a_path_and_import_from_it()
    {
        var source = OnnxTestNetworks.Network<float>(OnnxTestNetworks.Spec(Activation.Silu, Precision.Single), seed: 3);
        string path = Path.Combine(Path.GetTempPath(), $"unrolled-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxModel.Export(source, path);
            var target = new ReferenceNetwork<float>(source.Spec, seed: 9);
            OnnxModel.Import(target, path);
            Assert.Equal(OnnxTestNetworks.Bytes(source), OnnxTestNetworks.Bytes(target));
            Assert.Equal(source.Spec, OnnxModel.ReadSpec(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Exported_graph_has_named_layers_gemm_and_the_spec_in_metadata()
    {
        var spec = new NetworkSpec(3, [new LayerSpec(4, Activation.Silu), new LayerSpec(2, Activation.Softmax)], LossFunction.CrossEntropy);
        var model = OnnxProtoDecoder.Decode(OnnxTestNetworks.Export(new ReferenceNetwork<float>(spec, 1)));
        Assert.Equal("Unrolled", model.ProducerName);
        Assert.Equal(8, model.IrVersion);
        Assert.Equal(13, Assert.Single(model.OpsetImport).Version);
        Assert.Equal(
            ["layer1_gemm:Gemm", "layer1_sigmoid:Sigmoid", "layer1_silu:Mul", "layer2_gemm:Gemm", "layer2_softmax:Softmax"],
            model.Graph!.Nodes.Select(n => n.Name + ":" + n.OpType));
        Assert.Equal(-1, model.Graph.Nodes[^1].Attribute("axis")!.I);
        Assert.Equal("batch", model.Graph.Inputs[0].Shape[0].Param);
        Assert.Equal(3, model.Graph.Inputs[0].Shape[1].Value);
        Assert.Equal("batch", model.Graph.Outputs[0].Shape[0].Param);
        Assert.Equal([4L, 2L], model.Graph.Initializers.Single(t => t.Name == "layer2.weight").Dims);
        Assert.Contains(model.MetadataProps, p => p.Key == "unrolled.spec" && p.Value == "3 -> 4 Silu -> 2 Softmax, CrossEntropy, Single");
        Assert.Contains(model.MetadataProps, p => p.Key == "unrolled.loss" && p.Value == "CrossEntropy");
    }

    [Fact]
    public void Import_into_another_spec_names_both_sides_and_leaves_the_network_untouched()
    {
        var source = OnnxTestNetworks.Network<float>(OnnxTestNetworks.Spec(Activation.Relu, Precision.Single), seed: 1);
        byte[] file = OnnxTestNetworks.Export(source);
        var cases = new (NetworkSpec Spec, string Message)[]
        {
            (new NetworkSpec(3, [new LayerSpec(6, Activation.Relu), new LayerSpec(4, Activation.Tanh)]), "file has layer 1 (Gemm 'layer1_gemm') with 5 units, network has 6"),
            (new NetworkSpec(2, [new LayerSpec(5, Activation.Relu), new LayerSpec(4, Activation.Tanh)]), "file has 3 inputs, network has 2"),
            (new NetworkSpec(3, [new LayerSpec(5, Activation.Sigmoid), new LayerSpec(4, Activation.Tanh)]), "file has layer 1 (Gemm 'layer1_gemm') with activation Relu, network has Sigmoid"),
            (new NetworkSpec(3, [new LayerSpec(5, Activation.Relu)]), "file has 2 layers, network has 1"),
            (new NetworkSpec(3, [new LayerSpec(5, Activation.Relu), new LayerSpec(4, Activation.Tanh)], precision: Precision.Double), "file has precision Single, network has Double"),
        };
        foreach (var (spec, message) in cases)
        {
            var target = new ReferenceNetwork<float>(spec, seed: 2);
            byte[] before = OnnxTestNetworks.Bytes(target);
            var error = Assert.Throws<ArgumentException>(() => OnnxModel.Import(target, new MemoryStream(file)));
            Assert.Contains(message, error.Message);
            Assert.Equal(before, OnnxTestNetworks.Bytes(target));
        }
    }

    [Fact]
    public void Import_compares_the_loss_only_when_the_file_states_it()
    {
        // The fixture's file names no loss: a Sigmoid-output network trained with BinaryCrossEntropy imports it.
        var spec = new NetworkSpec(3, [new LayerSpec(6, Activation.Sigmoid), new LayerSpec(2, Activation.Sigmoid)], LossFunction.BinaryCrossEntropy);
        OnnxModel.Import(new ReferenceNetwork<float>(spec), OnnxFixtures.PathOf("torch_sigmoid_opset13"));

        // An exported file states its loss.
        byte[] file = OnnxTestNetworks.Export(new ReferenceNetwork<float>(new NetworkSpec(3, [new LayerSpec(2, Activation.Sigmoid)])));
        var error = Assert.Throws<ArgumentException>(() => OnnxModel.Import(new ReferenceNetwork<float>(new NetworkSpec(3, [new LayerSpec(2, Activation.Sigmoid)], LossFunction.BinaryCrossEntropy)), new MemoryStream(file)));
        Assert.Contains("file has loss MeanSquaredError, network has BinaryCrossEntropy", error.Message);
    }

    [Fact]
    public void Without_a_loss_in_the_file_softmax_outputs_get_cross_entropy_and_others_mean_squared_error()
    {
        Assert.Equal(LossFunction.CrossEntropy, OnnxModel.ReadSpec(OnnxFixtures.PathOf("torch_relu_softmax_opset13")).Loss);
        Assert.Equal(LossFunction.MeanSquaredError, OnnxModel.ReadSpec(OnnxFixtures.PathOf("torch_sigmoid_opset13")).Loss);
        Assert.Equal(LossFunction.BinaryCrossEntropy, OnnxModel.ReadSpec(OnnxFixtures.PathOf("helper_loss_in_metadata_opset11")).Loss);
    }

    [Fact]
    public void Export_refuses_non_finite_parameters_and_writes_nothing()
    {
        var network = OnnxTestNetworks.Network<double>(OnnxTestNetworks.Spec(Activation.Relu, Precision.Double), seed: 1);
        network.Parameters[7] = double.NaN;
        using var stream = new MemoryStream();
        var error = Assert.Throws<ArgumentException>(() => OnnxModel.Export(network, stream));
        Assert.Contains("Parameter 7", error.Message);
        Assert.Equal(0, stream.Length);
    }

    private static void RoundTrip<T>(NetworkSpec spec)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var source = OnnxTestNetworks.Network<T>(spec, seed: 11);
        byte[] file = OnnxTestNetworks.Export(source);
        Assert.Equal(spec, OnnxModel.ReadSpec(new MemoryStream(file)));
        Assert.Equal(spec.ToString(), OnnxModel.ReadSpec(new MemoryStream(file)).ToString());

        var loaded = OnnxModel.Load<T>(new MemoryStream(file));
        Assert.Equal(spec, loaded.Spec);
        Assert.Equal(OnnxTestNetworks.Bytes(source), OnnxTestNetworks.Bytes(loaded));

        var target = new ReferenceNetwork<T>(spec, seed: 12);
        Assert.NotEqual(OnnxTestNetworks.Bytes(source), OnnxTestNetworks.Bytes(target));
        OnnxModel.Import(target, new MemoryStream(file));
        Assert.Equal(OnnxTestNetworks.Bytes(source), OnnxTestNetworks.Bytes(target));

        // Writing is deterministic: the same network gives the same bytes.
        Assert.Equal(file, OnnxTestNetworks.Export(loaded));
    }
}
