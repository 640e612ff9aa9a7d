namespace Unrolled.Tests.Training;

public class TrainerAllocationTests
{
    private static NetworkSpec Classifier => new(
        2, [new LayerSpec(8, Activation.Tanh), new LayerSpec(2, Activation.Softmax)], LossFunction.CrossEntropy);

    [Fact]
    public void A_training_epoch_allocates_nothing_after_a_warm_up_epoch()
    {
        var data = Datasets.Circles<double>(200, noise: 0.05, factor: 0.5, seed: 1);
        var net = new ReferenceNetwork<double>(Classifier, seed: 1);
        var trainer = new Trainer<double>(net, new Momentum<double>(net.ParameterCount, 0.05, 0.9), new TrainerOptions { BatchSize = 16 });
        var session = new Trainer<double>.Session(trainer, data, null, new SeededRandom(1));
        var history = new History(4);

        session.RunEpoch(1, history, CancellationToken.None);
        long before = GC.GetAllocatedBytesForCurrentThread();
        session.RunEpoch(2, history, CancellationToken.None);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Whole_epochs_of_fit_with_validation_and_accuracy_allocate_nothing_after_warm_up()
    {
        var data = Datasets.Circles<double>(200, noise: 0.05, factor: 0.5, seed: 1);
        var net = new ReferenceNetwork<double>(Classifier, seed: 1);
        var trainer = new Trainer<double>(net, new Momentum<double>(net.ParameterCount, 0.05, 0.9), new TrainerOptions
        {
            Epochs = 8, BatchSize = 16, ValidationFraction = 0.2, EarlyStoppingPatience = 100, Schedule = LearningRateSchedule.Cosine(0.01),
        });
        var stamps = new long[8];

        // The callback only stores a number: what it measures between epochs is the trainer's own allocation.
        trainer.Fit(data, onEpoch: report => stamps[report.Epoch - 1] = GC.GetAllocatedBytesForCurrentThread());

        for (int e = 2; e < 8; e++)
        {
            Assert.Equal(0, stamps[e] - stamps[e - 1]);
        }
    }
}
