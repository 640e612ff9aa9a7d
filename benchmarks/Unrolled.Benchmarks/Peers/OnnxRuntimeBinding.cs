using Microsoft.ML.OnnxRuntime;

namespace Unrolled.Benchmarks.Peers;

/// <summary>
/// One input and one output tensor over preallocated managed buffers, in the one-element arrays that
/// <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
/// takes, built once so that a timed <c>Run</c> creates neither.
/// </summary>
public sealed class OnnxRuntimeBinding : IDisposable
{
    public OnnxRuntimeBinding(OrtValue input, OrtValue output)
    {
        Inputs = [input];
        Outputs = [output];
    }

    public OrtValue[] Inputs { get; }

    public OrtValue[] Outputs { get; }

    public void Dispose()
    {
        Inputs[0].Dispose();
        Outputs[0].Dispose();
    }
}
