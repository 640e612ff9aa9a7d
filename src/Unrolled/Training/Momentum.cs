using System.Numerics;
using System.Numerics.Tensors;

namespace Unrolled;

/// <summary>
/// Gradient descent with momentum in the tutorials' form: v = mu * v - lr * g; p = p + v.
/// (PyTorch's <c>SGD(momentum=mu)</c> keeps v' = mu * v' + g and steps p -= lr * v': the same trajectory for a
/// constant learning rate, with v = -lr * v'.) With an L1 penalty, g is first <c>g + l1 * sign(p)</c> on the weights
/// (see <see cref="L1Penalty{T}"/>; sign(0) = 0).
/// </summary>
public sealed class Momentum<T> : IOptimizer<T>, IPenalizedOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _velocity;
    private readonly T[] _penalized; // empty without an L1 penalty

    /// <summary>Creates the optimizer for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">The number of parameters every <see cref="Step"/> will update.</param>
    /// <param name="learningRate">The step size lr: positive and finite.</param>
    /// <param name="momentum">The fraction mu of the velocity kept at each step, in [0, 1).</param>
    /// <param name="l1">The L1 penalty whose subgradient is added to the gradient, or null (the default) for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="l1"/> is for another number of parameters.</exception>
    public Momentum(int parameterCount, T learningRate, T momentum, L1Penalty<T>? l1 = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        OptimizerGuard.Positive(learningRate, nameof(learningRate));
        OptimizerGuard.InUnitInterval(momentum, nameof(momentum));
        l1?.CheckFor(parameterCount, nameof(l1));
        _velocity = new T[parameterCount];
        _penalized = l1 is null ? [] : new T[parameterCount];
        LearningRate = learningRate;
        MomentumFactor = momentum;
        L1 = l1;
    }

    /// <summary>The step size lr.</summary>
    public T LearningRate { get; set; }

    /// <summary>The fraction mu of the previous velocity kept at each step, in [0, 1).</summary>
    public T MomentumFactor { get; }

    /// <summary>The velocity v, one per parameter.</summary>
    public ReadOnlySpan<T> Velocity => _velocity;

    /// <summary>The L1 penalty added to the gradient, or null for none.</summary>
    public L1Penalty<T>? L1 { get; }

    /// <inheritdoc/>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        SpanGuard.Length(parameters, _velocity.Length, nameof(parameters));
        SpanGuard.Length(gradients, _velocity.Length, nameof(gradients));
        ReadOnlySpan<T> g = PenalizedGradient.Of(L1, T.Zero, parameters, gradients, _penalized);
        TensorPrimitives.Multiply(_velocity, MomentumFactor, _velocity);
        TensorPrimitives.MultiplyAdd(g, -LearningRate, _velocity, _velocity);
        TensorPrimitives.Add(parameters, _velocity, parameters);
    }

    /// <inheritdoc/>
    public void Reset() => Array.Clear(_velocity);
}
