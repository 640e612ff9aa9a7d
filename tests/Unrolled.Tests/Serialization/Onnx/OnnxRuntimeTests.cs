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
    private static readonly Activation[] NoDoubleKernel = [Activation.LeakyRelu, Activation.Elu, Activation.Softplus];

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
        foreach (var activation in Enum.GetValues<Activation>().Except([Activation.PRelu]))
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

    /// <summary>The export of a seeded network, run by ONNX Runtime on one sample and on a batch of 17.</summary>
    private void Compare<T>(NetworkSpec spec, double tolerance)
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
                double error = Math.Abs(a - e) / Math.Max(Math.Abs(e), Floor);
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
