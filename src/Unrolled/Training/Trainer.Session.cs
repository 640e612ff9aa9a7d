using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Numerics.Tensors;

namespace Unrolled;

// One Fit: the data, the buffers allocated up front, the epochs and batches.
public sealed partial class Trainer<T>
{
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

        // Input noise: the stream it is drawn from and the one sample's noisy inputs (null without noise).
        private readonly SeededRandom _noise;
        private readonly T[]? _noisy;

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
            _noise = new SeededRandom(StreamSeed(trainer.Options.Seed, InputNoiseStream));
            _noisy = trainer.Options.InputNoise > 0 ? new T[_network.InputCount] : null;
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
                    sum += _network.Backward(TrainingInput(i), _training.Target(i));
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

                // The gradient of the batch's mean loss + l1 * sum |w|, as a PyTorch loss with the penalty added.
                _trainer._l1?.AddSubgradient(_network.Parameters, _network.Gradients, _network.Gradients);

                _optimizer.Step(_network.Parameters, _network.Gradients);
                _lastBatch = batch;
                total += double.CreateTruncating(sum);
            }

            return total / _order.Length;
        }

        /// <summary>Sample <paramref name="i"/>'s inputs as training sees them: with Gaussian noise when the options ask for it.</summary>
        private ReadOnlySpan<T> TrainingInput(int i)
        {
            ReadOnlySpan<T> features = _training.Feature(i);
            if (_noisy is null)
            {
                return features;
            }

            double deviation = _trainer.Options.InputNoise;
            for (int j = 0; j < _noisy.Length; j++)
            {
                _noisy[j] = features[j] + T.CreateTruncating(deviation * _noise.NextGaussian());
            }

            return _noisy;
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
