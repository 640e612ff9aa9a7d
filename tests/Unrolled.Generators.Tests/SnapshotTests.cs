using Unrolled.Generators.Tests.Infrastructure;

namespace Unrolled.Generators.Tests;

/// <summary>
/// The generated code of a few networks, compared with reviewed snapshots. Together they cover every activation,
/// every loss, both precisions, unrolled and loop layers, namespaces and nesting.
/// </summary>
public class SnapshotTests
{
    [Fact]
    public void Circles_sigmoid_softmax_cross_entropy_float() => VerifyNetwork("""
        using Unrolled;

        namespace Demo;

        [Network(inputs: 2, Loss = LossFunction.CrossEntropy)]
        [Dense(3, Activation.Sigmoid)]
        [Dense(2, Activation.Softmax)]
        public partial class CirclesNet;
        """, "Demo.CirclesNet.g.cs");

    [Fact]
    public void Toolbox_prelu_dropout_hidden_softmax_and_a_layer_without_bias_float() => VerifyNetwork("""
        using Unrolled;

        namespace Demo;

        [Network(3)]
        [Dense(4, Activation.PRelu, Dropout = 0.5)]
        [Dense(3, Activation.Softmax, Bias = false)]
        [Dense(2)]
        public partial class ToolboxNet;
        """, "Demo.ToolboxNet.g.cs");

    [Fact]
    public void Regression_tanh_elu_identity_mse_double() => VerifyNetwork("""
        using Unrolled;

        namespace Demo.Audio
        {
            [Network(1, Precision = Precision.Double)]
            [Dense(8, Activation.Tanh)]
            [Dense(8, Activation.Elu, Alpha = 0.5)]
            [Dense(1)]
            internal partial class Waveshaper
            {
            }
        }
        """, "Demo.Audio.Waveshaper.g.cs");

    [Fact]
    public void Binary_leaky_relu_softplus_sigmoid_bce_float() => VerifyNetwork("""
        using Unrolled;

        namespace Demo;

        [Network(4, Loss = LossFunction.BinaryCrossEntropy)]
        [Dense(6, Activation.LeakyRelu, Alpha = 0.2)]
        [Dense(5, Activation.Softplus)]
        [Dense(1, Activation.Sigmoid)]
        public partial class BinaryClassifier;
        """, "Demo.BinaryClassifier.g.cs");

    [Fact]
    public void Nested_global_silu_relu_softmax_mse_loops_double() => VerifyNetwork("""
        using Unrolled;

        public partial class Controllers
        {
            [Network(3, Precision = Precision.Double, Unroll = UnrollMode.Loops)]
            [Dense(4, Activation.Silu)]
            [Dense(3, Activation.Relu)]
            [Dense(2, Activation.Softmax)]
            private partial class Policy;
        }
        """, "Controllers.Policy.g.cs");

    [Fact]
    public void Mnist_784_128_10_relu_softmax_loops_float() => VerifyNetwork("""
        using Unrolled;

        namespace Demo;

        [Network(784, Loss = LossFunction.CrossEntropy)]
        [Dense(128, Activation.Relu)]
        [Dense(10, Activation.Softmax)]
        public partial class MnistNet;
        """, "Demo.MnistNet.g.cs");

    [Fact]
    public void Generation_is_deterministic_and_culture_invariant()
    {
        const string source = """
            using Unrolled;
            [Network(2, Loss = LossFunction.BinaryCrossEntropy)]
            [Dense(3, Activation.LeakyRelu, Alpha = 0.125)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
            """;
        string first = GeneratorRunner.Run(source).Sources["Net.g.cs"];
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            // A culture whose decimal separator is a comma would break literals written with the current culture.
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            string second = GeneratorRunner.Run(source).Sources["Net.g.cs"];
            Assert.Equal(first, second);
            Assert.Contains("0.125F", second);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Baked_relu_softmax_from_pytorch_onnx_float()
    {
        var files = new ProjectFiles().Model("models/policy.onnx", File.ReadAllBytes(BakedNetwork.Fixture("torch_relu_softmax_opset13")));
        VerifyBaked("""
            using Unrolled;

            namespace Demo;

            [Network(4, Loss = LossFunction.CrossEntropy, Weights = "models/policy.onnx")]
            [Dense(5, Activation.Relu)]
            [Dense(3, Activation.Softmax)]
            public partial class PolicyNet;
            """, files, "Demo.PolicyNet.g.cs");
    }

    [Fact]
    public void Baked_tanh_identity_from_json_double()
    {
        var files = new ProjectFiles().Text("weights/shaper.json", """
            { "format": "unrolled-parameters", "version": 1, "elementType": "float64",
              "spec": { "inputs": 2, "layers": [ { "units": 2, "activation": "Tanh" }, { "units": 1, "activation": "Identity" } ],
                        "loss": "MeanSquaredError", "precision": "Double" },
              "layers": [ { "weights": [ [0.1, -0.0], [1e-300, -2.5] ], "bias": [0.3333333333333333, 1.7976931348623157e308] },
                          { "weights": [ [4.9e-324], [-1] ], "bias": [0] } ] }
            """);
        VerifyBaked("""
            using Unrolled;

            [Network(2, Precision = Precision.Double, Weights = "weights/shaper.json")]
            [Dense(2, Activation.Tanh)]
            [Dense(1)]
            public partial class Shaper;
            """, files, "Shaper.g.cs");
    }

    private static void VerifyBaked(string source, ProjectFiles files, string hint, [System.Runtime.CompilerServices.CallerMemberName] string method = "")
    {
        var run = GeneratorRunner.Run(GeneratorRunner.Compilation([source]), files);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Snapshot.Verify(run.Sources[hint], hint, method: method);
    }

    private static void VerifyNetwork(string source, string hint, [System.Runtime.CompilerServices.CallerMemberName] string method = "")
    {
        var run = GeneratorRunner.Run(source);
        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity > Microsoft.CodeAnalysis.DiagnosticSeverity.Info));
        Assert.Empty(run.CompilationDiagnostics);
        Assert.True(run.Sources.ContainsKey(hint), $"No source named {hint}; got {string.Join(", ", run.Sources.Keys)}");
        Snapshot.Verify(run.Sources[hint], hint, method: method);
    }
}
