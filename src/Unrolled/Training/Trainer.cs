using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Numerics.Tensors;

namespace Unrolled;

/// <summary>
/// Trains any <see cref="INetwork{T}"/> with any <see cref="IOptimizer{T}"/> by mini-batch gradient descent, and
/// evaluates it. Deterministic: the same network, optimizer, data and <see cref="TrainerOptions.Seed"/> give the same
/// parameters bit for bit. Not thread-safe: one trainer, one thread at a time.
/// </summary>
/// <remarks>
/// Each batch: <see cref="INetwork{T}.ZeroGradients"/>, <see cref="INetwork{T}.Backward"/> for each of its samples
/// (which adds up their gradients), gradients scaled by 1 / batch size so that the step follows the gradient of the
/// batch's mean loss, then <see cref="IOptimizer{T}.Step"/>. Once set up, an epoch allocates nothing (with no
/// <see cref="IProgress{T}"/>, whose usual implementation posts each report).
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Trainer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _outputs;
    private readonly T _classThreshold;

    /// <summary>Creates a trainer for <paramref name="network"/> stepping with <paramref name="optimizer"/>.</summary>
    /// <param name="network">The network to train; its parameters are updated in place.</param>
    /// <param name="optimizer">The update rule; <see cref="Fit"/> sets its <see cref="IOptimizer{T}.LearningRate"/> every epoch.</param>
    /// <param name="options">How to train; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="optimizer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
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

        // A single output is read as a probability (sigmoid) or a score around 0.5; a tanh output as a score around 0.
        var last = network.Spec.Layers[network.Spec.Layers.Count - 1].Activation;
        _classThreshold = last == Activation.Tanh ? T.Zero : T.CreateTruncating(0.5);
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

    /// <summary>One run of <see cref="Fit"/>: the data, the buffers allocated up front, and the loop.</summary>
    internal sealed class Session
    {
        private readonly Trainer<T> _trainer;
        private readonly INetwork<T> _network;
        private readonly IOptimizer<T> _optimizer;
        private readonly Dataset<T> _training;
        private readonly Dataset<T>? _validation;
        private readonly SeededRandom _random;
        private readonly int[] _order;

        // The parameters before the last step taken: when a batch's loss (computed with the parameters that step
        // produced) is not finite, that step was the bad one, and these are the last good parameters.
        private readonly T[] _beforeLastStep;
        private readonly T[]? _best;
        private int _lastBatch;

        internal Session(Trainer<T> trainer, Dataset<T> training, Dataset<T>? validation, SeededRandom random)
        {
            _trainer = trainer;
            _network = trainer.Network;
            _optimizer = trainer.Optimizer;
            _training = training;
            _validation = validation;
            _random = random;
            _order = new int[training.Count];
            for (int i = 0; i < _order.Length; i++)
            {
                _order[i] = i;
            }

            _beforeLastStep = _network.Parameters.ToArray();
            _best = trainer.Options.EarlyStoppingPatience is not null && trainer.Options.RestoreBestParameters
                ? new T[_network.ParameterCount]
                : null;
        }

        internal History Run(double initialRate, Action<EpochReport>? onEpoch, IProgress<EpochReport>? progress, CancellationToken cancellationToken)
        {
            var options = _trainer.Options;
            var history = new History(options.Epochs);
            long start = Stopwatch.GetTimestamp();
            double bestLoss = double.PositiveInfinity;
            int sinceBest = 0;
            for (int epoch = 1; epoch <= options.Epochs; epoch++)
            {
                double rate = options.Schedule.Rate(epoch, options.Epochs, initialRate);
                if (!(rate >= 0) || !double.IsFinite(rate))
                {
                    throw new InvalidOperationException($"The learning-rate schedule {options.Schedule} gave {rate} for epoch {epoch}.");
                }

                _optimizer.LearningRate = T.CreateTruncating(rate);
                double trainLoss = RunEpoch(epoch, history, cancellationToken);

                // The last step of the epoch has not been checked by a following batch yet.
                if (!AllFinite(_network.Parameters))
                {
                    Diverged(epoch, 0, double.NaN, history, $"the parameters are not finite after the step of batch {_lastBatch}");
                }

                double? validationLoss = null, validationAccuracy = null, trainAccuracy = null;
                if (_training.HasLabels)
                {
                    trainAccuracy = Measure(_training, withLoss: false).Accuracy;
                }

                if (_validation is not null)
                {
                    (double loss, double? accuracy) = Measure(_validation, withLoss: true);
                    if (!double.IsFinite(loss))
                    {
                        Diverged(epoch, 0, loss, history, $"the validation loss is {loss} after the step of batch {_lastBatch}");
                    }

                    validationLoss = loss;
                    validationAccuracy = accuracy;
                }

                double watched = validationLoss ?? trainLoss;
                bool improved = watched < bestLoss - options.MinDelta;
                if (improved || history.BestEpoch == 0)
                {
                    bestLoss = Math.Min(bestLoss, watched);
                    history.BestEpoch = epoch;
                    sinceBest = 0;
                    if (_best is not null)
                    {
                        _network.Parameters.CopyTo(_best);
                    }
                }
                else
                {
                    sinceBest++;
                }

                var report = new EpochReport(
                    epoch, trainLoss, validationLoss, trainAccuracy, validationAccuracy, rate, Stopwatch.GetElapsedTime(start));
                history.Add(report);
                onEpoch?.Invoke(report);
                progress?.Report(report);

                if (sinceBest >= options.EarlyStoppingPatience)
                {
                    history.StoppedEarly = epoch < options.Epochs;
                    break;
                }
            }

            if (_best is not null)
            {
                _best.CopyTo(_network.Parameters);
                history.RestoredBest = true;
            }

            return history;
        }

        /// <summary>One pass over the training data in shuffled mini-batches; returns the mean sample loss.</summary>
        internal double RunEpoch(int epoch, History history, CancellationToken cancellationToken)
        {
            if (_trainer.Options.Shuffle)
            {
                _random.Shuffle<int>(_order);
            }

            int batchSize = _trainer.Options.BatchSize;
            double total = 0;
            int batch = 0;
            for (int first = 0; first < _order.Length; first += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                batch++;
                int count = Math.Min(batchSize, _order.Length - first);
                _network.ZeroGradients();
                T sum = T.Zero;
                for (int k = first; k < first + count; k++)
                {
                    int i = _order[k];
                    sum += _network.Backward(_training.Feature(i), _training.Target(i));
                }

                T mean = sum / T.CreateTruncating(count);
                if (!T.IsFinite(mean))
                {
                    Diverged(epoch, batch, double.CreateTruncating(mean), history, $"the loss of batch {batch} is {mean}");
                }

                _network.Parameters.CopyTo(_beforeLastStep);
                if (count > 1)
                {
                    TensorPrimitives.Multiply(_network.Gradients, T.One / T.CreateTruncating(count), _network.Gradients);
                }

                _optimizer.Step(_network.Parameters, _network.Gradients);
                _lastBatch = batch;
                total += double.CreateTruncating(sum);
            }

            return total / _order.Length;
        }

        /// <summary>The mean loss (when asked) and the accuracy (for labelled data) on <paramref name="data"/>; allocation-free.</summary>
        private (double Loss, double? Accuracy) Measure(Dataset<T> data, bool withLoss)
        {
            double loss = 0;
            int correct = 0;
            for (int i = 0; i < data.Count; i++)
            {
                if (withLoss)
                {
                    loss += double.CreateTruncating(_network.Loss(data.Feature(i), data.Target(i)));
                }

                if (data.HasLabels && _trainer.PredictClass(data.Feature(i)) == data.Label(i))
                {
                    correct++;
                }
            }

            return (loss / data.Count, data.HasLabels ? (double)correct / data.Count : null);
        }

        [DoesNotReturn]
        private void Diverged(int epoch, int batch, double loss, History history, string what)
        {
            _beforeLastStep.CopyTo(_network.Parameters);
            throw new TrainingDivergedException(
                $"Training diverged in epoch {epoch}" + (batch > 0 ? $", batch {batch}" : string.Empty) + $": {what}. "
                + "The parameters were restored to their values before the last step; try a smaller learning rate.",
                epoch,
                batch,
                loss,
                history);
        }

        private static bool AllFinite(ReadOnlySpan<T> values)
        {
            foreach (T value in values)
            {
                if (!T.IsFinite(value))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
