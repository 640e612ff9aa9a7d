using System.Numerics;
using System.Numerics.Tensors;

namespace Unrolled;

/// <summary>
/// Gradient descent with momentum in the tutorials' form: v = mu * v - lr * g; p = p + v.
/// (PyTorch's <c>SGD(momentum=mu)</c> keeps v' = mu * v' + g and steps p -= lr * v': the same trajectory for a
/// constant learning rate, with v = -lr * v'.)
/// </summary>
public sealed class Momentum<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _velocity;

    /// <summary>Creates the optimizer for <paramref name="parameterCount"/> parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range.</exception>
    public Momentum(int parameterCount, T learningRate, T momentum)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        OptimizerGuard.Positive(learningRate, nameof(learningRate));
        OptimizerGuard.InUnitInterval(momentum, nameof(momentum));
        _velocity = new T[parameterCount];
        LearningRate = learningRate;
        MomentumFactor = momentum;
    }

    /// <summary>The step size lr.</summary>
    public T LearningRate { get; set; }

    /// <summary>The fraction mu of the previous velocity kept at each step, in [0, 1).</summary>
    public T MomentumFactor { get; }

    /// <summary>The velocity v, one per parameter.</summary>
    public ReadOnlySpan<T> Velocity => _velocity;

    /// <inheritdoc/>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        SpanGuard.Length(parameters, _velocity.Length, nameof(parameters));
        SpanGuard.Length(gradients, _velocity.Length, nameof(gradients));
        TensorPrimitives.Multiply(_velocity, MomentumFactor, _velocity);
        TensorPrimitives.MultiplyAdd(gradients, -LearningRate, _velocity, _velocity);
        TensorPrimitives.Add(parameters, _velocity, parameters);
    }

    /// <inheritdoc/>
    public void Reset() => Array.Clear(_velocity);
}
