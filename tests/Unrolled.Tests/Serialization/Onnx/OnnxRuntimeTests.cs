using System.Numerics;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace Unrolled.Tests.Serialization.Onnx;

/// <summary>Every exported network runs in ONNX Runtime 1.31 with the outputs of <see cref="ReferenceNetwork{T}"/>.</summary>
public class OnnxRuntimeTests(ITestOutputHelper output)
{
    // ONNX Runtime's CPU kernels and the interpreter sum in different orders, and its exp/tanh differ from .NET's by
    // an ulp or so: allowed is float rounding, relative to max(|y|, 1e-3) (outputs near zero are rounded differences).
    private const double FloatTolerance = 1e-5, DoubleTolerance = 1e-12, Floor = 1e-3;

    // ONNX Runtime 1.31 registers these ops for float only (no double CPU kernel): a DOUBLE graph with them does not
    // load. For them the double test checks the float export of the same graph instead, and
    // Double_kernels_missing_from_onnx_runtime_are_the_listed_ones fails once a newer runtime adds them.
    private static readonly Activation[] NoDoubleKernel = [Activation.LeakyRelu, Activation.Elu, Activation.Softplus, Activation.PRelu];

    public static TheoryData<Activation> Activations => OnnxTestNetworks.Activations();

    [Theory]
    [MemberData(nameof(Activations))]
    public void Float_export_runs_in_onnx_runtime_with_the_interpreters_outputs(Activation activation) =>
        Compare<float>(OnnxTestNetworks.Spec(activation, Precision.Single), FloatTolerance);

    [Theory]
    [MemberData(nameof(Activations))]
    public void Double_export_runs_in_onnx_runtime_with_the_interpreters_outputs(Activation activation)
    {
        if (NoDoubleKernel.Contains(activation))
        {
            // No double kernel in ONNX Runtime 1.31 (see NoDoubleKernel): the float export of this graph instead.
            Compare<float>(OnnxTestNetworks.Spec(activation, Precision.Single), FloatTolerance);
            return;
        }

        Compare<double>(OnnxTestNetworks.Spec(activation, Precision.Double), DoubleTolerance);
    }

    [Fact]
    public void Double_kernels_missing_from_onnx_runtime_are_the_listed_ones()
    {
        foreach (var activation in Enum.GetValues<Activation>())
        {
            byte[] file = OnnxTestNetworks.Export(OnnxTestNetworks.Network<double>(OnnxTestNetworks.Spec(activation, Precision.Double), seed: 1));
            bool loads;
            try
            {
                using var session = new InferenceSession(file);
                loads = true;
            }
            catch (OnnxRuntimeException error)
            {
                output.WriteLine($"{activation}: {error.Message}");
                loads = false;
            }

            Assert.True(loads != NoDoubleKernel.Contains(activation), $"{activation}: ONNX Runtime {(loads ? "now has" : "lacks")} a double kernel; update NoDoubleKernel");
        }
    }

    [Fact]
    public void Deep_network_with_alphas_runs_in_onnx_runtime()
    {
        var spec = new NetworkSpec(7, [
            new LayerSpec(16, Activation.LeakyRelu, 0.2), new LayerSpec(12, Activation.Elu, 0.5), new LayerSpec(9, Activation.Silu),
            new LayerSpec(8, Activation.Softplus), new LayerSpec(6, Activation.Sigmoid), new LayerSpec(5, Activation.Identity),
            new LayerSpec(3, Activation.Softmax)], LossFunction.CrossEntropy);
        Compare<float>(spec, FloatTolerance);
    }

    [Fact]
    public void Layers_without_bias_prelu_and_hidden_softmax_run_in_onnx_runtime()
    {
        var spec = new NetworkSpec(6, [
            new LayerSpec(10, Activation.PRelu, bias: false), new LayerSpec(8, Activation.Softmax), new LayerSpec(7, Activation.Tanh, bias: false),
            new LayerSpec(5, Activation.PRelu, -0.1), new LayerSpec(3, Activation.Identity, bias: false)]);

        // Float only (ONNX Runtime has no double PRelu). Five layers of float sums of O(1) terms differ by a few 1e-8
        // between the two; outputs near zero are compared against 0.1 rather than their own size.
        Compare<float>(spec, FloatTolerance, floor: 0.1);
    }

    [Fact]
    public void A_double_network_without_bias_and_with_a_hidden_softmax_runs_in_onnx_runtime()
    {
        var spec = new NetworkSpec(4, [new LayerSpec(6, Activation.Softmax, bias: false), new LayerSpec(5, Activation.Relu), new LayerSpec(2, Activation.Sigmoid, bias: false)],
            precision: Precision.Double);
        Compare<double>(spec, DoubleTolerance);
    }

    [Fact]
    public void Dropout_exports_as_nothing_and_the_graph_computes_the_inference_network()
    {
        var spec = new NetworkSpec(3, [new LayerSpec(8, Activation.Relu, dropout: 0.5), new LayerSpec(4, Activation.Tanh, dropout: 0.2), new LayerSpec(2)],
            precision: Precision.Double);
        var model = Unrolled.Onnx.OnnxProtoDecoder.Decode(OnnxTestNetworks.Export(OnnxTestNetworks.Network<double>(spec, seed: 3)));
        Assert.Equal(["Gemm", "Relu", "Gemm", "Tanh", "Gemm"], model.Graph!.Nodes.Select(n => n.OpType));
        Compare<double>(spec, DoubleTolerance);
    }

    /// <summary>The export of a seeded network, run by ONNX Runtime on one sample and on a batch of 17.</summary>
    private void Compare<T>(NetworkSpec spec, double tolerance, double floor = Floor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = OnnxTestNetworks.Network<T>(spec, seed: 21);
        byte[] file = OnnxTestNetworks.Export(network);
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(file, options);
        double largest = 0;
        foreach (int samples in new[] { 1, 17 })
        {
            T[] input = OnnxTestNetworks.Inputs<T>(samples, spec.Inputs, seed: samples);
            var expected = new T[samples * spec.Outputs];
            network.Forward(input, expected);
            T[] actual = Run(session, input, samples, spec);
            for (int k = 0; k < expected.Length; k++)
            {
                double a = double.CreateTruncating(actual[k]), e = double.CreateTruncating(expected[k]);
                double error = Math.Abs(a - e) / Math.Max(Math.Abs(e), floor);
                Assert.True(error <= tolerance, $"{spec}, {samples} samples, value {k}: ONNX Runtime {a:R}, interpreter {e:R} (relative error {error:E2})");
                largest = Math.Max(largest, error);
            }
        }

        output.WriteLine($"{spec}: largest relative error {largest:E2}");
    }

    private static T[] Run<T>(InferenceSession session, T[] input, int samples, NetworkSpec spec)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var tensor = OrtValue.CreateTensorValueFromMemory(input, [samples, spec.Inputs]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, ["input"], [tensor], ["output"]);
        var shape = results[0].GetTensorTypeAndShape().Shape;
        Assert.Equal([samples, (long)spec.Outputs], shape);
        return results[0].GetTensorDataAsSpan<T>().ToArray();
    }
}
