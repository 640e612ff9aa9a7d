namespace Unrolled.Tests.Training;

/// <summary>The trainer's regularizers: dropout seeded from the trainer's seed, an L1 penalty for any optimizer, input noise in training only.</summary>
public class TrainerRegularizationTests
{
    private static NetworkSpec Classifier(double dropout = 0) => new(
        2, [new LayerSpec(16, Activation.Relu, dropout: dropout), new LayerSpec(8, Activation.Tanh, dropout: dropout), new LayerSpec(2, Activation.Softmax)],
        LossFunction.CrossEntropy, Precision.Double);

    private static Dataset<double> Circles => Datasets.Circles<double>(120, noise: 0.1, factor: 0.5, seed: 1);

    private static (History History, double[] Parameters) Fit(NetworkSpec spec, TrainerOptions options, IOptimizer<double>? optimizer = null)
    {
        var net = new ReferenceNetwork<double>(spec, seed: 1);
        var trainer = new Trainer<double>(net, optimizer ?? new Adam<double>(net.ParameterCount, 0.01), options);
        return (trainer.Fit(Circles), net.Parameters.ToArray());
    }

    private static TrainerOptions Options(int seed = 3, double l1 = 0, double noise = 0, int epochs = 5) =>
        new() { Epochs = epochs, BatchSize = 16, Seed = seed, ValidationFraction = 0.25, L1 = l1, InputNoise = noise };

    [Fact]
    public void Dropout_training_is_reproducible_bit_for_bit_by_the_trainers_seed()
    {
        var a = Fit(Classifier(0.3), Options(seed: 3));
        var b = Fit(Classifier(0.3), Options(seed: 3));
        var c = Fit(Classifier(0.3), Options(seed: 4));
        Assert.Equal(a.Parameters, b.Parameters);
        Assert.Equal(a.History.Epochs.Select(e => e.TrainLoss), b.History.Epochs.Select(e => e.TrainLoss));
        Assert.NotEqual(a.Parameters, c.Parameters);
    }

    [Fact]
    public void The_trainer_seeds_the_networks_stream_whatever_it_drew_before()
    {
        var net = new ReferenceNetwork<double>(Classifier(0.3), seed: 1);
        net.SeedDropout(999);
        net.Backward([0.1, 0.2], [1.0, 0.0]); // draws from another stream; the trainer reseeds
        Testing.NetworkOracle.RandomParameters<double>(net.Spec, new SeededRandom(0), net.Parameters);
        var reference = new ReferenceNetwork<double>(Classifier(0.3), seed: 1);
        Testing.NetworkOracle.RandomParameters<double>(reference.Spec, new SeededRandom(0), reference.Parameters);
        new Trainer<double>(net, new Sgd<double>(0.1), Options()).Fit(Circles);
        new Trainer<double>(reference, new Sgd<double>(0.1), Options()).Fit(Circles);
        Assert.Equal(reference.Parameters.ToArray(), net.Parameters.ToArray());
    }

    [Theory]
    [InlineData(0)] // a validation set and ValidationFraction both
    [InlineData(1)] // early stopping with no validation
    [InlineData(2)] // a validation set that does not fit the network
    public void A_fit_that_refuses_its_arguments_leaves_the_networks_dropout_stream_as_it_was(int variant)
    {
        var net = new ReferenceNetwork<double>(Classifier(0.5), seed: 1);
        var twin = new ReferenceNetwork<double>(Classifier(0.5), seed: 1);
        net.SeedDropout(999);
        twin.SeedDropout(999);

        var (options, validation) = variant switch
        {
            0 => (Options(), Circles),
            1 => (new TrainerOptions { Epochs = 2, EarlyStoppingPatience = 1 }, null),
            _ => (new TrainerOptions { Epochs = 2 }, new Dataset<double>(new double[4 * 3], 3, new double[4 * 2], 2)),
        };
        var trainer = new Trainer<double>(net, new Sgd<double>(0.1), options);
        Assert.Throws<ArgumentException>(() => trainer.Fit(Circles, validation));

        // The stream goes on as the untouched twin's: the same masks, sample after sample.
        var keep = new bool[16];
        var twinKeep = new bool[16];
        for (int sample = 0; sample < 3; sample++)
        {
            net.Backward([0.1 * sample, 0.2], [1.0, 0.0]);
            twin.Backward([0.1 * sample, 0.2], [1.0, 0.0]);
            for (int layer = 0; layer < 2; layer++)
            {
                net.CopyDropoutMask(layer, keep.AsSpan(0, net.Spec.Layers[layer].Units));
                twin.CopyDropoutMask(layer, twinKeep.AsSpan(0, net.Spec.Layers[layer].Units));
                Assert.Equal(twinKeep, keep);
            }
        }
    }

