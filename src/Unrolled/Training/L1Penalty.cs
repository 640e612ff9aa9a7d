using System.Numerics;

namespace Unrolled;

/// <summary>
/// An L1 penalty <c>l1 * sum |w|</c> over a network's weights (and, when asked, its biases), applied as PyTorch users
/// apply it by adding it to the loss: its subgradient <c>l1 * sign(w)</c>, with <c>sign(0) = 0</c>, is added to the
/// gradient before the optimizer's update. In PyTorch:
/// <code>
/// loss = criterion(model(x), y) + l1 * sum(m.weight.abs().sum() for m in model.modules() if isinstance(m, nn.Linear))
/// loss.backward()      # p.grad = dLoss/dp + l1 * sign(p), torch.abs's subgradient being 0 at 0
/// optimizer.step()     # weight_decay, momentum, ... then apply to that gradient
/// </code>
/// With <see cref="IncludeBiases"/> the sum also runs over the <c>nn.Linear</c> biases. PReLU slopes are never
/// penalized: they are not weights but the activation's shape (PyTorch's docs advise against decaying them; note that
/// PyTorch names them <c>weight</c> too, so a filter on the name would include them).
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// Give it to an optimizer (<see cref="Sgd{T}"/>, <see cref="Momentum{T}"/>, <see cref="Nesterov{T}"/>,
/// <see cref="Adam{T}"/>, <see cref="RMSprop{T}"/>), which adds the subgradient first and then its own L2 term
/// (weight_decay, on every parameter, as PyTorch's), or set <see cref="TrainerOptions.L1"/>, which adds it for any
/// optimizer. The mask of penalized parameters is built once by the constructor; nothing is allocated afterwards.
/// </remarks>
public sealed class L1Penalty<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly bool[] _penalized;

    /// <summary>Creates the penalty for networks of <paramref name="spec"/>.</summary>
    /// <param name="spec">The networks' shape: it says which parameters are weights, biases and PReLU slopes.</param>
    /// <param name="coefficient">l1: zero or positive, finite.</param>
    /// <param name="includeBiases">Whether the biases are penalized as well (default: weights only).</param>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="coefficient"/> is negative or not finite.</exception>
    public L1Penalty(NetworkSpec spec, T coefficient, bool includeBiases = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        OptimizerGuard.NonNegative(coefficient, nameof(coefficient));
        Coefficient = coefficient;
        IncludeBiases = includeBiases;
        _penalized = new bool[spec.ParameterCount];
        for (int layer = 0; layer < spec.Layers.Count; layer++)
        {
            int units = spec.Layers[layer].Units;
            _penalized.AsSpan(spec.WeightOffset(layer), spec.FanIn(layer) * units).Fill(true);
            if (includeBiases && spec.HasBias(layer))
            {
                _penalized.AsSpan(spec.BiasOffset(layer), units).Fill(true);
            }
        }
    }

    /// <summary>The coefficient l1.</summary>
    public T Coefficient { get; }

    /// <summary>Whether the biases are penalized as well as the weights.</summary>
    public bool IncludeBiases { get; }

    /// <summary>The number of parameters of the networks it is for.</summary>
    public int ParameterCount => _penalized.Length;

    /// <summary>Whether the parameter at <paramref name="index"/> is penalized (a weight, or a bias with <see cref="IncludeBiases"/>).</summary>
    public bool Penalizes(int index) => _penalized[index];

    /// <summary>The penalty's value, <c>l1 * sum |p|</c> over the penalized parameters, in double.</summary>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is not <see cref="ParameterCount"/> long.</exception>
    public double Value(ReadOnlySpan<T> parameters)
    {
        SpanGuard.Length(parameters, _penalized.Length, nameof(parameters));
        double sum = 0;
        for (int k = 0; k < parameters.Length; k++)
        {
            sum += _penalized[k] ? Math.Abs(double.CreateTruncating(parameters[k])) : 0;
        }

        return double.CreateTruncating(Coefficient) * sum;
    }

    /// <summary>
    /// <c>destination = gradients + l1 * sign(parameters)</c> on the penalized parameters (sign(0) = 0, NaN included),
    /// <c>destination = gradients</c> elsewhere. <paramref name="destination"/> may be <paramref name="gradients"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A span is not <see cref="ParameterCount"/> long.</exception>
    public void AddSubgradient(ReadOnlySpan<T> parameters, ReadOnlySpan<T> gradients, Span<T> destination)
    {
        SpanGuard.Length(parameters, _penalized.Length, nameof(parameters));
        SpanGuard.Length(gradients, _penalized.Length, nameof(gradients));
        SpanGuard.Length(destination, _penalized.Length, nameof(destination));
        AddSubgradient(parameters, gradients, destination, 0);
    }

    /// <summary>As the public overload on a window of the parameters that starts at <paramref name="start"/>.</summary>
    internal void AddSubgradient(ReadOnlySpan<T> parameters, ReadOnlySpan<T> gradients, Span<T> destination, int start)
    {
        for (int k = 0; k < parameters.Length; k++)
        {
            T p = parameters[k], g = gradients[k];
            destination[k] = !_penalized[start + k] ? g
                : p > T.Zero ? g + Coefficient
                : p < T.Zero ? g - Coefficient
                : g;
        }
    }

    /// <summary>Throws unless the penalty is for <paramref name="parameterCount"/> parameters.</summary>
    internal void CheckFor(int parameterCount, string name)
    {
        if (parameterCount != _penalized.Length)
        {
            throw new ArgumentException(
                $"The L1 penalty is for networks of {_penalized.Length} parameters, but the optimizer updates {parameterCount}.", name);
        }
    }
}

/// <summary>
/// An optimizer of this library that may hold an <see cref="L1Penalty{T}"/> (<see cref="Sgd{T}"/>,
/// <see cref="Momentum{T}"/>, <see cref="Nesterov{T}"/>, <see cref="Adam{T}"/>, <see cref="RMSprop{T}"/>): lets the
/// trainer refuse <see cref="TrainerOptions.L1"/> on top of it, which would apply the penalty twice.
/// </summary>
internal interface IPenalizedOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The L1 penalty the optimizer adds to the gradient, or null for none.</summary>
    L1Penalty<T>? L1 { get; }
}

/// <summary>The gradient an optimizer steps with: the L1 subgradient added first, as to the loss, then the L2 term.</summary>
internal static class PenalizedGradient
{
    /// <summary>
    /// <paramref name="gradients"/> itself when there is no penalty; otherwise <paramref name="buffer"/> (same length),
    /// filled with <c>g + l1 * sign(p)</c> and then <c>+ weight_decay * p</c>.
    /// </summary>
    public static ReadOnlySpan<T> Of<T>(L1Penalty<T>? l1, T weightDecay, ReadOnlySpan<T> parameters, ReadOnlySpan<T> gradients, Span<T> buffer, int start = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (l1 is null && weightDecay == T.Zero)
        {
            return gradients;
        }

        if (l1 is null)
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(parameters, weightDecay, gradients, buffer);
            return buffer;
        }

        l1.AddSubgradient(parameters, gradients, buffer, start);
        if (weightDecay != T.Zero)
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(parameters, weightDecay, buffer, buffer);
        }

        return buffer;
    }
}
