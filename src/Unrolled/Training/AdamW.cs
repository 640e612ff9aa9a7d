using System.Numerics;
using System.Numerics.Tensors;

namespace Unrolled;

/// <summary>
/// Adam with decoupled weight decay, PyTorch's <c>AdamW</c> (amsgrad=False). At step t = 1, 2, ...:
/// <code>
/// p = p - lr * weight_decay * p          (decay applied to the parameters, not added to the gradient)
/// m = beta1 * m + (1 - beta1) * g
/// v = beta2 * v + (1 - beta2) * g^2
/// m_hat = m / (1 - beta1^t)
/// v_hat = v / (1 - beta2^t)
/// p = p - lr * m_hat / (sqrt(v_hat) + eps)
/// </code>
/// m and v start at 0. The first line is computed as PyTorch does, <c>p = p * (1 - lr * weight_decay)</c>, and the
/// last as in <see cref="Adam{T}"/>.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>State is allocated by the constructor; <see cref="Step"/> allocates nothing.</remarks>
public sealed class AdamW<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly AdamState<T> _state;
    private T _learningRate;

    /// <summary>
    /// Creates the optimizer with PyTorch's defaults: beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weight_decay = 0.01.
    /// </summary>
    /// <param name="parameterCount">The number of parameters every <see cref="Step"/> will update.</param>
    /// <param name="learningRate">The step size lr (PyTorch's default is 1e-3): positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the message names it.</exception>
    public AdamW(int parameterCount, T learningRate)
        : this(parameterCount, learningRate, T.CreateTruncating(0.9), T.CreateTruncating(0.999), T.CreateTruncating(1e-8), T.CreateTruncating(0.01))
    {
    }

    /// <summary>Creates the optimizer for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">The number of parameters every <see cref="Step"/> will update.</param>
    /// <param name="learningRate">The step size lr: positive and finite.</param>
    /// <param name="beta1">The decay of the first moment m, in [0, 1).</param>
    /// <param name="beta2">The decay of the second moment v, in [0, 1).</param>
    /// <param name="epsilon">eps, added to the denominator: zero or positive, finite.</param>
    /// <param name="weightDecay">The decoupled decay factor: zero or positive, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the message names it.</exception>
    public AdamW(int parameterCount, T learningRate, T beta1, T beta2, T epsilon, T weightDecay)
    {
        OptimizerGuard.ParameterCount(parameterCount, nameof(parameterCount));
        OptimizerGuard.Positive(learningRate, nameof(learningRate));
        OptimizerGuard.InUnitInterval(beta1, nameof(beta1));
        OptimizerGuard.InUnitInterval(beta2, nameof(beta2));
        OptimizerGuard.NonNegative(epsilon, nameof(epsilon));
        OptimizerGuard.NonNegative(weightDecay, nameof(weightDecay));
        _state = new AdamState<T>(parameterCount, beta1, beta2, epsilon);
        _learningRate = learningRate;
        WeightDecay = weightDecay;
    }

    /// <summary>The step size lr; a scheduler may change it between steps (the decay scales with it, as in PyTorch).</summary>
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

    /// <summary>The decay beta1 of the first moment.</summary>
    public T Beta1 => _state.Beta1;

    /// <summary>The decay beta2 of the second moment.</summary>
    public T Beta2 => _state.Beta2;

    /// <summary>eps, added to the denominator.</summary>
    public T Epsilon => _state.Epsilon;

    /// <summary>The decoupled weight decay factor (0: none).</summary>
    public T WeightDecay { get; }

    /// <summary>The number of steps taken since construction or <see cref="Reset"/>: t of the last step.</summary>
    public long StepCount => _state.StepCount;

    /// <summary>The first moment m (PyTorch's <c>exp_avg</c>), one per parameter.</summary>
    public ReadOnlySpan<T> FirstMoment => _state.M;

    /// <summary>The second moment v (PyTorch's <c>exp_avg_sq</c>), one per parameter.</summary>
    public ReadOnlySpan<T> SecondMoment => _state.V;

    /// <inheritdoc/>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        _state.CheckLengths(parameters, gradients);
        if (WeightDecay != T.Zero)
        {
            T keep = T.CreateTruncating(1.0 - double.CreateTruncating(_learningRate) * double.CreateTruncating(WeightDecay));
            TensorPrimitives.Multiply(parameters, keep, parameters);
        }

        _state.Update(parameters, gradients, _learningRate);
    }

    /// <inheritdoc/>
    public void Reset() => _state.Reset();
}
