namespace Unrolled.Benchmarks.Report;

/// <summary>One row of a BenchmarkDotNet result file.</summary>
/// <param name="TypeName">The benchmark class's name (without namespace).</param>
/// <param name="Method">The benchmark method.</param>
/// <param name="Samples">The <c>Samples</c> parameter of a sweep row, or null.</param>
/// <param name="MeanNs">The mean per operation in ns, or null if the benchmark failed.</param>
/// <param name="AllocatedBytes">Bytes allocated per operation as BenchmarkDotNet rounds them, or null if not measured.</param>
public sealed record BenchmarkResult(string TypeName, string Method, int? Samples, double? MeanNs, double? AllocatedBytes);
