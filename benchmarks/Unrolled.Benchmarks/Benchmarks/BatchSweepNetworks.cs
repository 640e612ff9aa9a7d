using BenchmarkDotNet.Attributes;
using Unrolled.Benchmarks.Networks;

namespace Unrolled.Benchmarks;

// The swept networks: identical but for the type, so that the generated network is called through its concrete type.

/// <summary>64-64-64-10 ReLU at batch sizes 1 to 1,024.</summary>
public class Net64x64x64x10SweepBenchmarks : BatchSweepBenchmarks<Net64x64x64x10>
{
    [Benchmark(OperationsPerInvoke = SamplesPerInvoke)]
    public void BatchForward_Generated()
    {
        Net64x64x64x10 net = Net;
        int samples = Samples, inputs = samples * InputCount, outputs = samples * OutputCount;
        for (int call = 0; call < SamplesPerInvoke / samples; call++)
        {
            net.Forward(Inputs.AsSpan(call * inputs, inputs), Outputs.AsSpan(call * outputs, outputs));
        }
    }
}

/// <summary>784-128-10 ReLU/softmax at batch sizes 1 to 1,024.</summary>
public class Net784x128x10SweepBenchmarks : BatchSweepBenchmarks<Net784x128x10>
{
    [Benchmark(OperationsPerInvoke = SamplesPerInvoke)]
    public void BatchForward_Generated()
    {
        Net784x128x10 net = Net;
        int samples = Samples, inputs = samples * InputCount, outputs = samples * OutputCount;
        for (int call = 0; call < SamplesPerInvoke / samples; call++)
        {
            net.Forward(Inputs.AsSpan(call * inputs, inputs), Outputs.AsSpan(call * outputs, outputs));
        }
    }
}
