namespace Unrolled.Tests.Training;

public class TrainerDivergenceTests
{
    private static NetworkSpec Regressor => new(
        2, [new LayerSpec(8, Activation.Tanh), new LayerSpec(1, Activation.Identity)], LossFunction.MeanSquaredError);

    /// <summary>y = x0 - 2 x1 on a grid of 40 points.</summary>
    private static Dataset<double> Plane()
    {
        var features = new double[80];
        var targets = new double[40];
        for (int i = 0; i < 40; i++)
        {
            features[2 * i] = (i % 8) / 4.0 - 1;
            features[2 * i + 1] = (i / 8) / 2.5 - 1;
            targets[i] = features[2 * i] - 2 * features[2 * i + 1];
        }

        return new Dataset<double>(features, 2, targets, 1);
    }

    [Fact]
    public void A_huge_learning_rate_throws_naming_epoch_and_batch_and_keeps_the_last_good_parameters()
    {
        const double rate = 50;
        const int batchSize = 10;
        var data = Plane();

        // Replay the unshuffled batches by hand to find the first non-finite batch loss and the parameters before
        // the step that preceded it.
        var replay = new ReferenceNetwork<double>(Regressor, seed: 1);
        var sgd = new Sgd<double>(rate);
        double[] beforeLastStep = replay.Parameters.ToArray();
        int expectedEpoch = 0, expectedBatch = 0;
        for (int epoch = 1; epoch <= 100 && expectedEpoch == 0; epoch++)
        {
            for (int batch = 1; batch <= 4; batch++)
            {
                replay.ZeroGradients();
                double sum = 0;
                for (int i = (batch - 1) * batchSize; i < batch * batchSize; i++)
                {
                    sum += replay.Backward(data.Feature(i), data.Target(i));
                }

                if (!double.IsFinite(sum / batchSize))
                {
                    (expectedEpoch, expectedBatch) = (epoch, batch);
                    break;
                }

                beforeLastStep = replay.Parameters.ToArray();
                System.Numerics.Tensors.TensorPrimitives.Multiply(replay.Gradients, 1.0 / batchSize, replay.Gradients);
                sgd.Step(replay.Parameters, replay.Gradients);
            }

            Assert.True(expectedEpoch > 0 || replay.Parameters.ToArray().All(double.IsFinite), "the replay expects the loss to blow up first");
        }

        Assert.True(expectedEpoch > 0, "the learning rate was expected to make training diverge");
        Assert.True(expectedEpoch > 1 || expectedBatch > 2, "divergence should come after a few good steps");

        var net = new ReferenceNetwork<double>(Regressor, seed: 1);
        var trainer = new Trainer<double>(net, new Sgd<double>(rate), new TrainerOptions { Epochs = 100, BatchSize = batchSize, Shuffle = false });
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(data));

        Assert.Equal(expectedEpoch, error.Epoch);
        Assert.Equal(expectedBatch, error.Batch);
        Assert.Contains($"epoch {expectedEpoch}, batch {expectedBatch}", error.Message);
        Assert.False(double.IsFinite(error.Loss));
        Assert.Equal(expectedEpoch - 1, error.History.Epochs.Count);
        Assert.All(net.Parameters.ToArray(), p => Assert.True(double.IsFinite(p)));
        Assert.Equal(beforeLastStep, net.Parameters.ToArray());
        Assert.Equal(rate, trainer.Optimizer.LearningRate);
    }

    [Fact]
    public void A_moderate_learning_rate_does_not_diverge()
    {
        var net = new ReferenceNetwork<double>(Regressor, seed: 1);
        var trainer = new Trainer<double>(net, new Sgd<double>(0.05), new TrainerOptions { Epochs = 200, BatchSize = 10, Seed = 1 });
        var history = trainer.Fit(Plane());
        Assert.True(history.Last.TrainLoss < 0.05 * history.Epochs[0].TrainLoss);
    }
}
