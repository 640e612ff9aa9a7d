namespace Unrolled;

/// <summary>
/// Training produced a loss or parameters that are not finite (usually a learning rate too large). The network's
/// parameters are left at their last good values: those before the step that made them go bad.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for the 1-based <paramref name="epoch"/> and <paramref name="batch"/>.</summary>
    public TrainingDivergedException(string message, int epoch, int batch, double loss, History history)
        : base(message)
    {
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
        History = history;
    }

    /// <summary>The 1-based epoch in which divergence was detected.</summary>
    public int Epoch { get; }

    /// <summary>The 1-based batch of <see cref="Epoch"/> whose loss was not finite, or 0 when it showed after the epoch's last batch.</summary>
    public int Batch { get; }

    /// <summary>The loss that was not finite (NaN when the parameters themselves were).</summary>
    public double Loss { get; }

    /// <summary>The epochs completed before divergence.</summary>
    public History History { get; }
}
