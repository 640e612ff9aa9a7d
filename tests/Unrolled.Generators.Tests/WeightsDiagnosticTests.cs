using Unrolled.Generators.Tests.Infrastructure;

namespace Unrolled.Generators.Tests;

/// <summary>
/// Every rule about Weights files (UNR022-UNR029): the exact id, message and span (the [Network] attribute), no other
/// diagnostic, and nothing generated.
/// </summary>
public class WeightsDiagnosticTests
{
    private const string Fix = "change the declaration to match the file, or use a file made for this declaration";

    /// <summary>torch_relu_softmax_opset13: 4 -> 5 Relu (Gemm '/0/Gemm') -> 3 Softmax (Gemm '/2/Gemm'), no loss stated.</summary>
    private static ProjectFiles Torch(string fixture = "torch_relu_softmax_opset13", string path = "models/net.onnx") =>
        new ProjectFiles().Model(path, File.ReadAllBytes(BakedNetwork.Fixture(fixture)));

    [Fact]
    public void UNR022_a_file_that_is_not_an_additional_file() => DiagnosticAssert.Single("""
        [[|Network(4, Weights = "models/net.onnx")|]]
        [Dense(5, Activation.Relu)]
        public partial class Net;
        """, new ProjectFiles(), "UNR022",
        "'Net' takes its weights from 'models/net.onnx', which is not among the project's additional files — "
        + "add <AdditionalFiles Include=\"models/net.onnx\" /> to the project file (Weights is relative to the project directory)");

    [Fact]
    public void UNR022_a_path_that_differs_from_the_file_s_in_case() => DiagnosticAssert.Single("""
        [[|Network(4, Weights = "models/Net.onnx")|]]
        [Dense(5, Activation.Relu)]
        [Dense(3, Activation.Softmax)]
        public partial class Net;
        """, Torch(), "UNR022",
        "'Net' takes its weights from 'models/Net.onnx', which is not among the project's additional files, but 'models/net.onnx' is "
        + "(paths are case-sensitive) — write the path as the file is named");

    [Fact]
    public void UNR022_a_binary_model_that_did_not_go_through_the_build_step() => DiagnosticAssert.Single("""
        [[|Network(4, Weights = "models/net.onnx")|]]
        [Dense(5, Activation.Relu)]
        [Dense(3, Activation.Softmax)]
        public partial class Net;
        """, new ProjectFiles().Raw("models/net.onnx", File.ReadAllBytes(BakedNetwork.Fixture("torch_relu_softmax_opset13"))), "UNR022",
        "'Net' takes its weights from 'models/net.onnx', which is an additional file, but it reached the compiler without Unrolled's build "
        + "step, which binary files need — reference the Unrolled package, or import Unrolled.targets from src/Unrolled/build when "
        + "referencing the generator as a project");

    [Fact]
    public void UNR023_malformed_bytes_give_the_decoder_s_message()
    {
        byte[] bytes = File.ReadAllBytes(BakedNetwork.Fixture("torch_relu_softmax_opset13"))[..100];
        string decoder = Assert.Throws<InvalidDataException>(() => OnnxModel.ReadSpec(new MemoryStream(bytes))).Message;
        Assert.StartsWith("Malformed ONNX file: ", decoder, StringComparison.Ordinal);
        DiagnosticAssert.Single("""
            [[|Network(4, Weights = "models/net.onnx")|]]
            [Dense(5, Activation.Relu)]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """, new ProjectFiles().Model("models/net.onnx", bytes), "UNR023",
            $"'Net' cannot read its weights from 'models/net.onnx': {decoder.TrimEnd('.')} — export the model again");
    }

    [Fact]
    public void UNR023_an_extension_no_reader_takes() => DiagnosticAssert.Single("""
        [[|Network(4, Weights = "models/net.bin")|]]
        [Dense(5, Activation.Relu)]
        public partial class Net;
        """, new ProjectFiles(), "UNR023",
        "'Net' cannot read its weights from 'models/net.bin': its extension is not one Unrolled reads — use an .onnx, .unrl or .json file");

    [Fact]
    public void UNR023_a_parameter_file_with_nan() => DiagnosticAssert.Single("""
        [[|Network(3, Weights = "net.unrl")|]]
        [Dense(2)]
        public partial class Net;
        """, new ProjectFiles().Model("net.unrl", WithNaN()), "UNR023",
        "'Net' cannot read its weights from 'net.unrl': parameter 4 (layer 1's W[2, 0]) is NaN; weights baked into code must be finite "
        + "— save the file again with ParameterFile.Save");

