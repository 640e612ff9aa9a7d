using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Unrolled.Tests.Serialization;

public class ParameterFileJsonTests
{
    private static NetworkSpec Spec(Precision precision = Precision.Single, int secondUnits = 3) =>
        new(2, [new LayerSpec(secondUnits, Activation.Elu, 0.5), new LayerSpec(2, Activation.Sigmoid)], LossFunction.BinaryCrossEntropy, precision);

    private static string SaveJson<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var stream = new MemoryStream();
        ParameterFile.SaveJson(network, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static byte[] Bytes<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes<T>(network.Parameters).ToArray();

    private static TException LoadFails<TException>(string json, NetworkSpec? spec = null)
        where TException : Exception
    {
        var network = new ReferenceNetwork<float>(spec ?? Spec(), seed: 77);
        byte[] before = Bytes(network);
        var error = Assert.Throws<TException>(() => ParameterFile.LoadJson(network, new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Equal(before, Bytes(network));
        return error;
    }

    private static string Valid => SaveJson(new ReferenceNetwork<float>(Spec(), seed: 1));

    [Fact]
    public void Float_and_double_round_trip_bit_for_bit()
    {
        var source = new ReferenceNetwork<float>(Spec(), seed: 1);
        source.Parameters[1] = float.NaN;
        source.Parameters[2] = float.NegativeInfinity;
        source.Parameters[3] = 1e-45f; // the smallest subnormal
        var target = new ReferenceNetwork<float>(Spec(), seed: 2);
        ParameterFile.LoadJson(target, new MemoryStream(Encoding.UTF8.GetBytes(SaveJson(source))));
        Assert.Equal(Bytes(source), Bytes(target));

        var doubleSource = new ReferenceNetwork<double>(Spec(Precision.Double), seed: 1);
        doubleSource.Parameters[0] = double.PositiveInfinity;
        doubleSource.Parameters[4] = 0.1 + 0.2;
        var doubleTarget = new ReferenceNetwork<double>(Spec(Precision.Double), seed: 2);
        string path = Path.Combine(Path.GetTempPath(), $"unrolled-{Guid.NewGuid():N}.json");
        try
        {
            ParameterFile.SaveJson(doubleSource, path);
            ParameterFile.LoadJson(doubleTarget, path);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal(Bytes(doubleSource), Bytes(doubleTarget));
    }

    [Fact]
    public void Document_has_the_documented_structure()
    {
        var network = new ReferenceNetwork<float>(Spec(), seed: 3);
        using var document = JsonDocument.Parse(SaveJson(network));
        JsonElement root = document.RootElement;
        Assert.Equal("unrolled-parameters", root.GetProperty("format").GetString());
        Assert.Equal(2, root.GetProperty("version").GetInt32());
        Assert.Equal("float32", root.GetProperty("elementType").GetString());
        JsonElement spec = root.GetProperty("spec");
        Assert.Equal(2, spec.GetProperty("inputs").GetInt32());
        Assert.Equal("BinaryCrossEntropy", spec.GetProperty("loss").GetString());
        Assert.Equal("Single", spec.GetProperty("precision").GetString());
        JsonElement layer1 = spec.GetProperty("layers")[0];
        Assert.Equal(3, layer1.GetProperty("units").GetInt32());
        Assert.Equal("Elu", layer1.GetProperty("activation").GetString());
        Assert.Equal(0.5, layer1.GetProperty("alpha").GetDouble());
        Assert.Equal(0, spec.GetProperty("layers")[1].GetProperty("alpha").GetDouble());

        // weights: fanIn rows of units values, W[i, j] = parameters[offset + i * units + j].
        var s = network.Spec;
        for (int l = 0; l < 2; l++)
        {
            JsonElement layer = root.GetProperty("layers")[l];
            JsonElement weights = layer.GetProperty("weights");
            int units = s.Layers[l].Units;
            Assert.Equal(s.FanIn(l), weights.GetArrayLength());
            for (int i = 0; i < s.FanIn(l); i++)
            {
                Assert.Equal(units, weights[i].GetArrayLength());
                for (int j = 0; j < units; j++)
                {
                    Assert.Equal(network.Parameters[s.WeightOffset(l) + i * units + j], weights[i][j].GetSingle());
                }
            }

            Assert.Equal(units, layer.GetProperty("bias").GetArrayLength());
        }
    }

    [Fact]
    public void Hand_written_document_with_optional_fields_left_out_loads()
    {
        const string json = """
            {
              // an import script's output: no elementType, alpha, precision
              "format": "unrolled-parameters", "version": 1, "extra": true,
              "spec": { "inputs": 1, "layers": [ { "units": 2, "activation": "Identity" } ] },
              "layers": [ { "weights": [[1.5, -2]], "bias": [0.25, "NaN"] } ]
            }
            """;
        var network = new ReferenceNetwork<double>(new NetworkSpec(1, [new LayerSpec(2)]), seed: 1);
        ParameterFile.LoadJson(network, new MemoryStream(Encoding.UTF8.GetBytes(json)));
        Assert.Equal([1.5, -2, 0.25], network.Parameters[..3].ToArray());
        Assert.True(double.IsNaN(network.Parameters[3]));
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("{\"version\": 1}", "$ has no \"format\" property")]
    [InlineData("{\"format\": \"other\", \"version\": 1}", "Not an Unrolled parameter document")]
    [InlineData("{\"format\": \"unrolled-parameters\", \"version\": 3}", "Unsupported parameter document version 3")]
    [InlineData("{\"format\": \"unrolled-parameters\", \"version\": 0}", "Unsupported parameter document version 0")]
    public void Damaged_documents_are_rejected(string json, string message) =>
        Assert.Contains(message, LoadFails<InvalidDataException>(json).Message);

    [Theory]
    [InlineData("\"weights\": [", "\"weights\": [[1, 2, 3], ", "$.layers[0].weights has 3 entries")]
    [InlineData("\"bias\": [", "\"bias\": [\"abc\", ", "$.layers[0].bias has 4 entries")]
    [InlineData("\"activation\": \"Elu\"", "\"activation\": \"Swish\"", "$.spec.layers[0].activation is \"Swish\"")]
    [InlineData("\"elementType\": \"float32\"", "\"elementType\": \"int8\"", "$.elementType is \"int8\"")]
    [InlineData("\"inputs\": 2", "\"inputs\": 2.5", "$.spec.inputs is 2.5")]
    public void Arrays_and_values_that_do_not_match_the_document_are_rejected_with_their_path(string find, string replace, string message)
    {
        string json = Valid;
        int at = json.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, find);
        json = json[..at] + replace + json[(at + find.Length)..];
        Assert.Contains(message, LoadFails<InvalidDataException>(json).Message);
    }

    [Fact]
    public void Bad_value_is_named_by_its_path()
    {
        string json = Valid;
        int bias = json.IndexOf("\"bias\": [", StringComparison.Ordinal) + "\"bias\": [".Length;
        int end = json.IndexOf(',', bias);
        json = json[..bias] + "\"oops\"" + json[end..];
        Assert.Contains("$.layers[0].bias[0] is \"oops\"", LoadFails<InvalidDataException>(json).Message);
    }

    [Fact]
    public void Document_of_another_network_is_rejected_naming_the_difference()
    {
        var error = LoadFails<ArgumentException>(SaveJson(new ReferenceNetwork<float>(Spec(secondUnits: 4), seed: 1)), Spec());
        Assert.Contains("file has layer 1 with 4 units, network has 3", error.Message);

        error = LoadFails<ArgumentException>(SaveJson(new ReferenceNetwork<double>(Spec(), seed: 1)), Spec());
        Assert.Contains("file holds float64 values, network computes in float32", error.Message);

        error = LoadFails<ArgumentException>(SaveJson(new ReferenceNetwork<float>(Spec(Precision.Double), seed: 1)), Spec());
        Assert.Contains("file has precision Double, network has Single", error.Message);
    }

    [Fact]
    public void A_small_document_declaring_a_huge_spec_is_another_network_and_allocates_nothing_of_its_size()
    {
        // ~200 bytes that declare 46000 * 46001 parameters (8.5 GB of float): compared with the network first.
        const string json = """
            { "format": "unrolled-parameters", "version": 2, "elementType": "float32",
              "spec": { "inputs": 46000, "layers": [ { "units": 46000, "activation": "Identity" } ] },
              "layers": [ { "weights": [], "bias": [] } ] }
            """;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = LoadFails<ArgumentException>(json);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "the load allocated from the document's spec");
        Assert.Contains("file has 46000 inputs, network has 2", error.Message);
        Assert.Equal("network", error.ParamName);
    }

    [Fact]
    public void A_spec_whose_parameter_count_would_overflow_a_long_is_refused_as_damage_with_its_exact_count()
    {
        // Five layers of (2e9 + 1) * 2e9 parameters: 2.000000001e19, more than long.MaxValue (a long sum wraps).
        string layer = "{ \"units\": 2000000000, \"activation\": \"Identity\" }";
        string json = $$"""
            { "format": "unrolled-parameters", "version": 2,
              "spec": { "inputs": 2000000000, "layers": [ {{string.Join(", ", Enumerable.Repeat(layer, 5))}} ] },
              "layers": [] }
            """;
        var error = LoadFails<InvalidDataException>(json);
        Assert.Equal("$.spec: The file declares 20000000010000000000 parameters, more than a network can have.", error.Message);
    }
}
