using Unrolled.IntegrationTests.Networks;

namespace Unrolled.IntegrationTests;

/// <summary>A generated network trains like the interpreter: same trajectory, and it learns the circles.</summary>
public class TrainingTests
{
    [Fact]
    public void Momentum_training_of_the_circles_network_separates_the_classes()
    {
        var data = Datasets.Circles<float>(samples: 200, noise: 0.05, factor: 0.4, seed: 3);
        var net = new CirclesNet();
        var trainer = new Trainer<float>(net, new Momentum<float>(CirclesNet.ParameterCount, 0.5f, 0.9f),
            new TrainerOptions { Epochs = 300, BatchSize = data.Count, Seed = 1 });
        var history = trainer.Fit(data);

        Assert.True(history.Last.TrainLoss < history.Epochs[0].TrainLoss / 4, $"loss {history.Epochs[0].TrainLoss} -> {history.Last.TrainLoss}");
        Assert.True(trainer.Evaluate(data).Accuracy >= 0.95, $"accuracy {trainer.Evaluate(data).Accuracy}");
    }

    [Fact]
    public void Generated_and_interpreted_networks_follow_the_same_training_trajectory()
    {
        var data = Datasets.Circles<float>(samples: 64, noise: 0.1, factor: 0.5, seed: 8);
        var generated = new CirclesNet();
        var reference = new ReferenceNetwork<float>(CirclesNet.Spec);
        var options = new TrainerOptions { Epochs = 20, BatchSize = 16, Seed = 4 };
        var a = new Trainer<float>(generated, new Adam<float>(CirclesNet.ParameterCount, 0.01f), options).Fit(data);
        var b = new Trainer<float>(reference, new Adam<float>(CirclesNet.ParameterCount, 0.01f), options).Fit(data);

        for (int k = 0; k < CirclesNet.ParameterCount; k++)
        {
            Assert.Equal(reference.Parameters[k], generated.Parameters[k], 5);
        }

        Assert.Equal(b.Last.TrainLoss, a.Last.TrainLoss, 5);
    }

    [Fact]
    public void A_network_with_dropout_prelu_a_hidden_softmax_and_no_bias_trains_as_the_interpreter_does()
    {
        // Fit seeds both dropout streams from Seed, so both draw the same masks in the same order.
        var data = Datasets.Circles<double>(samples: 64, noise: 0.1, factor: 0.5, seed: 9);
        var generated = new ToolboxNet();
        var reference = new ReferenceNetwork<double>(ToolboxNet.Spec);
        generated.Parameters.CopyTo(reference.Parameters);
        var options = new TrainerOptions { Epochs = 15, BatchSize = 8, Seed = 6 };
        var a = new Trainer<double>(generated, new Adam<double>(ToolboxNet.ParameterCount, 0.01), options).Fit(data);
        var b = new Trainer<double>(reference, new Adam<double>(ToolboxNet.ParameterCount, 0.01), options).Fit(data);

        for (int k = 0; k < ToolboxNet.ParameterCount; k++)
        {
            Assert.Equal(reference.Parameters[k], generated.Parameters[k], 9);
        }

        Assert.Equal(b.Last.TrainLoss, a.Last.TrainLoss, 9);
        Assert.True(a.Last.TrainLoss < a.Epochs[0].TrainLoss, $"loss {a.Epochs[0].TrainLoss} -> {a.Last.TrainLoss}");
    }

    [Fact]
    public void PRelu_and_dropout_on_a_mean_squared_error_output_train_as_the_interpreter_does()
    {
        var data = Datasets.Circles<double>(samples: 48, noise: 0.1, factor: 0.5, seed: 10);
        var generated = new PReluOutputNet();
        var reference = new ReferenceNetwork<double>(PReluOutputNet.Spec);
        generated.Parameters.CopyTo(reference.Parameters);
        var options = new TrainerOptions { Epochs = 10, BatchSize = 6, Seed = 2 };
        var a = new Trainer<double>(generated, new Sgd<double>(0.05), options).Fit(data);
        var b = new Trainer<double>(reference, new Sgd<double>(0.05), options).Fit(data);

        for (int k = 0; k < PReluOutputNet.ParameterCount; k++)
        {
            Assert.Equal(reference.Parameters[k], generated.Parameters[k], 9);
        }

        Assert.Equal(b.Last.TrainLoss, a.Last.TrainLoss, 9);
        Assert.NotEqual(0.25, generated.Parameters[PReluOutputNet.Spec.SlopeOffset(1)]); // the output slopes learned
    }

    [Fact]
    public void Seeding_the_dropout_stream_replays_Backward_and_Forward_never_drops()
    {
        var net = new ToolboxNet();
        double[] x = [0.3, -0.7], t = [1, 0], y1 = new double[2], y2 = new double[2];
        net.SeedDropout(11);
        double first = net.Backward(x, t);
        double second = net.Backward(x, t);
        net.SeedDropout(11);
        Assert.Equal(first, net.Backward(x, t));
        Assert.NotEqual(first, second); // the stream moves on: another mask

        net.Forward(x, y1);
        net.Backward(x, t);
        net.Forward(x, y2);
        Assert.Equal(y1, y2);
        Assert.Equal(net.Loss(x, t), -Math.Log(y1[0]), 12);
    }
}