    [Fact]
    public void Dropout_changes_training_but_not_the_validation_pass()
    {
        var with = Fit(Classifier(0.5), Options());
        var without = Fit(Classifier(0), Options());
        Assert.NotEqual(without.Parameters, with.Parameters);

        // The validation loss of each epoch is the inference network's: Loss on the held-out samples, no dropout.
        var net = new ReferenceNetwork<double>(Classifier(0.5), seed: 1);
        Dataset<double> validation = Datasets.Circles<double>(40, noise: 0.1, factor: 0.5, seed: 9);
        var trainer = new Trainer<double>(net, new Adam<double>(net.ParameterCount, 0.01), new TrainerOptions { Epochs = 3, BatchSize = 16, Seed = 3 });
        trainer.Fit(Circles, validation, onEpoch: report =>
            Assert.Equal(report.ValidationLoss!.Value, trainer.Evaluate(validation).Loss, 14));
    }

    [Fact]
    public void The_trainers_L1_is_the_optimizers_L1()
    {
        var spec = Classifier();
        var viaTrainer = Fit(spec, Options(l1: 0.01), new Sgd<double>(0.1));
        var viaOptimizer = Fit(spec, Options(), new Sgd<double>(0.1, 0, new L1Penalty<double>(spec, 0.01)));
        Assert.Equal(viaOptimizer.Parameters, viaTrainer.Parameters);
        Assert.NotEqual(Fit(spec, Options(), new Sgd<double>(0.1)).Parameters, viaTrainer.Parameters);
    }

    [Fact]
    public void L1_shrinks_the_weights_and_leaves_the_biases_unless_asked()
    {
        var spec = Classifier();
        double Sum(double[] p, Func<int, (int Offset, int Length)> block) =>
            Enumerable.Range(0, spec.Layers.Count).Sum(l => p.AsSpan(block(l).Offset, block(l).Length).ToArray().Sum(Math.Abs));
        double Weights(double[] p) => Sum(p, l => (spec.WeightOffset(l), spec.FanIn(l) * spec.Layers[l].Units));
        double Biases(double[] p) => Sum(p, l => (spec.BiasOffset(l), spec.Layers[l].Units));
        TrainerOptions Long(double l1, bool biases) => new()
        {
            Epochs = 20, BatchSize = 16, Seed = 3, ValidationFraction = 0.25, L1 = l1, L1IncludesBiases = biases,
        };

        var plain = Fit(spec, Long(0, false));
        var penalized = Fit(spec, Long(0.01, false));
        var withBiases = Fit(spec, Long(0.01, true));
        Assert.True(Weights(penalized.Parameters) < 0.8 * Weights(plain.Parameters), $"{Weights(penalized.Parameters)} vs {Weights(plain.Parameters)}");
        Assert.True(Weights(withBiases.Parameters) < 0.8 * Weights(plain.Parameters), $"{Weights(withBiases.Parameters)} vs {Weights(plain.Parameters)}");
        Assert.True(Biases(withBiases.Parameters) < 0.8 * Biases(penalized.Parameters), $"{Biases(withBiases.Parameters)} vs {Biases(penalized.Parameters)}");

        // One plain SGD step on the whole set from the same random parameters (biases included, so none has sign 0):
        // the step moves each penalized parameter by exactly lr * l1 * sign(p) more than without L1, and the others
        // (the biases unless asked) exactly as without L1.
        const double rate = 0.1, l1 = 0.01;
        var start = new double[spec.ParameterCount];
        Testing.NetworkOracle.RandomParameters<double>(spec, new SeededRandom(5), start);
        Assert.DoesNotContain(0.0, start);
        double[] Step(double coefficient, bool biases)
        {
            var net = new ReferenceNetwork<double>(spec, seed: 1);
            start.CopyTo(net.Parameters);
            var options = new TrainerOptions { Epochs = 1, BatchSize = Circles.Count, Shuffle = false, L1 = coefficient, L1IncludesBiases = biases };
            new Trainer<double>(net, new Sgd<double>(rate), options).Fit(Circles);
            return net.Parameters.ToArray();
        }

        double[] none = Step(0, false), weightsOnly = Step(l1, false), all = Step(l1, true);
        for (int layer = 0; layer < spec.Layers.Count; layer++)
        {
            for (int k = spec.WeightOffset(layer); k < spec.WeightOffset(layer) + spec.FanIn(layer) * spec.Layers[layer].Units; k++)
            {
                Assert.Equal(none[k] - rate * l1 * Math.Sign(start[k]), weightsOnly[k], 1e-12);
                Assert.Equal(weightsOnly[k], all[k]);
            }

            for (int k = spec.BiasOffset(layer); k < spec.BiasOffset(layer) + spec.Layers[layer].Units; k++)
            {
                Assert.Equal(none[k], weightsOnly[k]);                                 // L1 leaves the biases alone
                Assert.Equal(none[k] - rate * l1 * Math.Sign(start[k]), all[k], 1e-12); // unless asked
            }
        }
    }

