using System.Numerics;

namespace Unrolled;

/// <summary>
/// A multi-layer perceptron with flat parameters and gradients: what generated networks and
/// <see cref="ReferenceNetwork{T}"/> share, and what optimizers and trainers work on.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface INetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The network's shape.</summary>
    NetworkSpec Spec { get; }

    /// <summary>The number of inputs per sample.</summary>
    int InputCount { get; }

    /// <summary>The number of outputs per sample.</summary>
    int OutputCount { get; }

    /// <summary>The number of weights and biases.</summary>
    int ParameterCount { get; }

    /// <summary>All weights and biases, laid out as <see cref="NetworkSpec"/> describes. Writable.</summary>
    Span<T> Parameters { get; }

    /// <summary>The accumulated gradient of the loss with respect to <see cref="Parameters"/>, same layout.</summary>
    Span<T> Gradients { get; }

    /// <summary>
    /// Computes the outputs of one sample, or of a batch: <paramref name="input"/> holds N samples row-major
    /// <c>[N, InputCount]</c> and <paramref name="output"/> receives <c>[N, OutputCount]</c>. Reads only the
    /// parameters: safe to call from many threads at once.
    /// </summary>
    /// <exception cref="ArgumentException">The spans' lengths do not describe the same number of whole samples.</exception>
    void Forward(ReadOnlySpan<T> input, Span<T> output);

    /// <summary>
    /// The loss of one sample, or the sum of the losses of a batch (row-major, as in <see cref="Forward"/>).
    /// Reads only the parameters: safe to call from many threads at once.
    /// </summary>
    /// <exception cref="ArgumentException">The spans' lengths do not describe the same number of whole samples.</exception>
    T Loss(ReadOnlySpan<T> input, ReadOnlySpan<T> target);

    /// <summary>
    /// Runs each sample forward, then adds its gradient dLoss/dParameters to <see cref="Gradients"/>: for a batch,
    /// the gradient of the summed loss. Not thread-safe: it writes the network's buffers.
    /// </summary>
    /// <returns>The sample's loss, or the sum of the batch's losses.</returns>
    /// <exception cref="ArgumentException">The spans' lengths do not describe the same number of whole samples.</exception>
    T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target);

    /// <summary>Sets every gradient to zero.</summary>
    void ZeroGradients();

    /// <summary>
    /// Sets the weights by Glorot (Xavier) uniform for sigmoid, tanh, identity and softmax layers and by He (Kaiming)
    /// uniform for the ReLU family, and the biases to zero, from a deterministic generator seeded by <paramref name="seed"/>.
    /// </summary>
    void Initialize(int seed);
}
