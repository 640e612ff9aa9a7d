using Microsoft.ML.OnnxRuntime;

namespace Unrolled.Benchmarks.Peers;

/// <summary>
/// ONNX Runtime running the same network as a generated one: the model is written from the network's own parameters
/// by <see cref="OnnxModel.Export{T}(INetwork{T}, Stream)"/> and run the way ORT's performance docs recommend for one
/// thread: one intra-op and one inter-op thread, sequential execution, every graph optimization (ORT_ENABLE_ALL), and
/// the <see cref="OrtValue"/> API over preallocated, pinned input and output buffers (<see cref="Bind"/>).
/// </summary>
public sealed class OnnxRuntimePeer : IDisposable
{
    // The names OnnxModel.Export gives the graph's input and output.
    private static readonly string[] InputNames = ["input"];
    private static readonly string[] OutputNames = ["output"];

    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly int _inputCount;
    private readonly int _outputCount;

    private OnnxRuntimePeer(SessionOptions options, InferenceSession session, int inputCount, int outputCount)
    {
        _options = options;
        _session = session;
        _inputCount = inputCount;
        _outputCount = outputCount;
    }

    /// <summary>Exports <paramref name="network"/> to ONNX in memory and opens an ORT session on it.</summary>
    public static OnnxRuntimePeer FromNetwork(INetwork<float> network)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var model = new MemoryStream();
        OnnxModel.Export(network, model);
        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            return new OnnxRuntimePeer(options, new InferenceSession(model.ToArray(), options), network.InputCount, network.OutputCount);
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Tensors over samples <c>[first, first + samples)</c> of <paramref name="inputs"/> (row-major
    /// <c>[N, inputs]</c>) and the same rows of <paramref name="outputs"/>, pinned until the binding is disposed.
    /// </summary>
    public OnnxRuntimeBinding Bind(float[] inputs, float[] outputs, int first, int samples)
    {
        var input = new Memory<float>(inputs, first * _inputCount, samples * _inputCount);
        var output = new Memory<float>(outputs, first * _outputCount, samples * _outputCount);
        OrtValue inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input, [samples, _inputCount]);
        OrtValue outputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output, [samples, _outputCount]);
        return new OnnxRuntimeBinding(inputValue, outputValue);
    }

    /// <summary>One <c>Run</c> over a binding's samples: ORT writes their outputs into the bound output rows.</summary>
    public void Run(OnnxRuntimeBinding binding) =>
        _session.Run(_runOptions, InputNames, binding.Inputs, OutputNames, binding.Outputs);

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
        _options.Dispose();
    }
}
