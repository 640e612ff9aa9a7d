namespace Unrolled;

/// <summary>How a network does on a dataset: mean loss, and for labelled data accuracy and the confusion matrix.</summary>
public sealed class Evaluation
{
    internal Evaluation(int count, double loss, ConfusionMatrix? confusion)
    {
        Count = count;
        Loss = loss;
        ConfusionMatrix = confusion;
    }

    /// <summary>The number of samples evaluated.</summary>
    public int Count { get; }

    /// <summary>The mean per-sample loss.</summary>
    public double Loss { get; }

    /// <summary>The fraction of samples classified correctly, or null when the data has no labels.</summary>
    public double? Accuracy => ConfusionMatrix?.Accuracy;

    /// <summary>Counts by actual and predicted class, or null when the data has no labels.</summary>
    public ConfusionMatrix? ConfusionMatrix { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        Accuracy is double accuracy ? $"loss {Loss:G6}, accuracy {accuracy:P2} on {Count} samples" : $"loss {Loss:G6} on {Count} samples";
}