    [Fact]
    public void UNR024_a_model_that_is_not_an_mlp() => DiagnosticAssert.Single("""
        [[|Network(4, Weights = "models/net.onnx")|]]
        [Dense(5, Activation.Relu)]
        public partial class Net;
        """, Torch("refused_torch_conv"), "UNR024",
        "'Net' cannot take its weights from 'models/net.onnx', which is not an MLP Unrolled can express: The graph's input 'input' has "
        + "shape [1, 1, 6]; a network reads a [batch, features] matrix; Node '/0/Conv' (Conv): convolutions are not supported; Unrolled "
        + "reads dense layers (Gemm, MatMul + Add) and their activations — "
        + "export a plain MLP (dense layers, at most one activation after each), or set the weights at run time");

    [Fact]
    public void UNR025_inputs_differ() => DiagnosticAssert.Single("""
        [[|Network(3, Loss = LossFunction.CrossEntropy, Weights = "models/net.onnx")|]]
        [Dense(5, Activation.Relu)]
        [Dense(3, Activation.Softmax)]
        public partial class Net;
        """, Torch(), "UNR025", $"'Net' declares 3 inputs; models/net.onnx has 4 — {Fix}");

    [Fact]
    public void UNR026_layer_count_differs() => DiagnosticAssert.Single("""
        [[|Network(4, Loss = LossFunction.CrossEntropy, Weights = "models/net.onnx")|]]
        [Dense(5, Activation.Relu)]
        [Dense(5, Activation.Relu)]
        [Dense(3, Activation.Softmax)]
        public partial class Net;
        """, Torch(), "UNR026", $"'Net' declares 3 layers; models/net.onnx has 2 (4 -> 5 Relu -> 3 Softmax) — {Fix}");

    [Fact]
    public void UNR027_units_differ() => DiagnosticAssert.Single("""
        [[|Network(4, Loss = LossFunction.CrossEntropy, Weights = "models/net.onnx")|]]
        [Dense(32, Activation.Relu)]
        [Dense(3, Activation.Softmax)]
        public partial class Net;
        """, Torch(), "UNR027", $"Layer 1 of 'Net' declares 32 units; models/net.onnx's Gemm '/0/Gemm' has 5 — {Fix}");

    [Fact]
    public void UNR028_activation_differs() => DiagnosticAssert.Single("""
        [[|Network(4, Loss = LossFunction.CrossEntropy, Weights = "models/net.onnx")|]]
        [Dense(5, Activation.Tanh)]
        [Dense(3, Activation.Softmax)]
        public partial class Net;
        """, Torch(), "UNR028", $"Layer 1 of 'Net' declares Tanh; models/net.onnx's Gemm '/0/Gemm' has Relu — {Fix}");

    [Fact]
    public void UNR028_alpha_differs() => DiagnosticAssert.Single("""
        [[|Network(5, Weights = "models/net.onnx")|]]
        [Dense(7, Activation.LeakyRelu)]
        [Dense(2)]
        public partial class Net;
        """, Torch("torch_leakyrelu_opset13"), "UNR028",
        $"Layer 1 of 'Net' declares LeakyRelu(0.01); models/net.onnx's Gemm '/0/Gemm' has LeakyRelu(0.2) — {Fix}");

    [Fact]
    public void UNR032_a_layer_declared_with_a_bias_for_a_matmul_without_add() => DiagnosticAssert.Single("""
        [[|Network(4, Loss = LossFunction.CrossEntropy, Weights = "models/net.onnx")|]]
        [Dense(6, Activation.Tanh)]
        [Dense(3, Activation.Softmax)]
        public partial class Net;
        """, Torch("torch_no_bias_opset13"), "UNR032",
        $"Layer 1 of 'Net' declares a bias; models/net.onnx's MatMul '/0/MatMul' has none — {Fix}");

    [Fact]
    public void UNR029_loss_differs_from_the_loss_the_file_states() => DiagnosticAssert.Single("""
        [[|Network(2, Weights = "models/net.onnx")|]]
        [Dense(3, Activation.Softplus)]
        [Dense(2, Activation.Sigmoid)]
        public partial class Net;
        """, Torch("helper_loss_in_metadata_opset11"), "UNR029",
        $"'Net' declares loss MeanSquaredError; models/net.onnx has loss BinaryCrossEntropy — {Fix}");

