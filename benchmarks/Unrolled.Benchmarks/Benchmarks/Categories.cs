namespace Unrolled.Benchmarks;

/// <summary>Benchmark categories: one table group per task, each with its own baseline (the reference interpreter).</summary>
public static class Categories
{
    public const string Forward = "Forward";
    public const string BatchForward = "BatchForward";
    public const string Backward = "Backward";
    public const string TrainStep = "TrainStep";
}
