using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Unrolled.Benchmarks.Data;

namespace Unrolled.Benchmarks;

/// <summary>
/// What every per-network benchmark class shares: the generated network (initialized from
/// <see cref="BenchmarkData.WeightSeed"/>) and <see cref="BatchSize"/> samples of data. Subclasses add baselines
/// through <see cref="SetUpBaselines"/>; the generated network's own benchmarks live in sealed subclasses, where
/// <see cref="Net"/> has its concrete type so that calls are direct (no interface dispatch), as a user's would be.
/// </summary>
/// <typeparam name="TNet">The generated network.</typeparam>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public abstract class NetworkBenchmarkBase<TNet>
    where TNet : class, INetwork<float>, new()
{
    /// <summary>Samples per batch invocation (reported per sample through OperationsPerInvoke).</summary>
    public const int BatchSize = 1024;

    protected TNet Net { get; private set; } = null!;

    /// <summary><see cref="BatchSize"/> samples, row after row.</summary>
    protected float[] Inputs { get; private set; } = [];

    /// <summary>One target per sample: one-hot for cross-entropy, uniform in [-1, 1] for MSE.</summary>
    protected float[] Targets { get; private set; } = [];

    /// <summary>Room for <see cref="BatchSize"/> outputs.</summary>
    protected float[] Outputs { get; private set; } = [];

    protected int InputCount { get; private set; }

    protected int OutputCount { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        Net = BenchmarkData.CreateNetwork<TNet>();
        InputCount = Net.InputCount;
        OutputCount = Net.OutputCount;
        (Inputs, Targets) = BenchmarkData.Create(Net.Spec, BatchSize);
        Outputs = new float[BatchSize * OutputCount];
        SetUpBaselines();
    }

    /// <summary>Builds what the subclass compares the generated network with, and checks that they agree.</summary>
    protected virtual void SetUpBaselines()
    {
    }

    protected ReadOnlySpan<float> Input(int sample) => Inputs.AsSpan(sample * InputCount, InputCount);

    protected ReadOnlySpan<float> Target(int sample) => Targets.AsSpan(sample * OutputCount, OutputCount);

    protected Span<float> Output(int sample) => Outputs.AsSpan(sample * OutputCount, OutputCount);

    /// <summary>Samples <c>[first, first + count)</c> of the inputs, row-major.</summary>
    protected ReadOnlySpan<float> InputRows(int first, int count) => Inputs.AsSpan(first * InputCount, count * InputCount);

    /// <summary>The targets of samples <c>[first, first + count)</c>, row-major.</summary>
    protected ReadOnlySpan<float> TargetRows(int first, int count) => Targets.AsSpan(first * OutputCount, count * OutputCount);
}
