namespace Unrolled.Tests.Data;

public class TrainTestSplitTests
{
    private static Dataset<double> Numbered(int count)
    {
        var features = new double[count];
        for (int i = 0; i < count; i++)
        {
            features[i] = i;
        }

        return new Dataset<double>(features, 1, features, 1);
    }

    [Theory]
    [InlineData(100, 0.2, 20)]
    [InlineData(10, 0.25, 3)]
    [InlineData(7, 0.5, 4)]
    public void Sizes_follow_the_fraction_rounding_the_test_part_up(int count, double fraction, int testCount)
    {
        var (train, test) = TrainTestSplit.Split(Numbered(count), fraction, seed: 1);
        Assert.Equal(testCount, test.Count);
        Assert.Equal(count - testCount, train.Count);
    }

    [Fact]
    public void The_parts_partition_the_data_shuffled_by_seed()
    {
        var data = Numbered(50);
        var (train, test) = TrainTestSplit.Split(data, 0.3, seed: 5);
        var all = train.Features.ToArray().Concat(test.Features.ToArray()).Order().ToArray();
        Assert.Equal(data.Features.ToArray(), all);
        Assert.NotEqual(data.Features[..train.Count].ToArray(), train.Features.ToArray());

        var (train2, test2) = TrainTestSplit.Split(data, 0.3, seed: 5);
        Assert.Equal(train.Features.ToArray(), train2.Features.ToArray());
        Assert.Equal(test.Features.ToArray(), test2.Features.ToArray());

        var (train3, _) = TrainTestSplit.Split(data, 0.3, seed: 6);
        Assert.NotEqual(train.Features.ToArray(), train3.Features.ToArray());
    }

    [Theory]
    [InlineData(10, 0.0)]
    [InlineData(10, 1.0)]
    [InlineData(1, 0.5)]
    public void A_fraction_out_of_range_or_leaving_a_part_empty_is_rejected(int count, double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.Split(Numbered(count), fraction));
    }
}
