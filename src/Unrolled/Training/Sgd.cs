using System.Numerics;
using System.Numerics.Tensors;

namespace Unrolled;

/// <summary>Plain gradient descent: p = p - lr * g (PyTorch's <c>SGD</c> without momentum).</summary>
public sealed class Sgd<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not positive and finite.</exception>
    public Sgd(T learningRate)
    {
        OptimizerGuard.Positive(learningRate, nameof(learningRate));
        LearningRate = learningRate;
    }

    /// <summary>The step size lr.</summary>
    public T LearningRate { get; set; }

    /// <inheritdoc/>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        SpanGuard.Length(gradients, parameters.Length, nameof(gradients));
        TensorPrimitives.MultiplyAdd(gradients, -LearningRate, parameters, parameters);
    }

    /// <inheritdoc/>
    public void Reset()
    {
    }
}
