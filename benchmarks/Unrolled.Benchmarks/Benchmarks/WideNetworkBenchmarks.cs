using BenchmarkDotNet.Attributes;
using Unrolled.Benchmarks.Networks;

namespace Unrolled.Benchmarks;

/// <summary>
/// 256-4096-10 ReLU, linear output, MSE: the generated network against ONNX Runtime only (the interpreter and the
/// hand-written loops would take seconds per batch).
/// </summary>
public class Net256x4096x10Benchmarks : NetworkBenchmarkBase<Net256x4096x10>
{
    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void Forward_Generated() => Net.Forward(Input(0), Output(0));

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchForward)]
    public void BatchForward_Generated() => Net.Forward(Inputs, Outputs);

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchBackward)]
    public float BatchBackward_Generated() => Net.Backward(Inputs, Targets);
}
