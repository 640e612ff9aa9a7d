extern alias generator;

using Unrolled.Generators.Tests.Infrastructure;
using ProjectPath = generator::Unrolled.Generators.Weights.ProjectPath;

namespace Unrolled.Generators.Tests;

/// <summary>How Weights paths and additional files' paths are put in one form before they are compared.</summary>
public class ProjectPathTests
{
    [Theory]
    [InlineData("models/x.onnx", "models/x.onnx")]
    [InlineData("models\\x.onnx", "models/x.onnx")]
    [InlineData("./models/./x.onnx", "models/x.onnx")]
    [InlineData("models//x.onnx", "models/x.onnx")]
    [InlineData("a/../models/x.onnx", "models/x.onnx")]
    [InlineData("../fixtures/onnx/x.onnx", "../fixtures/onnx/x.onnx")]
    [InlineData("/work/project/x.onnx", "/work/project/x.onnx")]
    [InlineData("C:\\work\\project\\x.onnx", "C:/work/project/x.onnx")]
    [InlineData(" models/x.onnx ", "models/x.onnx")]
    public void Paths_are_normalized(string path, string expected) => Assert.Equal(expected, ProjectPath.Normalize(path));

    [Theory]
    [InlineData("/work/project/", "/work/project/models/x.json", "models/x.json")]
    [InlineData("/work/project", "/work/project/x.json", "x.json")]
    [InlineData("/work/project/", "/work/fixtures/x.json", "../fixtures/x.json")]
    [InlineData("C:\\work\\project\\", "C:\\work\\project\\models\\x.json", "models/x.json")]
    [InlineData("C:\\work\\project\\", "D:\\x.json", "D:/x.json")]
    [InlineData(null, "models/x.json", "models/x.json")]
    [InlineData("/work/project/", "models/x.json", "models/x.json")]
    public void Files_are_made_relative_to_the_project(string? directory, string path, string expected) =>
        Assert.Equal(expected, ProjectPath.Relative(directory, path));

    [Theory]
    [InlineData(".\\models\\net.json")]
    [InlineData("./models/../models/net.json")]
    public void A_weights_path_written_another_way_finds_its_file(string weights)
    {
        var network = new ReferenceNetwork<float>(new NetworkSpec(2, [new LayerSpec(1)]));
        var files = new ProjectFiles().Text("models/net.json", System.Text.Encoding.UTF8.GetString(BakedWeightsReaderTests.Save(network, json: true)));
        string source = $$"""
            using Unrolled;
            [Network(2, Weights = @"{{weights}}")]
            [Dense(1)]
            public partial class Net;
            """;
        Assert.Single(BakedNetwork.Generate(source, files).Sources);
    }

    [Fact]
    public void UNR022_an_empty_weights_path() => DiagnosticAssert.Single("""
        [[|Network(2, Weights = "")|]]
        [Dense(1)]
        public partial class Net;
        """, new ProjectFiles(), "UNR022",
        "'Net' takes its weights from '', which names no file — set Weights to a path relative to the project directory, such as \"models/net.onnx\"");

    [Fact]
    public void A_null_weights_path_is_no_weights() => DiagnosticAssert.None("""
        [Network(2, Weights = null)]
        [Dense(1)]
        public partial class Net;
        """);
}
