using System.Globalization;
using System.Text.RegularExpressions;

namespace Unrolled.Benchmarks.Report;

/// <summary>
/// <c>--report [DIR]</c>: turns one run's BenchmarkDotNet result files (DIR, by default
/// <c>BenchmarkDotNet.Artifacts/results</c>) into the tables docs/benchmarks.md needs, in Markdown: the FMA peak of
/// that run, single-sample and batch forward of every network against ONNX Runtime with ratios and % of peak,
/// backward of a batch, training steps, the batch-size sweep, and every allocation.
/// </summary>
public static partial class ReportWriter
{
    public const string DefaultDirectory = "BenchmarkDotNet.Artifacts/results";

    private const string PeakType = nameof(FmaPeakBenchmarks);

    public static int Run(string directory, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!Directory.Exists(directory) || Directory.GetFiles(directory, "*-report.csv").Length == 0)
        {
            Console.Error.WriteLine($"No BenchmarkDotNet result files (*-report.csv) in '{directory}': run the suite first (docs/benchmarks.md).");
            return 1;
        }

        ResultSet results = ResultSet.Load(directory);
        List<(Type Type, NetworkShape Shape)> networks = BenchmarkTypes(results, typeof(NetworkBenchmarkBase<>));
        List<(Type Type, NetworkShape Shape)> sweeps = BenchmarkTypes(results, typeof(BatchSweepBenchmarks<>));
        output.WriteLine($"# Benchmark report ({Path.GetFullPath(directory)})");
        output.WriteLine();
        WriteEnvironment(directory, output);
        double? peak = WritePeak(results, output);
        WriteForward(results, networks, peak, output);
        WriteBackward(results, networks, peak, output);
        WriteTrainingSteps(results, networks, peak, output);
        WriteSweep(results, sweeps, peak, output);
        WriteAllocations(results, output);
        return 0;
    }

    /// <summary>The benchmark classes of the results that derive from <paramref name="genericBase"/>, by multiply-adds.</summary>
    private static List<(Type Type, NetworkShape Shape)> BenchmarkTypes(ResultSet results, Type genericBase) =>
        results.Results.Select(r => r.TypeName).Distinct()
            .Select(name => typeof(ReportWriter).Assembly.GetType($"{typeof(ReportWriter).Namespace![..^".Report".Length]}.{name}"))
            .OfType<Type>()
            .Where(t => DerivesFrom(t, genericBase))
            .Select(t => (Type: t, Shape: NetworkShape.Of(t)!))
            .OrderBy(n => n.Shape.ForwardMultiplyAdds).ThenBy(n => n.Shape.Name, StringComparer.Ordinal)
            .ToList();

    private static bool DerivesFrom(Type type, Type genericBase)
    {
        for (Type? t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == genericBase)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>BenchmarkDotNet's environment block (machine, runtime, JIT's instruction sets) from one report.</summary>
    private static void WriteEnvironment(string directory, TextWriter output)
    {
        string? report = Directory.GetFiles(directory, "*-report-github.md").Order(StringComparer.Ordinal).FirstOrDefault();
        if (report is null)
        {
            return;
        }

        string[] lines = File.ReadAllLines(report);
        int open = Array.IndexOf(lines, "```");
        int close = open < 0 ? -1 : Array.IndexOf(lines, "```", open + 1);
        if (close > open)
        {
            output.WriteLine("```");
            foreach (string line in lines[(open + 1)..close].Where(l => l.Trim().Length > 0))
            {
                output.WriteLine(line);
            }

            output.WriteLine("```");
            output.WriteLine();
        }
    }

    private static double? WritePeak(ResultSet results, TextWriter output)
    {
        output.WriteLine("## FMA peak (this run)");
        output.WriteLine();
        var table = new MarkdownTable("kernel", "ns per 1,000 multiply-adds", "multiply-adds/ns");
        double? peak = null;
        foreach ((string method, string kernel) in new[] { ("Vector256Chains", "Vector256"), ("Vector512Chains", "Vector512") })
        {
            double? mean = results.Mean(PeakType, method);
            double? rate = mean is > 0 ? FmaPeakBenchmarks.MultiplyAddsPerOperation / mean.Value : null;
            peak = rate > (peak ?? 0) ? rate : peak;
            table.Add($"{kernel}, {Peak.FmaChains.Chains} independent chains", Format.Time(mean), Format.Number(rate, "F1"));
        }

        table.WriteTo(output);
        output.WriteLine(peak is null
            ? "No FMA peak in these results (run `--filter '*FmaPeak*'` in the same run): no \"% of peak\" below."
            : $"\"% of peak\" below is against {Format.Number(peak, "F1")} multiply-adds/ns, the larger of the two.");
        output.WriteLine();
        return peak;
    }

    private static void WriteForward(ResultSet results, List<(Type Type, NetworkShape Shape)> networks, double? peak, TextWriter output)
    {
        output.WriteLine("## Single-sample forward, ns");
        output.WriteLine();
        var single = new MarkdownTable("network", "multiply-adds", "Unrolled", "ONNX Runtime", "Unrolled / ORT", "Unrolled % of peak");
        var batch = new MarkdownTable("network", "Unrolled", "ONNX Runtime (one Run)", "Unrolled / ORT", "Unrolled % of peak", "ORT % of peak");
        foreach ((Type type, NetworkShape shape) in networks)
        {
            double? unrolled = results.Mean(type.Name, "Forward_Generated");
            double? onnx = results.Mean(type.Name, "Forward_OnnxRuntime");
            single.Add(shape.Name, Format.Count(shape.ForwardMultiplyAdds), Format.Time(unrolled), Format.Time(onnx),
                Format.Ratio(unrolled, onnx), Format.PercentOfPeak(shape.ForwardMultiplyAdds, unrolled, peak));
            double? unrolledBatch = results.Mean(type.Name, "BatchForward_Generated");
            double? onnxBatch = results.Mean(type.Name, "BatchForward_OnnxRuntime");
            batch.Add(shape.Name, Format.Time(unrolledBatch), Format.Time(onnxBatch), Format.Ratio(unrolledBatch, onnxBatch),
                Format.PercentOfPeak(shape.ForwardMultiplyAdds, unrolledBatch, peak), Format.PercentOfPeak(shape.ForwardMultiplyAdds, onnxBatch, peak));
        }

        single.WriteTo(output);
        output.WriteLine($"## Batch of {NetworkBenchmarkBase<Networks.Net2x3x2>.BatchSize:N0} forward, ns per sample");
        output.WriteLine();
        batch.WriteTo(output);
    }

    private static void WriteBackward(ResultSet results, List<(Type Type, NetworkShape Shape)> networks, double? peak, TextWriter output)
    {
        output.WriteLine("## Backward, ns (training multiply-adds: forward, weight gradient, input gradient but the first layer's)");
        output.WriteLine();
        var table = new MarkdownTable("network", "training multiply-adds", "Backward, 1 sample", "Backward of 1,024 in one call, per sample",
            "batch backward / batch forward", "batch backward % of peak");
        foreach ((Type type, NetworkShape shape) in networks)
        {
            double? backward = results.Mean(type.Name, "Backward_Generated");
            double? batchBackward = results.Mean(type.Name, "BatchBackward_Generated");
            double? batchForward = results.Mean(type.Name, "BatchForward_Generated");
            table.Add(shape.Name, Format.Count(shape.TrainingMultiplyAdds), Format.Time(backward), Format.Time(batchBackward),
                Format.Ratio(batchBackward, batchForward), Format.PercentOfPeak(shape.TrainingMultiplyAdds, batchBackward, peak));
        }

        table.WriteTo(output);
    }

    private static void WriteTrainingSteps(ResultSet results, List<(Type Type, NetworkShape Shape)> networks, double? peak, TextWriter output)
    {
        output.WriteLine("## Training steps (zero gradients, Backward, scale by 1/N, one Adam step), µs");
        output.WriteLine();
        var table = new MarkdownTable("network", "N", "Backward calls", "Unrolled, µs", "% of peak");
        foreach ((Type type, NetworkShape shape) in networks)
        {
            var steps = results.Results.Where(r => r.TypeName == type.Name)
                .Select(r => (Row: r, Step: TrainingStep(r.Method)))
                .Where(s => s.Step is not null)
                .OrderBy(s => s.Step!.Value.Samples);
            foreach ((BenchmarkResult row, (int Samples, string Calls)? step) in steps)
            {
                (int samples, string calls) = step!.Value;
                table.Add(shape.Name, samples.ToString(CultureInfo.InvariantCulture), calls, Format.Number(row.MeanNs / 1000, "N1"),
                    Format.PercentOfPeak((double)shape.TrainingMultiplyAdds * samples, row.MeanNs, peak));
            }
        }

        table.WriteTo(output);
    }

    private static void WriteSweep(ResultSet results, List<(Type Type, NetworkShape Shape)> sweeps, double? peak, TextWriter output)
    {
        output.WriteLine("## Batch-size sweep, forward, ns per sample");
        output.WriteLine();
        var table = new MarkdownTable("network", "samples per call", "Unrolled", "ONNX Runtime", "Unrolled / ORT", "Unrolled % of peak", "ORT % of peak");
        foreach ((Type type, NetworkShape shape) in sweeps)
        {
            foreach (int samples in results.Results.Where(r => r.TypeName == type.Name && r.Samples is not null).Select(r => r.Samples!.Value).Distinct().Order())
            {
                double? unrolled = results.Mean(type.Name, "BatchForward_Generated", samples);
                double? onnx = results.Mean(type.Name, "BatchForward_OnnxRuntime", samples);
                table.Add(shape.Name, samples.ToString("N0", CultureInfo.InvariantCulture), Format.Time(unrolled), Format.Time(onnx),
                    Format.Ratio(unrolled, onnx), Format.PercentOfPeak(shape.ForwardMultiplyAdds, unrolled, peak), Format.PercentOfPeak(shape.ForwardMultiplyAdds, onnx, peak));
            }
        }

        table.WriteTo(output);
    }

    private static void WriteAllocations(ResultSet results, TextWriter output)
    {
        output.WriteLine("## Allocations");
        output.WriteLine();
        List<BenchmarkResult> allocating = results.Results.Where(r => r.AllocatedBytes > 0).ToList();
        int measured = results.Results.Count(r => r.AllocatedBytes is not null);
        output.WriteLine($"{measured} of {results.Results.Count} rows measured allocations; {allocating.Count} allocate. " +
            "BenchmarkDotNet divides by OperationsPerInvoke and rounds: a batched Run's bytes show per sample.");
        output.WriteLine();
        var table = new MarkdownTable("benchmark", "who", "allocated per operation, B");
        foreach (BenchmarkResult row in allocating)
        {
            bool peer = typeof(ReportWriter).Assembly.GetType($"Unrolled.Benchmarks.{row.TypeName}")?.GetMethod(row.Method)
                ?.GetCustomAttributes(typeof(Peers.PeerBenchmarkAttribute), inherit: true).Length > 0;
            string name = row.Samples is null ? $"{row.TypeName}.{row.Method}" : $"{row.TypeName}.{row.Method} [Samples={row.Samples}]";
            table.Add(name, peer ? "peer" : "**Unrolled (should be 0)**", Format.Number(row.AllocatedBytes, "N0"));
        }

        if (table.RowCount > 0)
        {
            table.WriteTo(output);
        }
    }

    /// <summary>The samples and Backward calls of a generated network's training-step method, or null for other methods.</summary>
    private static (int Samples, string Calls)? TrainingStep(string method) =>
        method == "TrainStep_Generated"
            ? (NetworkBenchmarks<Networks.Net2x3x2>.MiniBatchSize, "one per sample")
            : OneCallStep().Match(method) is { Success: true } m ? (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), "one") : null;

    [GeneratedRegex(@"^TrainStepOneCall(\d+)_Generated$")]
    private static partial Regex OneCallStep();
}
