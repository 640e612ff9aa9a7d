using System.Buffers.Binary;
using System.Numerics;
using System.Text;
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

    [Fact]
    public void A_version_1_binary_file_declaring_prelu_is_refused_as_damaged_or_mislabelled()
    {
        // A version 2 file of a PRelu network, rewritten in the version 1 layout (16-byte layers) with a sound checksum:
        // everything about it is consistent except that version 1 has no PRelu.
        var spec = new NetworkSpec(2, [new LayerSpec(3, Activation.Sigmoid), new LayerSpec(2, Activation.PRelu, 0.25)]);
        var network = new ReferenceNetwork<float>(spec, seed: 5);
        using var stream = new MemoryStream();
        ParameterFile.Save(network, stream);
        byte[] v2 = stream.ToArray();
        var v1 = new List<byte>(v2.AsSpan(0, 15).ToArray());
        BinaryPrimitives.WriteUInt16LittleEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(v1).Slice(4, 2), 1);
        for (int layer = 0; layer < 2; layer++)
        {
            v1.AddRange(v2.AsSpan(15 + 28 * layer, 16).ToArray());
        }

        v1.AddRange(v2.AsSpan(15 + 28 * 2, v2.Length - 4 - (15 + 28 * 2)).ToArray());
        byte[] file = [.. v1, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(file.Length - 4), System.IO.Hashing.Crc32.HashToUInt32(file.AsSpan(0, file.Length - 4)));

        var target = new ReferenceNetwork<float>(spec, seed: 6);
        float[] before = target.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => ParameterFile.Load(target, new MemoryStream(file)));
        Assert.Equal("Version 1 files have no PRelu layers: layer 2 declares PRelu; the file is damaged or mislabelled.", error.Message);
        Assert.Equal(before, target.Parameters.ToArray());
    }

    [Theory]
    [InlineData("Identity", ", \"dropout\": 0.5", ", \"bias\": [0, 0]",
        "Version 1 files have no dropout: $.spec.layers[0] has \"dropout\"; the file is damaged or mislabelled.")]
    [InlineData("Identity", ", \"dropout\": 0", ", \"bias\": [0, 0]",
        "Version 1 files have no dropout: $.spec.layers[0] has \"dropout\"; the file is damaged or mislabelled.")]
    [InlineData("Identity", ", \"bias\": false", "",
        "Version 1 files have no bias-free layers: $.spec.layers[0] has \"bias\": false; the file is damaged or mislabelled.")]
    [InlineData("PRelu", "", ", \"bias\": [0, 0], \"slopes\": [0.25, 0.25]",
        "$.spec: Version 1 files have no PRelu layers: layer 1 declares PRelu; the file is damaged or mislabelled.")]
    [InlineData("Identity", "", ", \"bias\": [0, 0], \"slopes\": [0.25, 0.25]",
        "Version 1 files have no PReLU slopes: $.layers[0] has \"slopes\"; the file is damaged or mislabelled.", false)]
    public void A_version_1_document_with_version_2_features_is_refused_as_damaged_or_mislabelled(
        string activation, string specExtra, string layerExtra, string message, bool soundAsVersion2 = true)
    {
        string json = $$"""
            { "format": "unrolled-parameters", "version": 1,
              "spec": { "inputs": 1, "layers": [ { "units": 2, "activation": "{{activation}}"{{specExtra}} } ] },
              "layers": [ { "weights": [[1, 2]]{{layerExtra}} } ] }
            """;
        var network = new ReferenceNetwork<double>(new NetworkSpec(1, [new LayerSpec(2)]), seed: 1);
        double[] before = network.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => ParameterFile.LoadJson(network, new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Equal(message, error.Message);
        Assert.Equal(before, network.Parameters.ToArray());

        // The same document labelled version 2 is sound (but for slopes in an Identity layer).
        if (!soundAsVersion2)
        {
            return;
        }

        string v2 = json.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal);
        var other = new ReferenceNetwork<double>(
            new NetworkSpec(1, [new LayerSpec(2, Enum.Parse<Activation>(activation), bias: !specExtra.Contains("false", StringComparison.Ordinal))]), seed: 1);
        ParameterFile.LoadJson(other, new MemoryStream(Encoding.UTF8.GetBytes(v2)));
        Assert.Equal([1.0, 2.0], other.Parameters[..2].ToArray());
    }

    [Fact]
    public void A_version_1_document_may_say_bias_true()
    {
        const string json = """
            { "format": "unrolled-parameters", "version": 1,
              "spec": { "inputs": 1, "layers": [ { "units": 2, "activation": "Identity", "bias": true } ] },
              "layers": [ { "weights": [[1, 2]], "bias": [3, 4] } ] }
            """;
        var network = new ReferenceNetwork<double>(new NetworkSpec(1, [new LayerSpec(2)]), seed: 1);
        ParameterFile.LoadJson(network, new MemoryStream(Encoding.UTF8.GetBytes(json)));
        Assert.Equal([1.0, 2.0, 3.0, 4.0], network.Parameters.ToArray());
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
