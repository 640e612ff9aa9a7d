namespace Unrolled.Tests.Training;

public class TrainerTests
{
    private static NetworkSpec Classifier => new(
        2, [new LayerSpec(8, Activation.Tanh), new LayerSpec(2, Activation.Softmax)], LossFunction.CrossEntropy);

    private static Dataset<double> Circles(int samples = 200, int seed = 1) =>
        Datasets.Circles<double>(samples, noise: 0.05, factor: 0.5, seed: seed);

    [Fact]
    public void Fit_is_reproducible_by_seed()
    {
        (History History, double[] Parameters) Run(int seed)
        {
            var net = new ReferenceNetwork<double>(Classifier, seed: 1);
            var trainer = new Trainer<double>(net, new Momentum<double>(net.ParameterCount, 0.05, 0.9), new TrainerOptions
            {
                Epochs = 6, BatchSize = 16, Seed = seed, ValidationFraction = 0.25,
            });
            return (trainer.Fit(Circles()), net.Parameters.ToArray());
        }

        var a = Run(3);
        var b = Run(3);
        var c = Run(4);
        Assert.Equal(a.Parameters, b.Parameters);
        Assert.Equal(6, a.History.Epochs.Count);
        for (int e = 0; e < 6; e++)
        {
            Assert.Equal(a.History.Epochs[e] with { Elapsed = default }, b.History.Epochs[e] with { Elapsed = default });
        }

        Assert.NotEqual(a.Parameters, c.Parameters);
        Assert.NotEqual(a.History.Epochs[0].TrainLoss, c.History.Epochs[0].TrainLoss);
    }

    [Fact]
    public void It_learns_circles_to_at_least_95_percent()
    {
        var (train, test) = TrainTestSplit.Split(Circles(300), 0.2, seed: 2);
        var net = new ReferenceNetwork<double>(Classifier, seed: 1);
        var trainer = new Trainer<double>(net, new Momentum<double>(net.ParameterCount, 0.05, 0.9), new TrainerOptions
        {
            Epochs = 100, BatchSize = 16, Seed = 5,
        });
        double before = trainer.Evaluate(test).Accuracy!.Value;

        var history = trainer.Fit(train, test);

        var evaluation = trainer.Evaluate(test);
        Assert.InRange(before, 0.0, 0.8);
        Assert.InRange(evaluation.Accuracy!.Value, 0.95, 1.0);
        Assert.Equal(evaluation.Accuracy, history.Last.ValidationAccuracy);
        Assert.Equal(evaluation.Loss, history.Last.ValidationLoss!.Value, 12);
        Assert.InRange(history.Last.TrainAccuracy!.Value, 0.95, 1.0);
        Assert.True(history.Last.TrainLoss < history.Epochs[0].TrainLoss / 5);
    }

    [Fact]
    public void It_learns_xor()
    {
        var data = Datasets.Xor<double>(200, noise: 0.2, seed: 3);
        var net = new ReferenceNetwork<double>(Classifier, seed: 2);
        var trainer = new Trainer<double>(net, new Sgd<double>(0.1), new TrainerOptions { Epochs = 60, BatchSize = 8, Seed = 1 });
        trainer.Fit(data);
        Assert.InRange(trainer.Evaluate(Datasets.Xor<double>(200, noise: 0.2, seed: 4)).Accuracy!.Value, 0.95, 1.0);
    }

    [Fact]
    public void It_trains_in_single_precision()
    {
        var (train, test) = TrainTestSplit.Split(Datasets.Blobs<float>(300, seed: 1), 0.2, seed: 1);
        var spec = new NetworkSpec(2, [new LayerSpec(8, Activation.Relu), new LayerSpec(3, Activation.Softmax)], LossFunction.CrossEntropy);
        var net = new ReferenceNetwork<float>(spec, seed: 1);
        var trainer = new Trainer<float>(net, new Sgd<float>(0.05f), new TrainerOptions { Epochs = 30, BatchSize = 16, Seed = 1 });
        var history = trainer.Fit(train, test);
        Assert.InRange(history.Last.ValidationAccuracy!.Value, 0.95, 1.0);
        Assert.Equal(0.05f, trainer.Optimizer.LearningRate);
    }

