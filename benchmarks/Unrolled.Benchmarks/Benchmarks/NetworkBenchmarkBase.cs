using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Unrolled.Benchmarks.Checks;
using Unrolled.Benchmarks.Data;
using Unrolled.Benchmarks.Peers;

namespace Unrolled.Benchmarks;

/// <summary>
/// What every per-network benchmark class shares: the generated network (initialized from
/// <see cref="BenchmarkData.WeightSeed"/>), <see cref="BatchSize"/> samples of data, and ONNX Runtime on the same
/// parameters as a peer (single sample and one batched <c>Run</c>, outputs checked in GlobalSetup). Subclasses add baselines
/// through <see cref="SetUpBaselines"/>; the generated network's own benchmarks live in sealed subclasses, where
/// <see cref="Net"/> has its concrete type so that calls are direct (no interface dispatch), as a user's would be.
/// </summary>
/// <typeparam name="TNet">The generated network.</typeparam>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public abstract class NetworkBenchmarkBase<TNet>
    where TNet : class, INetwork<float>, new()
{
    /// <summary>Samples per batch invocation (reported per sample through OperationsPerInvoke).</summary>
    public const int BatchSize = 1024;

    protected TNet Net { get; private set; } = null!;

    /// <summary><see cref="BatchSize"/> samples, row after row.</summary>
    protected float[] Inputs { get; private set; } = [];

    /// <summary>One target per sample: one-hot for cross-entropy, uniform in [-1, 1] for MSE.</summary>
    protected float[] Targets { get; private set; } = [];

    /// <summary>Room for <see cref="BatchSize"/> outputs.</summary>
    protected float[] Outputs { get; private set; } = [];

    protected int InputCount { get; private set; }

    protected int OutputCount { get; private set; }

    private OnnxRuntimePeer _onnx = null!;
    private OnnxRuntimeBinding _onnxSample = null!;
    private OnnxRuntimeBinding _onnxBatch = null!;

    [GlobalSetup]
    public void Setup()
    {
        Net = BenchmarkData.CreateNetwork<TNet>();
        InputCount = Net.InputCount;
        OutputCount = Net.OutputCount;
        (Inputs, Targets) = BenchmarkData.Create(Net.Spec, BatchSize);
        Outputs = new float[BatchSize * OutputCount];
        SetUpBaselines();
        SetUpOnnxRuntime();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _onnxSample?.Dispose();
        _onnxBatch?.Dispose();
        _onnx?.Dispose();
    }

    /// <summary>Builds what the subclass compares the generated network with, and checks that they agree.</summary>
    protected virtual void SetUpBaselines()
    {
    }

    /// <summary>Samples whose single-sample Run is checked against the generated network's single-sample Forward.</summary>
    private const int SingleSamplesChecked = 64;

    /// <summary>ORT on the generated network's parameters; its outputs must be the generated network's.</summary>
    private void SetUpOnnxRuntime()
    {
        _onnx = OnnxRuntimePeer.FromNetwork(Net);
        string name = typeof(TNet).Name;

        // One batched Run over all the samples, checked against the generated network's batch Forward.
        var onnxOutputs = new float[BatchSize * OutputCount];
        _onnxBatch = _onnx.Bind(Inputs, onnxOutputs, first: 0, samples: BatchSize);
        Net.Forward(Inputs, Outputs);
        _onnx.Run(_onnxBatch);
        float batch = OutputAgreement.Check($"{name}: ONNX Runtime's batched Run", Outputs, onnxOutputs, OutputCount);

        // Single samples through a one-sample buffer, checked against single-sample Forward calls.
        var sampleInput = new float[InputCount];
        var sampleOutput = new float[OutputCount];
        _onnxSample = _onnx.Bind(sampleInput, sampleOutput, first: 0, samples: 1);
        var expected = new float[SingleSamplesChecked * OutputCount];
        var actual = new float[SingleSamplesChecked * OutputCount];
        for (int s = SingleSamplesChecked - 1; s >= 0; s--)
        {
            Net.Forward(Input(s), expected.AsSpan(s * OutputCount, OutputCount));
            Input(s).CopyTo(sampleInput);
            _onnx.Run(_onnxSample);
            sampleOutput.CopyTo(actual, s * OutputCount);
        }

        // The loop ends on sample 0: the one Forward_OnnxRuntime runs, as Forward_Generated does.
        float single = OutputAgreement.Check($"{name}: ONNX Runtime's single-sample Run", expected, actual, OutputCount);
        Console.WriteLine($"// {name}: ONNX Runtime agrees (normwise relative difference: batch {batch:E1}, single {single:E1})");
    }

    // ---- ONNX Runtime, the peer: one sample, and one batched Run of BatchSize samples reported per sample ----

    [Benchmark]
    [PeerBenchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void Forward_OnnxRuntime() => _onnx.Run(_onnxSample);

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [PeerBenchmark]
    [BenchmarkCategory(Categories.BatchForward)]
    public void BatchForward_OnnxRuntime() => _onnx.Run(_onnxBatch);

    protected ReadOnlySpan<float> Input(int sample) => Inputs.AsSpan(sample * InputCount, InputCount);

    protected ReadOnlySpan<float> Target(int sample) => Targets.AsSpan(sample * OutputCount, OutputCount);

    protected Span<float> Output(int sample) => Outputs.AsSpan(sample * OutputCount, OutputCount);

    /// <summary>Samples <c>[first, first + count)</c> of the inputs, row-major.</summary>
    protected ReadOnlySpan<float> InputRows(int first, int count) => Inputs.AsSpan(first * InputCount, count * InputCount);

    /// <summary>The targets of samples <c>[first, first + count)</c>, row-major.</summary>
    protected ReadOnlySpan<float> TargetRows(int first, int count) => Targets.AsSpan(first * OutputCount, count * OutputCount);
}
