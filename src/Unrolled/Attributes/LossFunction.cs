namespace Unrolled;

/// <summary>The per-sample loss a network minimizes. A batch loss is the mean of its samples' losses.</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
public enum LossFunction
{
    /// <summary>Mean over the outputs of (y - t)^2, as PyTorch's <c>MSELoss</c> on one sample.</summary>
    MeanSquaredError = 0,

    /// <summary>
    /// -sum_k t_k log softmax(z)_k computed from the logits z, as PyTorch's <c>CrossEntropyLoss</c> with
    /// probability targets. Needs a <see cref="Activation.Softmax"/> output layer.
    /// </summary>
    CrossEntropy = 1,

    /// <summary>
    /// Mean over the outputs of -[t log s(z) + (1 - t) log(1 - s(z))] computed from the logits z, as PyTorch's
    /// <c>BCEWithLogitsLoss</c>. Needs a <see cref="Activation.Sigmoid"/> output layer.
    /// </summary>
    BinaryCrossEntropy = 2,
}
