using System.Numerics;
using System.Numerics.Tensors;

namespace Unrolled;

/// <summary>
/// Gradient descent with Nesterov momentum, PyTorch's <c>SGD(momentum=mu, nesterov=True)</c> (dampening 0):
/// <code>
/// g = g + l1 * sign(p)          (with an L1 penalty: on the weights, see L1Penalty; sign(0) = 0)
/// g = g + weight_decay * p      (when weight_decay != 0)
/// b = mu * b + g                (b starts at 0, so the first step sets b = g, as PyTorch does)
/// g = g + mu * b
/// p = p - lr * g
/// </code>
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>State is allocated by the constructor; <see cref="Step"/> allocates nothing.</remarks>
public sealed class Nesterov<T> : IOptimizer<T>, IPenalizedOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _buffer;
    private readonly T[] _scratch;
    private T _learningRate;

    /// <summary>Creates the optimizer for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">The number of parameters every <see cref="Step"/> will update.</param>
    /// <param name="learningRate">The step size lr: positive and finite.</param>
    /// <param name="momentum">The momentum factor mu, in (0, 1) (Nesterov momentum needs a nonzero one, as in PyTorch).</param>
    /// <param name="weightDecay">The L2 factor added to the gradient: zero (the default) or positive, finite.</param>
    /// <param name="l1">The L1 penalty whose subgradient is added to the gradient before weight_decay, or null (the default) for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the message names it.</exception>
    /// <exception cref="ArgumentException"><paramref name="l1"/> is for another number of parameters.</exception>
    public Nesterov(int parameterCount, T learningRate, T momentum, T weightDecay = default, L1Penalty<T>? l1 = null)
    {
        OptimizerGuard.ParameterCount(parameterCount, nameof(parameterCount));
        OptimizerGuard.Positive(learningRate, nameof(learningRate));
        OptimizerGuard.InOpenUnitInterval(momentum, nameof(momentum));
        OptimizerGuard.NonNegative(weightDecay, nameof(weightDecay));
        l1?.CheckFor(parameterCount, nameof(l1));
        _buffer = new T[parameterCount];
        _scratch = new T[parameterCount];
        _learningRate = learningRate;
        MomentumFactor = momentum;
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

    /// <summary>The momentum factor mu.</summary>
    public T MomentumFactor { get; }

    /// <summary>The L2 penalty factor weight_decay (0: none).</summary>
    public T WeightDecay { get; }

    /// <summary>The L1 penalty added to the gradient before weight_decay, or null for none.</summary>
    public L1Penalty<T>? L1 { get; }

    /// <summary>The momentum buffer b, one per parameter (PyTorch's <c>momentum_buffer</c>).</summary>
    public ReadOnlySpan<T> MomentumBuffer => _buffer;

    /// <inheritdoc/>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        SpanGuard.Length(parameters, _buffer.Length, nameof(parameters));
        SpanGuard.Length(gradients, _buffer.Length, nameof(gradients));
        Span<T> scratch = _scratch;
        ReadOnlySpan<T> g = PenalizedGradient.Of(L1, WeightDecay, parameters, gradients, scratch);
        TensorPrimitives.Multiply(_buffer, MomentumFactor, _buffer);
        TensorPrimitives.Add(_buffer, g, _buffer);
        TensorPrimitives.MultiplyAdd(_buffer, MomentumFactor, g, scratch);
        TensorPrimitives.MultiplyAdd(scratch, -_learningRate, parameters, parameters);
    }

    /// <inheritdoc/>
    public void Reset() => Array.Clear(_buffer);
}