    [Fact]
    public void Input_noise_is_seeded_and_off_outside_the_training_passes()
    {
        var a = Fit(Classifier(), Options(noise: 0.2));
        var b = Fit(Classifier(), Options(noise: 0.2));
        var c = Fit(Classifier(), Options(seed: 4, noise: 0.2));
        var clean = Fit(Classifier(), Options());
        Assert.Equal(a.Parameters, b.Parameters);
        Assert.NotEqual(a.Parameters, c.Parameters);
        Assert.NotEqual(clean.Parameters, a.Parameters);

        // Off at evaluation: every epoch's validation loss and accuracies are those of the clean inputs.
        var net = new ReferenceNetwork<double>(Classifier(), seed: 1);
        Dataset<double> validation = Datasets.Circles<double>(40, noise: 0.1, factor: 0.5, seed: 9);
        var trainer = new Trainer<double>(net, new Adam<double>(net.ParameterCount, 0.01), new TrainerOptions { Epochs = 3, Seed = 3, InputNoise = 0.5 });
        trainer.Fit(Circles, validation, onEpoch: report =>
        {
            Assert.Equal(trainer.Evaluate(validation).Loss, report.ValidationLoss!.Value, 14);
            Assert.Equal(trainer.Evaluate(Circles).Accuracy!.Value, report.TrainAccuracy!.Value, 14);
        });
    }

    [Fact]
    public void Noise_does_not_change_the_shuffling_so_a_zero_deviation_is_no_noise()
    {
        // The noise has its own stream: a run with deviation 0 draws nothing and equals a run without the option.
        Assert.Equal(Fit(Classifier(), Options()).Parameters, Fit(Classifier(), Options(noise: 0)).Parameters);
    }

    [Theory]
    [InlineData(-0.1, 0)]
    [InlineData(double.NaN, 0)]
    [InlineData(0, -1)]
    [InlineData(0, double.PositiveInfinity)]
    public void Out_of_range_options_are_refused(double l1, double noise)
    {
        var net = new ReferenceNetwork<double>(Classifier(), seed: 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<double>(net, new Sgd<double>(0.1), new TrainerOptions { L1 = l1, InputNoise = noise }));
        Assert.Equal(l1 != 0 ? "L1" : "InputNoise", error.ParamName);
    }

    [Fact]
    public void An_L1_beyond_the_element_types_range_is_refused_as_the_L1_option()
    {
        var net = new ReferenceNetwork<float>(new NetworkSpec(2, [new LayerSpec(3, Activation.Tanh), new LayerSpec(1)]), seed: 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<float>(net, new Sgd<float>(0.1f), new TrainerOptions { L1 = 1e300 }));
        Assert.Equal("L1", error.ParamName);
        Assert.Contains("L1 must be finite in float", error.Message);

        // The same value is fine in double.
        var doubles = new ReferenceNetwork<double>(new NetworkSpec(2, [new LayerSpec(3, Activation.Tanh), new LayerSpec(1)], precision: Precision.Double), seed: 1);
        _ = new Trainer<double>(doubles, new Sgd<double>(0.1), new TrainerOptions { L1 = 1e300 });
    }

    public static TheoryData<int> PenalizedOptimizers => new() { 0, 1, 2, 3, 4 };

    [Theory]
    [MemberData(nameof(PenalizedOptimizers))]
    public void The_trainers_L1_on_top_of_an_optimizers_L1_is_refused(int variant)
    {
        var spec = Classifier();
        var net = new ReferenceNetwork<double>(spec, seed: 1);
        var l1 = new L1Penalty<double>(spec, 0.01);
        IOptimizer<double> optimizer = variant switch
        {
            0 => new Sgd<double>(0.1, 0, l1),
            1 => new Momentum<double>(net.ParameterCount, 0.1, 0.9, l1),
            2 => new Nesterov<double>(net.ParameterCount, 0.1, 0.9, l1: l1),
            3 => new Adam<double>(net.ParameterCount, 0.01, 0.9, 0.999, 1e-8, l1: l1),
            _ => new RMSprop<double>(net.ParameterCount, 0.01, 0.99, 1e-8, l1: l1),
        };
        var error = Assert.Throws<ArgumentException>(() => new Trainer<double>(net, optimizer, Options(l1: 0.02)));
        Assert.Equal("options", error.ParamName);
        Assert.Contains("TrainerOptions.L1 is 0.02", error.Message);
        Assert.Contains($"the optimizer ({optimizer.GetType().Name}) already holds an L1Penalty (coefficient 0.01)", error.Message);

        // Either alone is fine.
        _ = new Trainer<double>(net, optimizer, Options());
        _ = new Trainer<double>(net, new Sgd<double>(0.1), Options(l1: 0.02));
    }

    [Fact]
    public void Epochs_with_dropout_noise_and_L1_allocate_nothing_after_warm_up()
    {
        var data = Datasets.Circles<double>(200, noise: 0.05, factor: 0.5, seed: 1);
        var net = new ReferenceNetwork<double>(Classifier(0.2), seed: 1);
        var trainer = new Trainer<double>(net, new Adam<double>(net.ParameterCount, 0.01), new TrainerOptions { BatchSize = 16, L1 = 0.001, InputNoise = 0.1 });
        var session = new Trainer<double>.Session(trainer, data, null, new SeededRandom(1));
        var history = new History(4);
        session.RunEpoch(1, history, CancellationToken.None);
        long before = GC.GetAllocatedBytesForCurrentThread();
        session.RunEpoch(2, history, CancellationToken.None);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
