using BenchmarkDotNet.Running;
using Unrolled.Benchmarks;

// Usage:
//   dotnet run -c Release --project benchmarks/Unrolled.Benchmarks -- --filter '*Forward*'
//   dotnet run -c Release --project benchmarks/Unrolled.Benchmarks -- --filter '*Net64x64x64x10*' --job short
//   dotnet run -c Release --project benchmarks/Unrolled.Benchmarks -- --smoke      (CI: every benchmark once, no timing)
if (args.Length > 0 && args[0] == "--smoke")
{
    return Smoke.Run(Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
