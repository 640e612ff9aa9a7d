namespace Unrolled;

/// <summary>How <see cref="Trainer{T}.Fit"/> trains: epochs, batches, shuffling, validation, early stopping and schedule.</summary>
public sealed class TrainerOptions
{
    /// <summary>The number of passes over the training data. Default 100.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>The samples per mini-batch (the last batch of an epoch may be smaller). Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seeds the validation split and the shuffling: the same seed gives the same training, bit for bit. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Whether to shuffle the training samples before every epoch. Default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// The fraction of the training data held out (by <see cref="Seed"/>) for validation when no validation set is
    /// given; 0 (the default) holds out none. Giving both a fraction and a validation set is an error.
    /// </summary>
    public double ValidationFraction { get; init; }

    /// <summary>
    /// Stops when the validation loss has not improved by more than <see cref="MinDelta"/> for this many epochs;
    /// null (the default) never stops early. Needs validation data.
    /// </summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>The smallest decrease of the validation loss that counts as an improvement. Default 0.</summary>
    public double MinDelta { get; init; }

    /// <summary>
    /// With early stopping, whether training ends with the parameters of the epoch of lowest validation loss (whether
    /// or not it stopped early) rather than those of the last epoch. Default true.
    /// </summary>
    public bool RestoreBestParameters { get; init; } = true;

    /// <summary>The learning rate of each epoch. Default <see cref="LearningRateSchedule.Constant"/>.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>Throws unless every option is in range.</summary>
    internal void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        }

        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "ValidationFraction must be in [0, 1).");
        }

        if (EarlyStoppingPatience < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), EarlyStoppingPatience, "EarlyStoppingPatience must be at least 1 (or null for none).");
        }

        if (!(MinDelta >= 0) || !double.IsFinite(MinDelta))
        {
            throw new ArgumentOutOfRangeException(nameof(MinDelta), MinDelta, "MinDelta must be finite and not negative.");
        }

        if (Schedule is null)
        {
            throw new ArgumentNullException(nameof(Schedule));
        }
    }
}