    /// <summary>A gentle rate for the first epochs, then a violent one that makes the validation loss climb.</summary>
    private sealed class GentleThenViolent(int gentleEpochs) : LearningRateSchedule
    {
        public override double Rate(int epoch, int epochs, double initialRate) => epoch <= gentleEpochs ? initialRate : 50 * initialRate;
    }

    [Fact]
    public void Early_stopping_restores_the_parameters_of_the_best_epoch()
    {
        var net = new ReferenceNetwork<double>(Classifier, seed: 1);
        var trainer = new Trainer<double>(net, new Sgd<double>(0.2), new TrainerOptions
        {
            Epochs = 50, BatchSize = 16, Seed = 2, ValidationFraction = 0.3,
            EarlyStoppingPatience = 3, Schedule = new GentleThenViolent(8),
        });
        var snapshots = new List<double[]>();

        var history = trainer.Fit(Circles(), onEpoch: report =>
        {
            Assert.Equal(snapshots.Count + 1, report.Epoch);
            snapshots.Add(net.Parameters.ToArray());
        });

        var losses = history.Epochs.Select(r => r.ValidationLoss!.Value).ToList();
        int best = losses.IndexOf(losses.Min()) + 1;
        Assert.True(history.StoppedEarly);
        Assert.True(history.RestoredBest);
        Assert.Equal(best, history.BestEpoch);
        Assert.InRange(best, 2, 8);
        Assert.Equal(best + 3, history.Epochs.Count);
        Assert.Equal(snapshots[best - 1], net.Parameters.ToArray());
        Assert.NotEqual(snapshots[^1], net.Parameters.ToArray());
    }

    [Fact]
    public void Without_early_stopping_the_last_parameters_stay()
    {
        var net = new ReferenceNetwork<double>(Classifier, seed: 1);
        var trainer = new Trainer<double>(net, new Sgd<double>(0.2), new TrainerOptions
        {
            Epochs = 12, BatchSize = 16, Seed = 2, ValidationFraction = 0.3, Schedule = new GentleThenViolent(8),
        });
        double[]? last = null;
        var history = trainer.Fit(Circles(), onEpoch: _ => last = net.Parameters.ToArray());
        Assert.False(history.StoppedEarly);
        Assert.False(history.RestoredBest);
        Assert.Equal(12, history.Epochs.Count);
        Assert.Equal(last, net.Parameters.ToArray());
    }

    private sealed class Collect : IProgress<EpochReport>
    {
        public List<EpochReport> Reports { get; } = [];

        public void Report(EpochReport value) => Reports.Add(value);
    }

    [Fact]
    public void Progress_and_callback_receive_every_report_in_order()
    {
        var net = new ReferenceNetwork<double>(Classifier, seed: 1);
        var trainer = new Trainer<double>(net, new Sgd<double>(0.1), new TrainerOptions { Epochs = 4, BatchSize = 32 });
        var progress = new Collect();
        var called = new List<EpochReport>();

        var history = trainer.Fit(Circles(), onEpoch: called.Add, progress: progress);

        Assert.Equal(history.Epochs, progress.Reports);
        Assert.Equal(history.Epochs, called);
        Assert.Equal([1, 2, 3, 4], history.Epochs.Select(r => r.Epoch));
        Assert.All(history.Epochs, r => Assert.Null(r.ValidationLoss));
        Assert.All(history.Epochs, r => Assert.NotNull(r.TrainAccuracy));
        Assert.True(history.Epochs[3].Elapsed >= history.Epochs[0].Elapsed);
    }

