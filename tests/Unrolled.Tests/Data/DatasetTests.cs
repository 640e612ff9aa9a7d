namespace Unrolled.Tests.Data;

public class DatasetTests
{
    [Fact]
    public void Rows_are_read_row_major()
    {
        var data = new Dataset<double>([1, 2, 3, 4, 5, 6], 3, [10, 20], 1);
        Assert.Equal(2, data.Count);
        Assert.Equal([4.0, 5, 6], data.Feature(1).ToArray());
        Assert.Equal([20.0], data.Target(1).ToArray());
        Assert.False(data.HasLabels);
        Assert.True(data.Labels.IsEmpty);
        Assert.Throws<InvalidOperationException>(() => data.Label(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Feature(2));
    }

    [Fact]
    public void The_constructor_copies_its_input()
    {
        double[] features = [1, 2];
        var data = new Dataset<double>(features, 1, [0, 1], 1);
        features[0] = 99;
        Assert.Equal(1.0, data.Feature(0)[0]);
    }

    [Fact]
    public void Shape_errors_name_what_is_wrong()
    {
        var partialRow = Assert.Throws<ArgumentException>(() => new Dataset<double>([1, 2, 3], 2, [0], 1));
        Assert.Contains("whole number of rows of 2", partialRow.Message);

        var rows = Assert.Throws<ArgumentException>(() => new Dataset<double>([1, 2, 3, 4], 2, [0, 1, 2], 1));
        Assert.Contains("2 rows", rows.Message);
        Assert.Equal("targets", rows.ParamName);

        var labels = Assert.Throws<ArgumentException>(() => new Dataset<double>([1, 2], 1, [1, 0, 0, 1], 2, [0]));
        Assert.Contains("Expected 2 labels", labels.Message);

        var range = Assert.Throws<ArgumentException>(() => new Dataset<double>([1, 2], 1, [1, 0, 0, 1], 2, [0, 2]));
        Assert.Contains("row 1", range.Message);

        var nan = Assert.Throws<ArgumentException>(() => new Dataset<double>([1, 2, double.NaN, 4], 2, [0, 1], 1));
        Assert.Contains("row 1, column 0", nan.Message);
    }

    [Fact]
    public void Subset_picks_rows_in_order_with_their_labels()
    {
        var data = Dataset<double>.FromLabels([0, 1, 2, 3], 1, [0, 1, 2, 1], 3);
        var subset = data.Subset([3, 0]);
        Assert.Equal([3.0, 0], subset.Features.ToArray());
        Assert.Equal([1, 0], subset.Labels.ToArray());
        Assert.Equal([0.0, 1, 0, 1, 0, 0], subset.Targets.ToArray());
    }

    [Fact]
    public void One_hot_encodes_and_argmax_decodes()
    {
        Assert.Equal([0.0, 1, 0, 0, 0, 1], OneHot.Encode<double>([1, 2], 3));
        Assert.Equal(2, OneHot.ArgMax<double>([0.1, 0.2, 0.7]));
        Assert.Equal(0, OneHot.ArgMax<double>([0.5, 0.5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => OneHot.Encode<double>([3], 3));
    }
}
