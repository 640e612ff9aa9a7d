using System.Runtime.Intrinsics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using Unrolled.Benchmarks;
using Unrolled.Benchmarks.Peak;
using Unrolled.Benchmarks.Report;

// Usage (docs/benchmarks.md, "How to run"):
//   dotnet run -c Release --project benchmarks/Unrolled.Benchmarks -- --filter '*' --job short --iterationTime 250
//   dotnet run -c Release --project benchmarks/Unrolled.Benchmarks -- --filter '*Net64x64x64x10*' --job short
//   dotnet run -c Release --project benchmarks/Unrolled.Benchmarks -- --smoke      (CI: every benchmark a few times, no timing)
//   dotnet run -c Release --project benchmarks/Unrolled.Benchmarks -- --report [DIR]   (tables from a run's result files)
if (args.Length > 0 && args[0] == "--smoke")
{
    return Smoke.Run(Console.Out);
}

if (args.Length > 0 && args[0] == "--report")
{
    return ReportWriter.Run(args.Length > 1 ? args[1] : ReportWriter.DefaultDirectory, Console.Out);
}

Console.WriteLine($"// Vector512.IsHardwareAccelerated: {Vector512.IsHardwareAccelerated}, Vector256: {Vector256.IsHardwareAccelerated}");
IConfig config = DefaultConfig.Instance
    .AddFilter(new SimpleFilter(b => RequiresVector512Attribute.IsMet(b.Descriptor.WorkloadMethod, out _)));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