    [Fact]
    public void Schedules_give_the_expected_rates()
    {
        double[] Rates(LearningRateSchedule schedule, int epochs) =>
            Enumerable.Range(1, epochs).Select(e => schedule.Rate(e, epochs, 0.8)).ToArray();

        Assert.Equal([0.8, 0.8, 0.8], Rates(LearningRateSchedule.Constant, 3));
        Assert.Equal([0.8, 0.8, 0.4, 0.4, 0.2], Rates(LearningRateSchedule.Step(2, 0.5), 5));
        var cosine = Rates(LearningRateSchedule.Cosine(0.1), 5);
        Assert.Equal(0.8, cosine[0], 15);
        Assert.Equal(0.1 + 0.7 * (1 + Math.Cos(Math.PI / 4)) / 2, cosine[1], 15);
        Assert.Equal(0.45, cosine[2], 15);
        Assert.Equal(0.1, cosine[4], 15);
        Assert.Equal([0.8], Rates(LearningRateSchedule.Cosine(0.1), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Step(0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Cosine(-1));
    }

    /// <summary>Plain SGD that records the learning rate of every step.</summary>
    private sealed class RecordingSgd(double learningRate) : IOptimizer<double>
    {
        public List<double> StepRates { get; } = [];

        public double LearningRate { get; set; } = learningRate;

        public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
        {
            StepRates.Add(LearningRate);
            for (int k = 0; k < parameters.Length; k++)
            {
                parameters[k] -= LearningRate * gradients[k];
            }
        }

        public void Reset()
        {
        }
    }

    [Fact]
    public void Fit_steps_with_the_scheduled_rate_and_gives_the_initial_rate_back()
    {
        var net = new ReferenceNetwork<double>(Classifier, seed: 1);
        var optimizer = new RecordingSgd(0.8);
        var trainer = new Trainer<double>(net, optimizer, new TrainerOptions
        {
            Epochs = 5, BatchSize = 50, Schedule = LearningRateSchedule.Step(2, 0.5),
        });

        var history = trainer.Fit(Circles(100));

        Assert.Equal([0.8, 0.8, 0.4, 0.4, 0.2], history.Epochs.Select(r => r.LearningRate));
        Assert.Equal([0.8, 0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.4, 0.2, 0.2], optimizer.StepRates);
        Assert.Equal(0.8, optimizer.LearningRate);
    }

    [Fact]
    public void The_epoch_loss_is_the_mean_of_per_sample_losses_and_steps_follow_the_mean_gradient()
    {
        // 10 samples in batches of 4, 4 and 2, unshuffled: replay the batches by hand.
        var data = Circles(10);
        var net = new ReferenceNetwork<double>(Classifier, seed: 3);
        var replay = new ReferenceNetwork<double>(Classifier, seed: 3);
        var trainer = new Trainer<double>(net, new Sgd<double>(0.5), new TrainerOptions { Epochs = 1, BatchSize = 4, Shuffle = false });

        double lossSum = 0;
        foreach (var (first, count) in new[] { (0, 4), (4, 4), (8, 2) })
        {
            var meanGradient = new double[replay.ParameterCount];
            for (int i = first; i < first + count; i++)
            {
                lossSum += replay.Loss(data.Feature(i), data.Target(i));
                replay.ZeroGradients();
                replay.Backward(data.Feature(i), data.Target(i));
                for (int k = 0; k < meanGradient.Length; k++)
                {
                    meanGradient[k] += replay.Gradients[k] / count;
                }
            }

            for (int k = 0; k < meanGradient.Length; k++)
            {
                replay.Parameters[k] -= 0.5 * meanGradient[k];
            }
        }

        var history = trainer.Fit(data);

        Assert.Equal(lossSum / 10, history.Epochs[0].TrainLoss, 12);
        for (int k = 0; k < net.ParameterCount; k++)
        {
            Assert.Equal(replay.Parameters[k], net.Parameters[k], 12);
        }
    }

    [Fact]
    public void Evaluate_reports_the_mean_loss_and_a_consistent_confusion_matrix()
    {
        var data = Datasets.Blobs<double>(90, seed: 2);
        var spec = new NetworkSpec(2, [new LayerSpec(3, Activation.Softmax)], LossFunction.CrossEntropy);
        var net = new ReferenceNetwork<double>(spec, seed: 4);
        var trainer = new Trainer<double>(net, new Sgd<double>(0.1));

        var evaluation = trainer.Evaluate(data);
        var predicted = trainer.PredictClass(data);
        var outputs = trainer.Predict(data);

        double loss = 0;
        int correct = 0;
        var output = new double[3];
        for (int i = 0; i < data.Count; i++)
        {
            loss += net.Loss(data.Feature(i), data.Target(i));
            net.Forward(data.Feature(i), output);
            Assert.Equal(output, outputs.AsSpan(3 * i, 3).ToArray());
            Assert.Equal(OneHot.ArgMax<double>(output), predicted[i]);
            correct += predicted[i] == data.Label(i) ? 1 : 0;
        }

        Assert.Equal(loss / data.Count, evaluation.Loss, 14);
        var matrix = evaluation.ConfusionMatrix!;
        Assert.Equal(90, matrix.Total);
        Assert.Equal(correct, matrix.Correct);
        Assert.Equal((double)correct / 90, evaluation.Accuracy);
        for (int actual = 0; actual < 3; actual++)
        {
            int row = 0;
            for (int p = 0; p < 3; p++)
            {
                row += matrix[actual, p];
                Assert.Equal(Enumerable.Range(0, 90).Count(i => data.Label(i) == actual && predicted[i] == p), matrix[actual, p]);
            }

            Assert.Equal(30, row);
        }
    }

    [Fact]
    public void A_single_sigmoid_output_is_read_as_a_probability()
    {
        var spec = new NetworkSpec(1, [new LayerSpec(1, Activation.Sigmoid)], LossFunction.BinaryCrossEntropy);
        var net = new ReferenceNetwork<double>(spec);
        net.Parameters[0] = 10; // w
        net.Parameters[1] = -5; // b: p > 0.5 exactly when x > 0.5
        var data = new Dataset<double>([0.0, 0.4, 0.6, 1.0], 1, [0, 0, 1, 1], 1, [0, 0, 1, 1]);
        var trainer = new Trainer<double>(net, new Sgd<double>(0.1));
        Assert.Equal([0, 0, 1, 1], trainer.PredictClass(data));
        Assert.Equal(1.0, trainer.Evaluate(data).Accuracy);
    }

    [Fact]
    public void Data_that_does_not_fit_or_missing_validation_is_rejected()
    {
        var net = new ReferenceNetwork<double>(Classifier);
        var trainer = new Trainer<double>(net, new Sgd<double>(0.1));
        var wide = Dataset<double>.FromLabels([1, 2, 3], 3, [1], 2);
        Assert.Contains("3 features", Assert.Throws<ArgumentException>(() => trainer.Fit(wide)).Message);
        Assert.Contains("targets", Assert.Throws<ArgumentException>(() => trainer.Fit(Datasets.Blobs<double>(30))).Message);

        var stopping = new Trainer<double>(net, new Sgd<double>(0.1), new TrainerOptions { EarlyStoppingPatience = 2 });
        Assert.Contains("validation", Assert.Throws<ArgumentException>(() => stopping.Fit(Circles())).Message);

        var split = new Trainer<double>(net, new Sgd<double>(0.1), new TrainerOptions { ValidationFraction = 0.2 });
        Assert.Throws<ArgumentException>(() => split.Fit(Circles(), Circles(seed: 2)));

        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<double>(net, new Sgd<double>(0.1), new TrainerOptions { BatchSize = 0 }));
    }
}
