using System.Runtime.CompilerServices;
using Unrolled.IntegrationTests.Networks;

namespace Unrolled.IntegrationTests;

/// <summary>
/// Networks baked at compile time by the generator running in a real build (build/Unrolled.targets encodes the binary
/// models): the parameters are the run-time readers' bit for bit, ForwardBaked is Forward over them, allocates nothing
/// and can be called from many threads, and Initialize restores them after fine-tuning.
/// </summary>
public class BakedWeightsTests
{
    [Fact]
    public void Each_file_kind_bakes_the_parameters_its_run_time_reader_loads()
    {
        Assert.Equal(Bits(OnnxModel.Load<float>(Fixture("onnx/torch_relu_softmax_opset13.onnx")).Parameters), Bits(new BakedTorchNet().Parameters));
        Assert.Equal(Bits(OnnxModel.Load<double>(Fixture("onnx/torch_double_opset13.onnx")).Parameters), Bits(new BakedTorchDoubleNet().Parameters));

        var binary = new ReferenceNetwork<float>(BakedBinaryNet.Spec);
        ParameterFile.Load(binary, Fixture("weights/regression.unrl"));
        Assert.Equal(Bits(binary.Parameters), Bits(new BakedBinaryNet().Parameters));

        var json = new ReferenceNetwork<float>(BakedJsonNet.Spec);
        ParameterFile.LoadJson(json, Fixture("weights/regression.json"));
        Assert.Equal(Bits(json.Parameters), Bits(new BakedJsonNet().Parameters));
        Assert.Equal(Bits(binary.Parameters), Bits(json.Parameters));
    }

    [Fact]
    public void ForwardBaked_computes_what_Forward_computes_one_sample_and_a_batch_at_a_time()
    {
        var network = new BakedTorchNet();
        var input = Enumerable.Range(0, 9 * BakedTorchNet.InputCount).Select(i => MathF.Sin(i)).ToArray();
        var viaInstance = new float[9 * BakedTorchNet.OutputCount];
        var viaStatic = new float[viaInstance.Length];
        network.Forward(input, viaInstance);
        BakedTorchNet.ForwardBaked(input, viaStatic);
        Assert.Equal(viaInstance, viaStatic);

        BakedTorchNet.ForwardBaked(input.AsSpan(0, 4), viaStatic.AsSpan(0, 3));
        Assert.Equal(viaInstance[..3], viaStatic[..3]);
    }

    [Fact]
    public void ForwardBaked_allocates_nothing()
    {
        var input = new float[9 * BakedTorchNet.InputCount];
        var output = new float[9 * BakedTorchNet.OutputCount];
        var inputDouble = new double[BakedTorchDoubleNet.InputCount];
        var outputDouble = new double[BakedTorchDoubleNet.OutputCount];
        Run(10); // warm up: tiering, static constructors
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(10_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        void Run(int calls)
        {
            for (int i = 0; i < calls; i++)
            {
                input[i % input.Length] = i % 7 / 7f;
                BakedTorchNet.ForwardBaked(input.AsSpan(0, BakedTorchNet.InputCount), output.AsSpan(0, BakedTorchNet.OutputCount));
                BakedTorchNet.ForwardBaked(input, output);
                BakedTorchDoubleNet.ForwardBaked(inputDouble, outputDouble);
                BakedBinaryNet.ForwardBaked(input.AsSpan(0, 2), output.AsSpan(0, 1));
            }
        }
    }

    [Fact]
    public void ForwardBaked_is_safe_to_call_from_many_threads()
    {
        var inputs = Enumerable.Range(0, 64).Select(s => Enumerable.Range(0, 4).Select(i => MathF.Cos(s * 4 + i)).ToArray()).ToArray();
        var expected = inputs.Select(x => { var y = new float[3]; BakedTorchNet.ForwardBaked(x, y); return y; }).ToArray();
        var mismatches = 0;
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            var y = new float[3];
            for (int round = 0; round < 2000; round++)
            {
                int s = round % inputs.Length;
                BakedTorchNet.ForwardBaked(inputs[s], y);
                if (!y.SequenceEqual(expected[s]))
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        });
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Fine_tuning_changes_the_instance_not_the_baked_weights_and_Initialize_restores_them()
    {
        var network = new BakedTorchNet();
        float[] baked = network.Parameters.ToArray();
        float[] input = [0.3f, 0.8f, 0.3f, -1.3f], target = [0, 0, 1];
        float[] before = new float[3], after = new float[3];
        BakedTorchNet.ForwardBaked(input, before);
        float lossBefore = network.Loss(input, target);
        var optimizer = new Sgd<float>(0.5f);
        for (int step = 0; step < 20; step++)
        {
            network.ZeroGradients();
            network.Backward(input, target);
            optimizer.Step(network.Parameters, network.Gradients);
        }

        Assert.True(network.Loss(input, target) < lossBefore, "fine-tuning did not lower the loss");
        BakedTorchNet.ForwardBaked(input, after);
        Assert.Equal(before, after);

        network.Initialize(seed: 7);
        Assert.Equal(Bits(baked), Bits(network.Parameters));
    }

    private static string Fixture(string path, [CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "fixtures", path));

    private static int[] Bits(Span<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    private static long[] Bits(Span<double> values) => values.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();
}
