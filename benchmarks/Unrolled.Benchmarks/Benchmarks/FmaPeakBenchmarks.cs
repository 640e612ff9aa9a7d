using BenchmarkDotNet.Attributes;
using Unrolled.Benchmarks.Peak;

namespace Unrolled.Benchmarks;

/// <summary>
/// The FMA peak of this machine, measured in the same run as everything else so that "% of peak" compares figures
/// of one run. One operation is 1,000 float multiply-adds: the Mean is ns per 1,000 multiply-adds, and the peak in
/// multiply-adds per ns is 1,000 / Mean (<c>--report</c> takes the larger of the two widths).
/// </summary>
[MemoryDiagnoser]
public class FmaPeakBenchmarks
{
    /// <summary>Loop iterations per invocation (each runs <see cref="FmaChains.Chains"/> vector FMAs).</summary>
    public const int Iterations = 100_000;

    /// <summary>Multiply-adds per operation as BenchmarkDotNet counts them.</summary>
    public const int MultiplyAddsPerOperation = 1000;

    [Benchmark(OperationsPerInvoke = Iterations * FmaChains.Chains * 8 / MultiplyAddsPerOperation)]
    public float Vector256Chains() => FmaChains.Run256(Iterations);

    [Benchmark(OperationsPerInvoke = Iterations * FmaChains.Chains * 16 / MultiplyAddsPerOperation)]
    [RequiresVector512]
    public float Vector512Chains() => FmaChains.Run512(Iterations);
}
