namespace Unrolled;

/// <summary>
/// How <see cref="Trainer{T}.Fit"/> trains: epochs, batches, shuffling, validation, early stopping, schedule, and the
/// regularizers the trainer applies for any network and optimizer (an L1 penalty, input noise; dropout is the
/// network's, <see cref="LayerSpec.Dropout"/>, and the L2 penalty the optimizer's weight_decay).
/// </summary>
public sealed class TrainerOptions
{
    /// <summary>The number of passes over the training data. Default 100.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>The samples per mini-batch (the last batch of an epoch may be smaller). Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// Seeds the validation split and the shuffling, and (through streams of their own, so that the shuffling does not
    /// change when they are turned on) the input noise and the network's dropout masks: the same seed gives the same
    /// training, bit for bit. Default 0.
    /// </summary>
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

    /// <summary>
    /// The L1 coefficient l1 (default 0: none): after each batch's gradient is averaged, <c>l1 * sign(w)</c> (sign(0) = 0)
    /// is added to it for every weight (and bias, with <see cref="L1IncludesBiases"/>; never PReLU slopes), before the
    /// optimizer steps: PyTorch's <c>loss = criterion(...) + l1 * sum |w|</c> with any optimizer (see
    /// <see cref="L1Penalty{T}"/>). The losses reported are the data's, without the penalty. Zero or positive, finite
    /// (in the trainer's element type: a value beyond <see cref="float"/>'s range is refused for a <c>Trainer&lt;float&gt;</c>).
    /// </summary>
    /// <remarks>
    /// Use this or an optimizer's own <see cref="L1Penalty{T}"/>, not both: the <see cref="Trainer{T}"/> constructor
    /// refuses a positive L1 with this library's optimizers that hold one (<see cref="Sgd{T}"/>, <see cref="Momentum{T}"/>,
    /// <see cref="Nesterov{T}"/>, <see cref="Adam{T}"/>, <see cref="RMSprop{T}"/>). It cannot see inside other
    /// <see cref="IOptimizer{T}"/> implementations: one that applies its own L1 penalty gets this one on top of it.
    /// </remarks>
    public double L1 { get; init; }

    /// <summary>Whether <see cref="L1"/> penalizes the biases as well as the weights. Default false.</summary>
    public bool L1IncludesBiases { get; init; }

    /// <summary>
    /// The standard deviation of Gaussian noise added to every input of every training sample, drawn afresh for each
    /// sample of each epoch from a stream seeded by <see cref="Seed"/>, during <see cref="Trainer{T}.Fit"/>'s training
    /// passes only: validation, <see cref="Trainer{T}.Evaluate"/> and prediction see the inputs as they are. Default 0:
    /// none. Zero or positive, finite. The epoch's training loss is measured on the noisy inputs.
    /// </summary>
    public double InputNoise { get; init; }

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

        if (!(L1 >= 0) || !double.IsFinite(L1))
        {
            throw new ArgumentOutOfRangeException(nameof(L1), L1, "L1 must be zero or positive, and finite.");
        }

        if (!(InputNoise >= 0) || !double.IsFinite(InputNoise))
        {
            throw new ArgumentOutOfRangeException(nameof(InputNoise), InputNoise, "InputNoise (a standard deviation) must be zero or positive, and finite.");
        }
    }
}
