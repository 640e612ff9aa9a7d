using System.Numerics;

namespace Unrolled;

/// <summary>Updates a network's flat parameters from its accumulated gradients.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// The step size. Settable so that a <see cref="Trainer{T}"/> can follow a <see cref="LearningRateSchedule"/>;
    /// the new value applies from the next <see cref="Step"/>.
    /// </summary>
    T LearningRate { get; set; }

    /// <summary>Applies one update to <paramref name="parameters"/> from <paramref name="gradients"/> (same length).</summary>
    /// <exception cref="ArgumentException">The spans' lengths differ from each other or from the optimizer's state.</exception>
    void Step(Span<T> parameters, ReadOnlySpan<T> gradients);

    /// <summary>Forgets accumulated state (velocities, moments, step count).</summary>
    void Reset();
}
