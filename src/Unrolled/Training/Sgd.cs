using System.Numerics;
using System.Numerics.Tensors;

namespace Unrolled;

/// <summary>
/// Plain gradient descent, PyTorch's <c>SGD</c> without momentum:
/// <code>
/// g = g + l1 * sign(p)          (with an L1 penalty: on the weights, see L1Penalty; sign(0) = 0)
/// g = g + weight_decay * p      (when weight_decay != 0: an L2 penalty added to the gradient, on every parameter)
/// p = p - lr * g
/// </code>
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>Stateless and allocation-free; the gradients are never written.</remarks>
public sealed class Sgd<T> : IOptimizer<T>, IPenalizedOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // Sgd holds no per-parameter state, so the decayed gradient is built on the stack this many elements at a time.
    private const int ChunkLength = 256;

    private T _learningRate;

    /// <summary>Creates the optimizer without weight decay.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not positive and finite.</exception>
    public Sgd(T learningRate)
        : this(learningRate, T.Zero)
    {
    }

    /// <summary>Creates the optimizer with an L2 penalty.</summary>
    /// <param name="learningRate">The step size lr: positive and finite.</param>
    /// <param name="weightDecay">The L2 factor added to the gradient as <c>weight_decay * p</c>: zero or positive, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range; the message names it.</exception>
    public Sgd(T learningRate, T weightDecay)
        : this(learningRate, weightDecay, null)
    {
    }

    /// <summary>Creates the optimizer with an L2 penalty and an L1 penalty.</summary>
    /// <param name="learningRate">The step size lr: positive and finite.</param>
    /// <param name="weightDecay">The L2 factor added to the gradient as <c>weight_decay * p</c>: zero or positive, finite.</param>
    /// <param name="l1">The L1 penalty whose subgradient is added to the gradient first, or null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range; the message names it.</exception>
    public Sgd(T learningRate, T weightDecay, L1Penalty<T>? l1)
    {
        OptimizerGuard.Positive(learningRate, nameof(learningRate));
        OptimizerGuard.NonNegative(weightDecay, nameof(weightDecay));
        _learningRate = learningRate;
        WeightDecay = weightDecay;
        L1 = l1;
    }

    /// <summary>The step size lr; a scheduler may change it between steps.</summary>
    /// <remarks>Zero is allowed here (a schedule may end there): the step then leaves the parameters as they are.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public T LearningRate
    {
        get => _learningRate;
        set
        {
            OptimizerGuard.NonNegative(value, nameof(LearningRate));
            _learningRate = value;
        }
    }

    /// <summary>The L2 penalty factor weight_decay (0: none).</summary>
    public T WeightDecay { get; }

    /// <summary>The L1 penalty added to the gradient before weight_decay, or null for none.</summary>
    public L1Penalty<T>? L1 { get; }

    /// <inheritdoc/>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        SpanGuard.Length(gradients, parameters.Length, nameof(gradients));
        L1?.CheckFor(parameters.Length, nameof(parameters));
        T negativeRate = -_learningRate;
        if (WeightDecay == T.Zero && L1 is null)
        {
            TensorPrimitives.MultiplyAdd(gradients, negativeRate, parameters, parameters);
            return;
        }

        Span<T> penalized = stackalloc T[ChunkLength];
        for (int start = 0; start < parameters.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, parameters.Length - start);
            Span<T> p = parameters.Slice(start, length);
            ReadOnlySpan<T> g = PenalizedGradient.Of(L1, WeightDecay, p, gradients.Slice(start, length), penalized[..length], start);
            TensorPrimitives.MultiplyAdd(g, negativeRate, p, p);
        }
    }

    /// <inheritdoc/>
    public void Reset()
    {
    }
}
