namespace Unrolled.Tests.Data;

public class StandardizerTests
{
    [Fact]
    public void Fits_mean_and_population_deviation_and_centers_constant_columns()
    {
        var training = new Dataset<double>([1, 5, 10, 3, 5, 20], 3, [0, 0], 1);
        var scaler = Standardizer.Fit(training);
        Assert.Equal([2.0, 5, 15], scaler.Mean.ToArray());
        Assert.Equal([1.0, 1, 5], scaler.Scale.ToArray());

        var scaled = scaler.Transform(training);
        Assert.Equal([-1.0, 0, -1, 1, 0, 1], scaled.Features.ToArray());
        Assert.Equal(training.Targets.ToArray(), scaled.Targets.ToArray());
    }

    [Fact]
    public void Uses_the_training_statistics_on_other_data()
    {
        var all = Datasets.Blobs<double>(300, seed: 1);
        var (train, test) = TrainTestSplit.Split(all, 0.3, seed: 2);
        var scaler = Standardizer.Fit(train);
        var trainScaled = scaler.Transform(train);
        var testScaled = scaler.Transform(test);

        for (int c = 0; c < 2; c++)
        {
            double trainMean = 0, testMean = 0, rawTestMean = 0;
            for (int i = 0; i < train.Count; i++)
            {
                trainMean += trainScaled.Feature(i)[c] / train.Count;
            }

            for (int i = 0; i < test.Count; i++)
            {
                testMean += testScaled.Feature(i)[c] / test.Count;
                rawTestMean += test.Feature(i)[c] / test.Count;
                Assert.Equal((test.Feature(i)[c] - scaler.Mean[c]) / scaler.Scale[c], testScaled.Feature(i)[c], 14);
            }

            Assert.Equal(0.0, trainMean, 12);
            Assert.Equal((rawTestMean - scaler.Mean[c]) / scaler.Scale[c], testMean, 12);
            Assert.NotEqual(0.0, testMean, 6); // fitted on the training part only
        }

        Assert.Equal(test.Labels.ToArray(), testScaled.Labels.ToArray());
    }

    [Fact]
    public void A_set_of_another_width_is_rejected()
    {
        var scaler = Standardizer.Fit<double>([1, 2, 3, 4], 2);
        Assert.Throws<ArgumentException>(() => scaler.Transform(new Dataset<double>([1, 2, 3], 3, [0], 1)));
    }
}
