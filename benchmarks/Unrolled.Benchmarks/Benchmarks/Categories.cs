namespace Unrolled.Benchmarks;

/// <summary>
/// Benchmark categories: one table group per task, each with its own baseline (the reference interpreter) where it
/// has one. Method names say the task and, after the underscore, who runs it (<c>_Generated</c>, <c>_Reference</c>,
/// <c>_OnnxRuntime</c>, ...); <c>--report</c> reads them.
/// </summary>
public static class Categories
{
    /// <summary>One sample's forward pass.</summary>
    public const string Forward = "Forward";

    /// <summary>A batch of 1,024 samples forward, reported per sample.</summary>
    public const string BatchForward = "BatchForward";

    /// <summary>One sample's <c>Backward</c> (forward, loss, gradients added).</summary>
    public const string Backward = "Backward";

    /// <summary>One <c>Backward</c> call over a batch of 1,024 samples, reported per sample.</summary>
    public const string BatchBackward = "BatchBackward";

    /// <summary>Zero the gradients, 32 single-sample <c>Backward</c> calls, scale by 1/32, one Adam step.</summary>
    public const string TrainStep = "TrainStep";

    /// <summary>
    /// Zero the gradients, ONE <c>Backward</c> call over a mini-batch of N samples, scale by 1/N, one Adam step; the
    /// method is named <c>TrainStepOneCall{N}_*</c>.
    /// </summary>
    public const string TrainStepOneCall = "TrainStepOneCall";
}
