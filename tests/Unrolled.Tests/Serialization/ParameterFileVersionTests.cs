using System.Numerics;
using System.Text.Json;

namespace Unrolled.Tests.Serialization;

/// <summary>Version 1 files (written by make_v1_files.py from the documented layout) still load, and save again as version 2.</summary>
public class ParameterFileVersionTests
{
    private static string Directory => Path.Combine(AppContext.BaseDirectory, "fixtures", "parameters");

    public static TheoryData<string> Files => new(Expected().EnumerateObject().Select(p => p.Name));

    private static JsonElement Expected() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "expected.json"))).RootElement;

    [Theory]
    [MemberData(nameof(Files))]
    public void A_version_1_file_loads_into_a_network_of_its_spec(string file)
    {
        var expected = Expected().GetProperty(file);
        double[] parameters = expected.GetProperty("parameters").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        string path = Path.Combine(Directory, file);
        bool json = file.EndsWith(".json", StringComparison.Ordinal);
        Assert.Equal(1, json ? JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("version").GetInt32() : BitConverter.ToUInt16(File.ReadAllBytes(path), 4));

        NetworkSpec spec = SpecFor(expected.GetProperty("spec").GetString()!);
        Assert.Equal(expected.GetProperty("spec").GetString(), spec.ToString());
        if (spec.Precision == Precision.Double)
        {
            Check<double>(spec, path, json, parameters);
        }
        else
        {
            Check<float>(spec, path, json, parameters);
        }
    }

    [Fact]
    public void A_version_1_file_of_another_shape_is_refused_as_another_network()
    {
        var spec = new NetworkSpec(2, [new LayerSpec(3, Activation.Sigmoid, bias: false), new LayerSpec(2, Activation.Softmax)], LossFunction.CrossEntropy);
        var error = Assert.Throws<ArgumentException>(() => ParameterFile.Load(new ReferenceNetwork<float>(spec), Path.Combine(Directory, "v1_circles_float32.unrl")));
        Assert.Contains("file has layer 1 with a bias, network has none", error.Message);
    }

    private static void Check<T>(NetworkSpec spec, string path, bool json, double[] parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = new ReferenceNetwork<T>(spec, seed: 3);
        if (json)
        {
            ParameterFile.LoadJson(network, path);
        }
        else
        {
            ParameterFile.Load(network, path);
        }

        Assert.Equal(parameters, network.Parameters.ToArray().Select(double.CreateTruncating));

        // Saved again, it is a version 2 file of the same parameters.
        using var stream = new MemoryStream();
        ParameterFile.Save(network, stream);
        Assert.Equal(ParameterFile.FormatVersion, BitConverter.ToUInt16(stream.ToArray(), 4));
        var again = new ReferenceNetwork<T>(spec, seed: 4);
        ParameterFile.Load(again, new MemoryStream(stream.ToArray()));
        Assert.Equal(network.Parameters.ToArray(), again.Parameters.ToArray());
    }

    /// <summary>The three specs of the fixtures, by their text.</summary>
    private static NetworkSpec SpecFor(string text) => text switch
    {
        "2 -> 3 Sigmoid -> 2 Softmax, CrossEntropy, Single" =>
            new(2, [new LayerSpec(3, Activation.Sigmoid), new LayerSpec(2, Activation.Softmax)], LossFunction.CrossEntropy),
        "3 -> 4 LeakyRelu(0.2) -> 3 Elu(0.5) -> 1 Identity, MeanSquaredError, Double" =>
            new(3, [new LayerSpec(4, Activation.LeakyRelu, 0.2), new LayerSpec(3, Activation.Elu, 0.5), new LayerSpec(1)], precision: Precision.Double),
        "2 -> 3 Tanh -> 2 Sigmoid, BinaryCrossEntropy, Single" =>
            new(2, [new LayerSpec(3, Activation.Tanh), new LayerSpec(2, Activation.Sigmoid)], LossFunction.BinaryCrossEntropy),
        _ => throw new ArgumentException($"No spec for '{text}'."),
    };
}