    [Fact]
    public void UNR029_precision_differs() => DiagnosticAssert.Single("""
        [[|Network(4, Loss = LossFunction.CrossEntropy, Weights = "models/net.onnx")|]]
        [Dense(5, Activation.Tanh)]
        [Dense(3, Activation.Softmax)]
        public partial class Net;
        """, Torch("torch_double_opset13"), "UNR029",
        $"'Net' declares precision Single; models/net.onnx has float64 tensors (precision Double) — {Fix}");

    [Fact]
    public void UNR029_a_binary_file_of_float32_values_for_a_double_network() => DiagnosticAssert.Single("""
        [[|Network(3, Precision = Precision.Double, Weights = "net.unrl")|]]
        [Dense(2)]
        public partial class Net;
        """, new ProjectFiles().Model("net.unrl", Saved(new NetworkSpec(3, [new LayerSpec(2)]), json: false)), "UNR029",
        $"'Net' declares precision Double; net.unrl has float32 values (precision Single) — {Fix}");

    [Fact]
    public void UNR029_a_json_file_without_loss_states_mean_squared_error_as_LoadJson_reads_it()
    {
        string json = System.Text.Encoding.UTF8.GetString(Saved(new NetworkSpec(3, [new LayerSpec(2, Activation.Softmax)], LossFunction.CrossEntropy), json: true))
            .Replace("\"loss\": \"CrossEntropy\",", "", StringComparison.Ordinal);
        Assert.DoesNotContain("\"loss\"", json);
        DiagnosticAssert.Single("""
            [[|Network(3, Loss = LossFunction.CrossEntropy, Weights = "net.json")|]]
            [Dense(2, Activation.Softmax)]
            public partial class Net;
            """, new ProjectFiles().Text("net.json", json), "UNR029",
            $"'Net' declares loss CrossEntropy; net.json has loss MeanSquaredError — {Fix}");
    }

    [Fact]
    public void UNR028_a_parameter_file_names_its_layers_by_number() => DiagnosticAssert.Single("""
        [[|Network(3, Weights = "net.json")|]]
        [Dense(2, Activation.Tanh)]
        public partial class Net;
        """, new ProjectFiles().Text("net.json", System.Text.Encoding.UTF8.GetString(Saved(new NetworkSpec(3, [new LayerSpec(2)]), json: true))),
        "UNR028", $"Layer 1 of 'Net' declares Tanh; net.json's layer 1 has Identity — {Fix}");

    [Fact]
    public void A_loss_the_onnx_file_does_not_state_is_not_compared()
    {
        var run = GeneratorRunner.Run(GeneratorRunner.Compilation(["""
            using Unrolled;
            [Network(4, Weights = "models/net.onnx")]
            [Dense(5, Activation.Relu)]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """]), Torch());
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Single(run.Sources);
    }

    [Fact]
    public void Every_difference_is_reported_not_only_the_first()
    {
        var run = GeneratorRunner.Run(GeneratorRunner.Compilation(["""
            using Unrolled;
            [Network(3, Precision = Precision.Double, Weights = "models/net.onnx")]
            [Dense(6, Activation.Tanh)]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """]), Torch());
        Assert.Equal(["UNR025", "UNR027", "UNR028", "UNR029"], run.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void UNR015_a_member_named_ForwardBaked_conflicts_only_when_the_network_bakes_weights()
    {
        const string member = "public static void ForwardBaked(System.ReadOnlySpan<float> x, System.Span<float> y) { }";
        DiagnosticAssert.None($$"""
            [Network(2)]
            [Dense(1)]
            public partial class Net { {{member}} }
            """);
        var run = GeneratorRunner.Run(GeneratorRunner.Compilation([$$"""
            using Unrolled;
            [Network(4, Loss = LossFunction.CrossEntropy, Weights = "models/net.onnx")]
            [Dense(5, Activation.Relu)]
            [Dense(3, Activation.Softmax)]
            public partial class Net { {{member}} }
            """]), Torch());
        Assert.Equal("UNR015", Assert.Single(run.GeneratorDiagnostics).Id);
    }

    private static byte[] Saved(NetworkSpec spec, bool json) => BakedWeightsReaderTests.Save(new ReferenceNetwork<float>(spec), json);

    private static byte[] WithNaN()
    {
        var network = new ReferenceNetwork<float>(new NetworkSpec(3, [new LayerSpec(2)]));
        network.Parameters[4] = float.NaN;
        var stream = new MemoryStream();
        ParameterFile.Save(network, stream);
        return stream.ToArray();
    }
}
