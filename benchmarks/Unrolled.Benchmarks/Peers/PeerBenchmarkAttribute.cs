namespace Unrolled.Benchmarks.Peers;

/// <summary>
/// Marks a benchmark that times another library (a peer such as ONNX Runtime), not Unrolled. The <c>--smoke</c> run
/// reports a peer's allocations per call but does not fail on them (ORT allocates about 224 bytes per <c>Run</c>);
/// every unmarked benchmark must allocate nothing after warm-up.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class PeerBenchmarkAttribute : Attribute;
