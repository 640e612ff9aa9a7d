using System.Buffers;
using System.Numerics;

namespace Unrolled;

/// <summary>
/// The generic interpreter: runs any <see cref="NetworkSpec"/> at run time with plain loops, with the same parameter
/// layout, formulas and summation order as generated code. It is the oracle generated networks are tested against,
/// and a way to run a network whose shape is known only at run time.
/// </summary>
/// <remarks>
/// Dropout (<see cref="LayerSpec.Dropout"/>) applies in <see cref="Backward"/> only, with masks drawn as
/// <see cref="IDropoutNetwork"/> specifies from a stream that starts as <c>SeedDropout(0)</c>; <see cref="Forward"/>
/// and <see cref="Loss"/> compute the inference network. Masks live in buffers allocated by the constructor.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, whatever the spec's <see cref="Precision"/>.</typeparam>
public sealed partial class ReferenceNetwork<T> : INetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _parameters;
    private readonly T[] _gradients;
    private readonly T[] _alphas;
    private readonly ActivationMode _activations;

    // Backward's trace: each layer's pre-activations z, activations a and deltas, kept for the backward sweep.
    private readonly T[][] _z;
    private readonly T[][] _a;
    private readonly T[][] _delta;
    private readonly int _widest;

    // Dropout, per layer (null or unused where the layer has none): a * mask as the next layer reads it in training,
    // the mask (0 or 1 / (1 - p)), that scale, whether a test fixed the mask, and the stream masks are drawn from.
    private readonly T[]?[] _dropped;
    private readonly T[][] _mask;
    private readonly T[] _keptScale;
    private readonly bool[] _maskFixed;
    private readonly SeededRandom _dropoutRandom = new(0);

    /// <summary>Builds the network for <paramref name="spec"/> and initializes it with <paramref name="seed"/>.</summary>
    /// <param name="spec">The network's shape.</param>
    /// <param name="seed">The seed of <see cref="Initialize"/>.</param>
    /// <param name="activations">
    /// The functions activations are computed with: <see cref="ActivationMode.Exact"/> (the default), or
    /// <see cref="ActivationMode.Fast"/> to compute what generated float networks compute.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    public ReferenceNetwork(NetworkSpec spec, int seed = 0, ActivationMode activations = ActivationMode.Exact)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!Enum.IsDefined(activations))
        {
            throw new ArgumentOutOfRangeException(nameof(activations), activations, "Not an ActivationMode value.");
        }

        Spec = spec;
        _activations = activations;
        _parameters = new T[spec.ParameterCount];
        _gradients = new T[spec.ParameterCount];
        int layers = spec.Layers.Count;
        _alphas = new T[layers];
        _z = new T[layers][];
        _a = new T[layers][];
        _delta = new T[layers][];
        _dropped = new T[layers][];
        _mask = new T[layers][];
        _keptScale = new T[layers];
        _maskFixed = new bool[layers];
        for (int l = 0; l < layers; l++)
        {
            int units = spec.Layers[l].Units;
            double dropout = spec.Layers[l].Dropout;
            _alphas[l] = T.CreateTruncating(spec.Layers[l].Alpha);
            _z[l] = new T[units];
            _a[l] = new T[units];
            _delta[l] = new T[units];
            _dropped[l] = dropout > 0 ? new T[units] : null;
            _mask[l] = dropout > 0 ? new T[units] : [];
            _keptScale[l] = T.One / T.CreateTruncating(1.0 - dropout);
            _widest = Math.Max(_widest, units);
        }

        Initialize(seed);
    }

    /// <inheritdoc/>
    public NetworkSpec Spec { get; }

    /// <inheritdoc/>
    public int InputCount => Spec.Inputs;

    /// <inheritdoc/>
    public int OutputCount => Spec.Outputs;

    /// <inheritdoc/>
    public int ParameterCount => _parameters.Length;

    /// <inheritdoc/>
    public Span<T> Parameters => _parameters;

    /// <inheritdoc/>
    public Span<T> Gradients => _gradients;

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> input, Span<T> output)
    {
        int samples = SpanGuard.Samples(input.Length, InputCount, nameof(input), output.Length, OutputCount, nameof(output));

        // Scratch comes from the shared pool so that concurrent callers never share it and nothing is allocated
        // once the pool has warmed up.
        T[] scratch = ArrayPool<T>.Shared.Rent(3 * _widest);
        try
        {
            for (int s = 0; s < samples; s++)
            {
                ForwardWithScratch(input.Slice(s * InputCount, InputCount), output.Slice(s * OutputCount, OutputCount), scratch);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <inheritdoc/>
    public T Loss(ReadOnlySpan<T> input, ReadOnlySpan<T> target)
    {
        int samples = SpanGuard.Samples(input.Length, InputCount, nameof(input), target.Length, OutputCount, nameof(target));
        T[] scratch = ArrayPool<T>.Shared.Rent(4 * _widest);
        try
        {
            Span<T> output = scratch.AsSpan(3 * _widest, OutputCount);
            T sum = T.Zero;
            for (int s = 0; s < samples; s++)
            {
                ForwardWithScratch(input.Slice(s * InputCount, InputCount), output, scratch);
                sum += LossMath.Loss<T>(Spec.Loss, scratch.AsSpan(0, OutputCount), output, target.Slice(s * OutputCount, OutputCount));
            }

            return sum;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <inheritdoc/>
    public T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target)
    {
        int samples = SpanGuard.Samples(input.Length, InputCount, nameof(input), target.Length, OutputCount, nameof(target));
        T sum = T.Zero;
        for (int s = 0; s < samples; s++)
        {
            sum += BackwardSample(input.Slice(s * InputCount, InputCount), target.Slice(s * OutputCount, OutputCount));
        }

        return sum;
    }

    /// <summary>Backpropagation of one sample: the trace forward, the loss's gradient, then each layer backward.</summary>
    private T BackwardSample(ReadOnlySpan<T> input, ReadOnlySpan<T> target)
    {
        Trace(input);

        int last = Spec.Layers.Count - 1;
        T loss = LossMath.Loss(Spec.Loss, _z[last], TrainingOutput(last), target);
        if (Spec.Loss == LossFunction.MeanSquaredError)
        {
            LossMath.MeanSquaredErrorGradient<T>(TrainingOutput(last), target, _delta[last]);
        }
        else
        {
            // Cross-entropy and binary cross-entropy are fused with the output activation: dL/dz directly.
            LossMath.OutputDelta(Spec.Loss, Spec.Layers[last], _z[last], _a[last], target, _delta[last], _activations);
        }

        for (int l = last; l >= 0; l--)
        {
            if (l < last || Spec.Loss == LossFunction.MeanSquaredError)
            {
                // dL/d(a * mask) of the layer, from the loss or the layer above, into dL/da, then into dL/dz.
                DropGradients(l);
                ActivationBackward(l);
            }

            ReadOnlySpan<T> x = l == 0 ? input : TrainingOutput(l - 1);
            LayerBackward(l, x, _delta[l], l == 0 ? Span<T>.Empty : _delta[l - 1]);
        }

        return loss;
    }

    /// <inheritdoc/>
    public void ZeroGradients() => Array.Clear(_gradients);

    /// <inheritdoc/>
    public void Initialize(int seed) => Initializer.Initialize<T>(Spec, _parameters, seed);

    /// <summary>
    /// Runs the sample forward through <paramref name="scratch"/> (at least 3 x the widest layer): its first part holds
    /// each layer's z in turn, the last layer's at the end; the other two alternate as the layers' activations.
    /// </summary>
    private void ForwardWithScratch(ReadOnlySpan<T> input, Span<T> output, T[] scratch)
    {
        Span<T> z = scratch.AsSpan(0, _widest), current = scratch.AsSpan(_widest, _widest), next = scratch.AsSpan(2 * _widest, _widest);
        ReadOnlySpan<T> x = input;
        int last = Spec.Layers.Count - 1;
        for (int l = 0; l <= last; l++)
        {
            int units = Spec.Layers[l].Units;
            Span<T> a = l == last ? output : next[..units];
            LayerForward(l, x, z[..units], a);
            x = a;
            Span<T> previous = current;
            current = next;
            next = previous;
        }
    }

    /// <summary>Runs the sample forward as training does (with dropout), keeping every layer's z and a in the trace buffers.</summary>
    private void Trace(ReadOnlySpan<T> input)
    {
        ReadOnlySpan<T> x = input;
        for (int l = 0; l < Spec.Layers.Count; l++)
        {
            LayerForward(l, x, _z[l], _a[l]);
            DropOutputs(l);
            x = TrainingOutput(l);
        }
    }
}
