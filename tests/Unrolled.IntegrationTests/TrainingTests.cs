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
}
