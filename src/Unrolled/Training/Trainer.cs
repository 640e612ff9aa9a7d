using System.Numerics;

namespace Unrolled;

/// <summary>
/// Trains any <see cref="INetwork{T}"/> with any <see cref="IOptimizer{T}"/> by mini-batch gradient descent, and
/// evaluates it. Deterministic: the same network, optimizer, data and <see cref="TrainerOptions.Seed"/> give the same
/// parameters bit for bit. Not thread-safe: one trainer, one thread at a time.
/// </summary>
/// <remarks>
/// Each batch: <see cref="INetwork{T}.ZeroGradients"/>, <see cref="INetwork{T}.Backward"/> for each of its samples
/// (which adds up their gradients; with <see cref="TrainerOptions.InputNoise"/> on noisy copies of their inputs),
/// gradients scaled by 1 / batch size so that the step follows the gradient of the batch's mean loss, the L1
/// subgradient added (<see cref="TrainerOptions.L1"/>), then <see cref="IOptimizer{T}.Step"/>. A network with dropout
/// that implements <see cref="IDropoutNetwork"/> has its stream seeded from <see cref="TrainerOptions.Seed"/> when Fit
/// starts, once it has checked its arguments (a Fit that throws <see cref="ArgumentException"/> leaves it as it was). Once set up, an epoch allocates nothing (with no <see cref="IProgress{T}"/>, whose usual implementation
/// posts each report).
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed partial class Trainer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // The trainer's random streams besides the split and shuffling one, which is seeded with TrainerOptions.Seed itself.
    private const int InputNoiseStream = 1, DropoutStream = 2;

    private readonly T[] _outputs;
    private readonly T _classThreshold;
    private readonly L1Penalty<T>? _l1;

    /// <summary>Creates a trainer for <paramref name="network"/> stepping with <paramref name="optimizer"/>.</summary>
    /// <param name="network">The network to train; its parameters are updated in place.</param>
    /// <param name="optimizer">The update rule; <see cref="Fit"/> sets its <see cref="IOptimizer{T}.LearningRate"/> every epoch.</param>
    /// <param name="options">How to train; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="optimizer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// An option is out of range (<see cref="TrainerOptions.L1"/> also when it is beyond <typeparamref name="T"/>'s range).
    /// </exception>
    /// <exception cref="ArgumentException">
    /// <see cref="TrainerOptions.L1"/> is set and <paramref name="optimizer"/> already holds an <see cref="L1Penalty{T}"/>:
    /// the penalty would be applied twice.
    /// </exception>
    public Trainer(INetwork<T> network, IOptimizer<T> optimizer, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        options ??= new TrainerOptions();
        options.Validate();
        Network = network;
        Optimizer = optimizer;
        Options = options;
        _outputs = new T[network.OutputCount];
        _l1 = options.L1 > 0 ? L1PenaltyOf(network, optimizer, options) : null;

        // A single output is read as a probability (sigmoid) or a score around 0.5; a tanh output as a score around 0.
        var last = network.Spec.Layers[network.Spec.Layers.Count - 1].Activation;
        _classThreshold = last == Activation.Tanh ? T.Zero : T.CreateTruncating(0.5);
    }

    /// <summary>The penalty of <see cref="TrainerOptions.L1"/> (positive), after checking that it fits <typeparamref name="T"/> and is the only one.</summary>
    private static L1Penalty<T> L1PenaltyOf(INetwork<T> network, IOptimizer<T> optimizer, TrainerOptions options)
    {
        T coefficient = T.CreateTruncating(options.L1);
        if (!T.IsFinite(coefficient))
        {
            string type = typeof(T) == typeof(float) ? "float" : typeof(T) == typeof(double) ? "double" : typeof(T).Name;
            throw new ArgumentOutOfRangeException(
                nameof(TrainerOptions.L1), options.L1,
                FormattableString.Invariant($"L1 must be finite in {type}, the trainer's element type; {options.L1:R} is beyond its range."));
        }

        if (optimizer is IPenalizedOptimizer<T> { L1: { } held })
        {
            throw new ArgumentException(
                FormattableString.Invariant(
                    $"TrainerOptions.L1 is {options.L1:R} and the optimizer ({optimizer.GetType().Name}) already holds an L1Penalty (coefficient {held.Coefficient}): ") +
                "the penalty would be applied twice. Set one or the other.",
                nameof(options));
        }

        return new L1Penalty<T>(network.Spec, coefficient, options.L1IncludesBiases);
    }

    /// <summary>The network being trained.</summary>
    public INetwork<T> Network { get; }

    /// <summary>The optimizer that updates the network.</summary>
    public IOptimizer<T> Optimizer { get; }

    /// <summary>The training options.</summary>
    public TrainerOptions Options { get; }

    /// <summary>
    /// Trains the network on <paramref name="training"/> for <see cref="TrainerOptions.Epochs"/> epochs, or until early
    /// stopping. Before each epoch the optimizer's learning rate is set from <see cref="TrainerOptions.Schedule"/>
    /// (starting from the rate it had when Fit was called, which it gets back when Fit returns or throws); after each,
    /// a report goes to <paramref name="onEpoch"/> (synchronously) and <paramref name="progress"/>.
    /// </summary>
    /// <param name="training">The training samples.</param>
    /// <param name="validation">Validation samples, or null to hold out <see cref="TrainerOptions.ValidationFraction"/> of the training samples (or none).</param>
    /// <param name="onEpoch">Called at the end of every epoch, on the training thread, with the network holding that epoch's parameters.</param>
    /// <param name="progress">Receives every epoch's report as well.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <returns>The reports, the best epoch, and whether training stopped early.</returns>
    /// <exception cref="ArgumentException">The data does not fit the network, is empty, or validation is needed and missing or given twice.</exception>
    /// <exception cref="TrainingDivergedException">A batch loss, the validation loss or the parameters became NaN or infinite; the parameters are restored to the last good ones.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public History Fit(
        Dataset<T> training,
        Dataset<T>? validation = null,
        Action<EpochReport>? onEpoch = null,
        IProgress<EpochReport>? progress = null,
        CancellationToken cancellationToken = default)
    {
        CheckData(training, nameof(training));
        var random = new SeededRandom(Options.Seed);
        if (Options.ValidationFraction > 0)
        {
            if (validation is not null)
            {
                throw new ArgumentException(
                    "Both a validation set and TrainerOptions.ValidationFraction are given: use one or the other.", nameof(validation));
            }

            (training, validation) = TrainTestSplit.Split(training, Options.ValidationFraction, random, nameof(Options.ValidationFraction));
        }

        if (validation is not null)
        {
            CheckData(validation, nameof(validation));
        }
        else if (Options.EarlyStoppingPatience is not null)
        {
            throw new ArgumentException(
                "Early stopping watches the validation loss: pass a validation set or set TrainerOptions.ValidationFraction.", nameof(validation));
        }

        // Seeded once every argument has been checked: a Fit that refuses its arguments leaves the network as it was.
        if (Network is IDropoutNetwork dropout)
        {
            dropout.SeedDropout(StreamSeed(Options.Seed, DropoutStream));
        }

        var session = new Session(this, training, validation, random);
        double initialRate = double.CreateTruncating(Optimizer.LearningRate);
        try
        {
            return session.Run(initialRate, onEpoch, progress, cancellationToken);
        }
        finally
        {
            Optimizer.LearningRate = T.CreateTruncating(initialRate);
        }
    }

    /// <summary>The mean loss on <paramref name="data"/>, and for labelled data the accuracy and confusion matrix.</summary>
    /// <exception cref="ArgumentException">The data does not fit the network or is empty.</exception>
    public Evaluation Evaluate(Dataset<T> data)
    {
        CheckData(data, nameof(data));
        var confusion = data.HasLabels ? new ConfusionMatrix(data.ClassCount) : null;
        double loss = 0;
        for (int i = 0; i < data.Count; i++)
        {
            loss += double.CreateTruncating(Network.Loss(data.Feature(i), data.Target(i)));
            if (confusion is not null)
            {
                confusion.Add(data.Label(i), PredictClass(data.Feature(i)));
            }
        }

        return new Evaluation(data.Count, loss / data.Count, confusion);
    }

    /// <summary>The outputs for every sample of <paramref name="data"/>, row-major <c>[Count, OutputCount]</c>.</summary>
    /// <exception cref="ArgumentException">The data does not fit the network.</exception>
    public T[] Predict(Dataset<T> data)
    {
        CheckInputs(data, nameof(data));
        var outputs = new T[data.Count * Network.OutputCount];
        for (int i = 0; i < data.Count; i++)
        {
            Network.Forward(data.Feature(i), outputs.AsSpan(i * Network.OutputCount, Network.OutputCount));
        }

        return outputs;
    }

    /// <summary>
    /// The predicted class of every sample: the index of the largest output, or for a single output 1 when it is at
    /// least 0.5 (at least 0 for a tanh output) and 0 otherwise.
    /// </summary>
    /// <exception cref="ArgumentException">The data does not fit the network.</exception>
    public int[] PredictClass(Dataset<T> data)
    {
        CheckInputs(data, nameof(data));
        var classes = new int[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            classes[i] = PredictClass(data.Feature(i));
        }

        return classes;
    }

    /// <summary>The predicted class of one sample, as <see cref="PredictClass(Dataset{T})"/> decides it.</summary>
    /// <exception cref="ArgumentException"><paramref name="features"/> is not <see cref="INetwork{T}.InputCount"/> long.</exception>
    public int PredictClass(ReadOnlySpan<T> features)
    {
        Network.Forward(features, _outputs);
        return ClassOf(_outputs);
    }

    private int ClassOf(ReadOnlySpan<T> outputs) =>
        outputs.Length == 1 ? (outputs[0] >= _classThreshold ? 1 : 0) : OneHot.ArgMax(outputs);

    private void CheckInputs(Dataset<T> data, string argument)
    {
        ArgumentNullException.ThrowIfNull(data, argument);
        if (data.InputCount != Network.InputCount)
        {
            throw new ArgumentException(
                $"The {argument} data has {data.InputCount} features per sample, but the network takes {Network.InputCount} inputs.", argument);
        }
    }

    private void CheckData(Dataset<T> data, string argument)
    {
        CheckInputs(data, argument);
        if (data.OutputCount != Network.OutputCount)
        {
            throw new ArgumentException(
                $"The {argument} data has {data.OutputCount} targets per sample, but the network has {Network.OutputCount} outputs.", argument);
        }

        if (data.Count == 0)
        {
            throw new ArgumentException($"The {argument} data is empty.", argument);
        }
    }

    /// <summary>
    /// The seed of one of the trainer's other streams: distinct from <paramref name="seed"/> and from each other, so
    /// that turning noise or dropout on leaves the split and the shuffling as they were.
    /// </summary>
    internal static long StreamSeed(int seed, int stream) =>
        unchecked((long)((((ulong)(uint)seed << 32) | (uint)stream) * 0x9E3779B97F4A7C15UL));
}
