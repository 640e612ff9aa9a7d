namespace Unrolled.Tests.Data;

public class CsvLoaderTests
{
    private const string Good = """
        x1,label,x2
        0.5,1,-2
        1e-3, 0 ,3.25

        -4,2,"7"
        """;

    [Fact]
    public void Reads_features_in_file_order_and_the_label_column_as_one_hot()
    {
        var data = CsvLoader.Load<double>(new StringReader(Good), "label");
        Assert.Equal(3, data.Count);
        Assert.Equal(2, data.InputCount);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal([0.5, -2, 0.001, 3.25, -4, 7], data.Features.ToArray());
        Assert.Equal([1, 0, 2], data.Labels.ToArray());
        Assert.Equal([0.0, 1, 0], data.Target(0).ToArray());
    }

    [Fact]
    public void Parsing_ignores_the_current_culture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var data = CsvLoader.Load<float>(new StringReader(Good), "label");
            Assert.Equal(0.5f, data.Feature(0)[0]);
            Assert.Equal(3.25f, data.Feature(1)[1]);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Reads_a_file_from_a_path()
    {
        string path = Path.Combine(Path.GetTempPath(), $"unrolled-csv-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "a,b,y\n1,2,0\n3,4,1\n");
            var data = CsvLoader.Load<double>(path, "y", classCount: 4);
            Assert.Equal(4, data.OutputCount);
            Assert.Equal([1.0, 2, 3, 4], data.Features.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_non_numeric_cell_names_line_and_column()
    {
        var error = Assert.Throws<CsvFormatException>(() =>
            CsvLoader.Load<double>(new StringReader("x1,x2,label\n1,2,0\n3,abc,1\n"), "label"));
        Assert.Equal(3, error.Line);
        Assert.Equal("x2", error.Column);
        Assert.Contains("Line 3", error.Message);
        Assert.Contains("'x2'", error.Message);
        Assert.Contains("'abc'", error.Message);
    }

    [Fact]
    public void A_comma_decimal_is_not_a_number()
    {
        var error = Assert.Throws<CsvFormatException>(() =>
            CsvLoader.Load<double>(new StringReader("x;label\n1,5;0\n"), "label", separator: ';'));
        Assert.Equal(2, error.Line);
        Assert.Equal("x", error.Column);
    }

    [Fact]
    public void A_wrong_cell_count_names_the_line()
    {
        var error = Assert.Throws<CsvFormatException>(() =>
            CsvLoader.Load<double>(new StringReader("x1,x2,label\n1,2,0\n3,1\n"), "label"));
        Assert.Equal(3, error.Line);
        Assert.Contains("Line 3 has 2 cells", error.Message);
        Assert.Contains("3 columns", error.Message);
    }

    [Fact]
    public void A_missing_label_column_lists_the_columns()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            CsvLoader.Load<double>(new StringReader("x1,x2,class\n1,2,0\n"), "label"));
        Assert.Equal("labelColumn", error.ParamName);
        Assert.Contains("no column 'label'", error.Message);
        Assert.Contains("x1, x2, class", error.Message);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-1")]
    public void A_label_that_is_not_a_class_is_an_error(string label)
    {
        var error = Assert.Throws<CsvFormatException>(() =>
            CsvLoader.Load<double>(new StringReader($"x,label\n1,0\n2,{label}\n"), "label"));
        Assert.Equal(3, error.Line);
        Assert.Equal("label", error.Column);
    }

    [Fact]
    public void Empty_text_and_header_only_are_errors()
    {
        Assert.Throws<CsvFormatException>(() => CsvLoader.Load<double>(new StringReader(""), "label"));
        Assert.Throws<CsvFormatException>(() => CsvLoader.Load<double>(new StringReader("x,label\n"), "label"));
    }

    [Fact]
    public void Regression_takes_named_target_columns()
    {
        var data = CsvLoader.LoadRegression<double>(new StringReader("t2,x,t1\n1,2,3\n4,5,6\n"), ["t1", "t2"]);
        Assert.False(data.HasLabels);
        Assert.Equal([2.0, 5], data.Features.ToArray());
        Assert.Equal([3.0, 1, 6, 4], data.Targets.ToArray());
    }
}
