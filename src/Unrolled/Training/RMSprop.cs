using System.Numerics;
using System.Numerics.Tensors;

namespace Unrolled;

/// <summary>
/// RMSprop, PyTorch's <c>RMSprop</c>. With its defaults (centered=False, momentum=0):
/// <code>
/// g = g + l1 * sign(p)                   (with an L1 penalty: on the weights, see L1Penalty; sign(0) = 0)
/// g = g + weight_decay * p               (when weight_decay != 0)
/// v = alpha * v + (1 - alpha) * g^2
/// p = p - lr * g / (sqrt(v) + eps)
/// </code>
/// When centered, the denominator subtracts the square of the mean gradient:
/// <code>
/// g_ave = alpha * g_ave + (1 - alpha) * g
/// p = p - lr * g / (sqrt(v - g_ave^2) + eps)
/// </code>
/// With momentum mu &gt; 0 the step goes through a buffer: <c>b = mu * b + g / (sqrt(...) + eps); p = p - lr * b</c>.
/// v, g_ave and b start at 0.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>State is allocated by the constructor; <see cref="Step"/> allocates nothing.</remarks>
public sealed class RMSprop<T> : IOptimizer<T>, IPenalizedOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _squareAverage;
    private readonly T[] _gradientAverage; // empty unless centered
    private readonly T[] _buffer;          // empty unless momentum > 0
    private readonly T[] _decayed;         // empty unless weight decay != 0 or an L1 penalty
    private readonly T[] _scratch;
    private T _learningRate;

    /// <summary>Creates the optimizer with PyTorch's defaults: alpha = 0.99, eps = 1e-8, no weight decay, no momentum, not centered.</summary>
    /// <param name="parameterCount">The number of parameters every <see cref="Step"/> will update.</param>
    /// <param name="learningRate">The step size lr (PyTorch's default is 1e-2): positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the message names it.</exception>
    public RMSprop(int parameterCount, T learningRate)
        : this(parameterCount, learningRate, T.CreateTruncating(0.99), T.CreateTruncating(1e-8))
    {
    }

    /// <summary>Creates the optimizer for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">The number of parameters every <see cref="Step"/> will update.</param>
    /// <param name="learningRate">The step size lr: positive and finite.</param>
    /// <param name="alpha">The smoothing constant of the averages, in [0, 1).</param>
    /// <param name="epsilon">eps, added to the denominator: zero or positive, finite.</param>
    /// <param name="weightDecay">The L2 factor added to the gradient: zero (the default) or positive, finite.</param>
    /// <param name="momentum">The momentum factor mu, in [0, 1); 0 (the default) uses no buffer.</param>
    /// <param name="centered">Whether to normalize by the estimated variance of the gradient instead of its second moment.</param>
    /// <param name="l1">The L1 penalty whose subgradient is added to the gradient before weight_decay, or null (the default) for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the message names it.</exception>
    /// <exception cref="ArgumentException"><paramref name="l1"/> is for another number of parameters.</exception>
    public RMSprop(
        int parameterCount, T learningRate, T alpha, T epsilon, T weightDecay = default, T momentum = default, bool centered = false,
        L1Penalty<T>? l1 = null)
    {
        OptimizerGuard.ParameterCount(parameterCount, nameof(parameterCount));
        OptimizerGuard.Positive(learningRate, nameof(learningRate));
        OptimizerGuard.InUnitInterval(alpha, nameof(alpha));
        OptimizerGuard.NonNegative(epsilon, nameof(epsilon));
        OptimizerGuard.NonNegative(weightDecay, nameof(weightDecay));
        OptimizerGuard.InUnitInterval(momentum, nameof(momentum));
        l1?.CheckFor(parameterCount, nameof(l1));
        L1 = l1;
        _learningRate = learningRate;
        Alpha = alpha;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        MomentumFactor = momentum;
        Centered = centered;
        _squareAverage = new T[parameterCount];
        _gradientAverage = centered ? new T[parameterCount] : [];
        _buffer = momentum != T.Zero ? new T[parameterCount] : [];
        _decayed = weightDecay != T.Zero || l1 is not null ? new T[parameterCount] : [];
        _scratch = new T[parameterCount];
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

    /// <summary>The smoothing constant alpha.</summary>
    public T Alpha { get; }

    /// <summary>eps, added to the denominator.</summary>
    public T Epsilon { get; }

    /// <summary>The L2 penalty factor weight_decay (0: none), added to the gradient.</summary>
    public T WeightDecay { get; }

    /// <summary>The L1 penalty added to the gradient before weight_decay, or null for none.</summary>
    public L1Penalty<T>? L1 { get; }

    /// <summary>The momentum factor mu (0: none).</summary>
    public T MomentumFactor { get; }

    /// <summary>Whether the denominator is centered by the mean gradient.</summary>
    public bool Centered { get; }

    /// <summary>The running average v of the squared gradient (PyTorch's <c>square_avg</c>), one per parameter.</summary>
    public ReadOnlySpan<T> SquareAverage => _squareAverage;

    /// <inheritdoc/>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        SpanGuard.Length(parameters, _squareAverage.Length, nameof(parameters));
        SpanGuard.Length(gradients, _squareAverage.Length, nameof(gradients));
        Span<T> scratch = _scratch;
        ReadOnlySpan<T> g = PenalizedGradient.Of(L1, WeightDecay, parameters, gradients, _decayed);

        T rest = T.One - Alpha;
        TensorPrimitives.Multiply(_squareAverage, Alpha, _squareAverage);
        TensorPrimitives.Multiply(g, g, scratch);
        TensorPrimitives.MultiplyAdd(scratch, rest, _squareAverage, _squareAverage);

        if (Centered)
        {
            TensorPrimitives.Multiply(_gradientAverage, Alpha, _gradientAverage);
            TensorPrimitives.MultiplyAdd(g, rest, _gradientAverage, _gradientAverage);
            TensorPrimitives.Multiply(_gradientAverage, _gradientAverage, scratch);
            TensorPrimitives.Subtract(_squareAverage, scratch, scratch);
            TensorPrimitives.Sqrt<T>(scratch, scratch);
        }
        else
        {
            TensorPrimitives.Sqrt<T>(_squareAverage, scratch);
        }

        TensorPrimitives.Add(scratch, Epsilon, scratch);
        TensorPrimitives.Divide(g, scratch, scratch);
        if (MomentumFactor != T.Zero)
        {
            TensorPrimitives.Multiply(_buffer, MomentumFactor, _buffer);
            TensorPrimitives.Add(_buffer, scratch, _buffer);
            TensorPrimitives.MultiplyAdd(_buffer, -_learningRate, parameters, parameters);
        }
        else
        {
            TensorPrimitives.MultiplyAdd(scratch, -_learningRate, parameters, parameters);
        }
    }

    /// <inheritdoc/>
    public void Reset()
    {
        Array.Clear(_squareAverage);
        Array.Clear(_gradientAverage);
        Array.Clear(_buffer);
    }
}
