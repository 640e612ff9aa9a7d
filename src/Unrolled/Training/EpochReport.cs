namespace Unrolled;

/// <summary>What one epoch of <see cref="Trainer{T}.Fit"/> achieved. Accuracies are present only for labelled data.</summary>
/// <param name="Epoch">The epoch, 1-based.</param>
/// <param name="TrainLoss">The mean loss of the training samples over the epoch, each taken in its batch before that batch's step.</param>
/// <param name="ValidationLoss">The mean validation loss after the epoch, or null without validation data.</param>
/// <param name="TrainAccuracy">The fraction of training samples classified correctly after the epoch, or null without labels.</param>
/// <param name="ValidationAccuracy">The fraction of validation samples classified correctly after the epoch, or null.</param>
/// <param name="LearningRate">The learning rate used during the epoch.</param>
/// <param name="Elapsed">The time since <see cref="Trainer{T}.Fit"/> started, at the end of this epoch.</param>
public readonly record struct EpochReport(
    int Epoch,
    double TrainLoss,
    double? ValidationLoss,
    double? TrainAccuracy,
    double? ValidationAccuracy,
    double LearningRate,
    TimeSpan Elapsed);
