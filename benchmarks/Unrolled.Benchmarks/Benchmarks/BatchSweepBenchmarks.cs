using BenchmarkDotNet.Attributes;
using Unrolled.Benchmarks.Checks;
using Unrolled.Benchmarks.Data;
using Unrolled.Benchmarks.Peers;

namespace Unrolled.Benchmarks;

/// <summary>
/// Batch-size sweep: every invocation pushes the same <see cref="SamplesPerInvoke"/> samples through in calls of
/// <see cref="Samples"/> samples each (1,024 / Samples calls), so that the time is reported per sample at every
/// size. The generated network's batch <c>Forward</c> against ONNX Runtime's batched <c>Run</c> on the same
/// parameters and inputs (one binding per call's rows, built in GlobalSetup, outputs checked there; ORT is the Ratio
/// baseline, so the generated network's Ratio is its time over ORT's). The generated
/// network's method lives in the sealed subclasses, where the call is direct.
/// </summary>
/// <typeparam name="TNet">The generated network.</typeparam>
[MemoryDiagnoser]
public abstract class BatchSweepBenchmarks<TNet>
    where TNet : class, INetwork<float>, new()
{
    /// <summary>Samples per invocation, whatever the batch size (reported per sample).</summary>
    public const int SamplesPerInvoke = 1024;

    private OnnxRuntimePeer _onnx = null!;
    private OnnxRuntimeBinding[] _onnxCalls = [];

    /// <summary>Samples per call.</summary>
    [Params(1, 4, 16, 64, 256, 1024)]
    public int Samples { get; set; } = SamplesPerInvoke;

    protected TNet Net { get; private set; } = null!;

    /// <summary><see cref="SamplesPerInvoke"/> samples, row after row.</summary>
    protected float[] Inputs { get; private set; } = [];

    /// <summary>Room for <see cref="SamplesPerInvoke"/> outputs.</summary>
    protected float[] Outputs { get; private set; } = [];

    protected int InputCount { get; private set; }

    protected int OutputCount { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        if (Samples <= 0 || SamplesPerInvoke % Samples != 0)
        {
            throw new InvalidOperationException($"Samples = {Samples} must divide {SamplesPerInvoke}.");
        }

        Net = BenchmarkData.CreateNetwork<TNet>();
        InputCount = Net.InputCount;
        OutputCount = Net.OutputCount;
        Inputs = BenchmarkData.Create(Net.Spec, SamplesPerInvoke).Inputs;
        Outputs = new float[SamplesPerInvoke * OutputCount];

        _onnx = OnnxRuntimePeer.FromNetwork(Net);
        var onnxOutputs = new float[SamplesPerInvoke * OutputCount];
        _onnxCalls = new OnnxRuntimeBinding[SamplesPerInvoke / Samples];
        for (int call = 0; call < _onnxCalls.Length; call++)
        {
            _onnxCalls[call] = _onnx.Bind(Inputs, onnxOutputs, first: call * Samples, samples: Samples);
        }

        for (int first = 0; first < SamplesPerInvoke; first += Samples)
        {
            Net.Forward(Inputs.AsSpan(first * InputCount, Samples * InputCount), Outputs.AsSpan(first * OutputCount, Samples * OutputCount));
        }

        BatchForward_OnnxRuntime();
        OutputAgreement.Check($"{typeof(TNet).Name}: ONNX Runtime's Run of {Samples} samples", Outputs, onnxOutputs, OutputCount);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (OnnxRuntimeBinding binding in _onnxCalls)
        {
            binding.Dispose();
        }

        _onnxCalls = [];
        _onnx?.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SamplesPerInvoke)]
    [PeerBenchmark]
    public void BatchForward_OnnxRuntime()
    {
        foreach (OnnxRuntimeBinding binding in _onnxCalls)
        {
            _onnx.Run(binding);
        }
    }
}
