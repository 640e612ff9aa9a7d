using System.Numerics;
using System.Numerics.Tensors;

namespace Unrolled;

/// <summary>
/// Adam, PyTorch's <c>Adam</c> (amsgrad=False). At step t = 1, 2, ...:
/// <code>
/// g = g + l1 * sign(p)                    (with an L1 penalty: on the weights, see L1Penalty; sign(0) = 0)
/// g = g + weight_decay * p                (when weight_decay != 0: the L2 penalty, coupled to the gradient)
/// m = beta1 * m + (1 - beta1) * g
/// v = beta2 * v + (1 - beta2) * g^2
/// m_hat = m / (1 - beta1^t)
/// v_hat = v / (1 - beta2^t)
/// p = p - lr * m_hat / (sqrt(v_hat) + eps)
/// </code>
/// m and v start at 0. The last line is computed as PyTorch does,
/// <c>p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)</c>, with the bias corrections in
/// <see cref="double"/>. For weight decay decoupled from the gradient use <see cref="AdamW{T}"/>.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>State is allocated by the constructor; <see cref="Step"/> allocates nothing.</remarks>
public sealed class Adam<T> : IOptimizer<T>, IPenalizedOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly AdamState<T> _state;
    private T _learningRate;

    /// <summary>Creates the optimizer with PyTorch's defaults: beta1 = 0.9, beta2 = 0.999, eps = 1e-8, no weight decay.</summary>
    /// <param name="parameterCount">The number of parameters every <see cref="Step"/> will update.</param>
    /// <param name="learningRate">The step size lr (PyTorch's default is 1e-3): positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the message names it.</exception>
    public Adam(int parameterCount, T learningRate)
        : this(parameterCount, learningRate, T.CreateTruncating(0.9), T.CreateTruncating(0.999), T.CreateTruncating(1e-8))
    {
    }

    /// <summary>Creates the optimizer for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">The number of parameters every <see cref="Step"/> will update.</param>
    /// <param name="learningRate">The step size lr: positive and finite.</param>
    /// <param name="beta1">The decay of the first moment m, in [0, 1).</param>
    /// <param name="beta2">The decay of the second moment v, in [0, 1).</param>
    /// <param name="epsilon">eps, added to the denominator: zero or positive, finite.</param>
    /// <param name="weightDecay">The L2 factor added to the gradient: zero (the default) or positive, finite.</param>
    /// <param name="l1">The L1 penalty whose subgradient is added to the gradient before weight_decay, or null (the default) for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the message names it.</exception>
    /// <exception cref="ArgumentException"><paramref name="l1"/> is for another number of parameters.</exception>
    public Adam(int parameterCount, T learningRate, T beta1, T beta2, T epsilon, T weightDecay = default, L1Penalty<T>? l1 = null)
    {
        OptimizerGuard.ParameterCount(parameterCount, nameof(parameterCount));
        OptimizerGuard.Positive(learningRate, nameof(learningRate));
        OptimizerGuard.InUnitInterval(beta1, nameof(beta1));
        OptimizerGuard.InUnitInterval(beta2, nameof(beta2));
        OptimizerGuard.NonNegative(epsilon, nameof(epsilon));
        OptimizerGuard.NonNegative(weightDecay, nameof(weightDecay));
        l1?.CheckFor(parameterCount, nameof(l1));
        _state = new AdamState<T>(parameterCount, beta1, beta2, epsilon);
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

    /// <summary>The decay beta1 of the first moment.</summary>
    public T Beta1 => _state.Beta1;

    /// <summary>The decay beta2 of the second moment.</summary>
    public T Beta2 => _state.Beta2;

    /// <summary>eps, added to the denominator.</summary>
    public T Epsilon => _state.Epsilon;

    /// <summary>The L2 penalty factor weight_decay (0: none), added to the gradient.</summary>
    public T WeightDecay { get; }

    /// <summary>The L1 penalty added to the gradient before weight_decay, or null for none.</summary>
    public L1Penalty<T>? L1 { get; }

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
        ReadOnlySpan<T> g = PenalizedGradient.Of(L1, WeightDecay, parameters, gradients, _state.Scratch);
        _state.Update(parameters, g, _learningRate);
    }

    /// <inheritdoc/>
    public void Reset() => _state.Reset();
}

/// <summary>The moments and the update shared by <see cref="Adam{T}"/> and <see cref="AdamW{T}"/>.</summary>
internal sealed class AdamState<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public AdamState(int parameterCount, T beta1, T beta2, T epsilon)
    {
        M = new T[parameterCount];
        V = new T[parameterCount];
        Scratch = new T[parameterCount];
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    public T[] M { get; }

    public T[] V { get; }

    /// <summary>Working memory of one step; may hold the gradient passed to <see cref="Update"/>.</summary>
    public T[] Scratch { get; }

    public T Beta1 { get; }

    public T Beta2 { get; }

    public T Epsilon { get; }

    public long StepCount { get; private set; }

    public void CheckLengths(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        SpanGuard.Length(parameters, M.Length, nameof(parameters));
        SpanGuard.Length(gradients, M.Length, nameof(gradients));
    }

    /// <summary>
    /// Moments from <paramref name="g"/> (which may be <see cref="Scratch"/>), then the bias-corrected step.
    /// </summary>
    public void Update(Span<T> parameters, ReadOnlySpan<T> g, T learningRate)
    {
        long t = ++StepCount;
        Span<T> scratch = Scratch;

        // m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g^2 (g is last read here, so scratch may then be reused).
        TensorPrimitives.Multiply(M, Beta1, M);
        TensorPrimitives.MultiplyAdd(g, T.One - Beta1, M, M);
        TensorPrimitives.Multiply(V, Beta2, V);
        TensorPrimitives.Multiply(g, g, scratch);
        TensorPrimitives.MultiplyAdd(scratch, T.One - Beta2, V, V);

        // As PyTorch: step_size = lr / bc1; denom = sqrt(v) / sqrt(bc2) + eps; p -= step_size * m / denom.
        double biasCorrection1 = 1.0 - Math.Pow(double.CreateTruncating(Beta1), t);
        double biasCorrection2 = 1.0 - Math.Pow(double.CreateTruncating(Beta2), t);
        T stepSize = T.CreateTruncating(double.CreateTruncating(learningRate) / biasCorrection1);
        T biasCorrection2Sqrt = T.CreateTruncating(Math.Sqrt(biasCorrection2));

        TensorPrimitives.Sqrt<T>(V, scratch);
        TensorPrimitives.Divide(scratch, biasCorrection2Sqrt, scratch);
        TensorPrimitives.Add(scratch, Epsilon, scratch);
        TensorPrimitives.Divide(M, scratch, scratch);
        TensorPrimitives.MultiplyAdd(scratch, -stepSize, parameters, parameters);
    }

    public void Reset()
    {
        Array.Clear(M);
        Array.Clear(V);
        StepCount = 0;
    }
}
