namespace Unrolled;

/// <summary>The outcome of <see cref="Trainer{T}.Fit"/>: one report per epoch run, the best epoch, and why it stopped.</summary>
public sealed class History
{
    private readonly List<EpochReport> _epochs;

    internal History(int capacity) => _epochs = new List<EpochReport>(capacity);

    /// <summary>The reports of the epochs that ran, in order (<c>Epochs[i].Epoch == i + 1</c>).</summary>
    public IReadOnlyList<EpochReport> Epochs => _epochs;

    /// <summary>
    /// The 1-based epoch with the lowest validation loss, or the lowest training loss when there was no validation data;
    /// 0 when no epoch completed.
    /// </summary>
    public int BestEpoch { get; internal set; }

    /// <summary>True when early stopping ended training before the last epoch.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>True when the parameters were set back to those of <see cref="BestEpoch"/> at the end.</summary>
    public bool RestoredBest { get; internal set; }

    /// <summary>The report of the last epoch that ran.</summary>
    /// <exception cref="InvalidOperationException">No epoch completed.</exception>
    public EpochReport Last => _epochs.Count > 0 ? _epochs[^1] : throw new InvalidOperationException("No epoch completed.");

    internal void Add(EpochReport report) => _epochs.Add(report);
}
