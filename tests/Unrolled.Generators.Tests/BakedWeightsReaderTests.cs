extern alias generator;

using generator::Unrolled.Generators.Model;
using OnnxWeights = generator::Unrolled.Generators.Weights.OnnxWeights;
using UnrolledBinaryWeights = generator::Unrolled.Generators.Weights.UnrolledBinaryWeights;
using UnrolledJsonWeights = generator::Unrolled.Generators.Weights.UnrolledJsonWeights;
using Unrolled.Generators.Tests.Infrastructure;

namespace Unrolled.Generators.Tests;

/// <summary>
/// The generator's readers of weights files (netstandard2.0, inside the compiler) against the runtime's: every
/// parameter bit for bit as OnnxModel.Load and ParameterFile.Load give it, and the runtime's messages for damaged files.
/// </summary>
public class BakedWeightsReaderTests
{
    private static readonly NetworkSpec Spec = new(3, [new LayerSpec(4, Activation.LeakyRelu, 0.2), new LayerSpec(2, Activation.Softmax)], LossFunction.CrossEntropy);

    [Theory]
    [MemberData(nameof(BakedNetwork.AcceptedFixtures), MemberType = typeof(BakedNetwork))]
    public void Onnx_fixtures_read_bit_for_bit_as_OnnxModel_loads_them(string name)
    {
        string path = BakedNetwork.Fixture(name);
        var file = OnnxWeights.Read("models/x.onnx", File.ReadAllBytes(path));
        Assert.Equal(WeightsFileStatus.Read, file.Status);
        var content = file.Content!;
        var spec = OnnxModel.ReadSpec(path);
        Assert.Equal(spec.Inputs, content.Inputs);
        Assert.Equal(spec.Layers.Select(l => (l.Units, (int)l.Activation, l.Alpha)), content.Layers.Select(l => (l.Units, (int)l.Activation, l.Alpha)));
        Assert.Equal((int)spec.Precision, (int)content.SpecPrecision);
        if (spec.Precision == Precision.Single)
        {
            Assert.Equal(Bits(OnnxModel.Load<float>(path).Parameters), content.Parameters.Select(v => (long)BitConverter.SingleToInt32Bits((float)v)));
        }
        else
        {
            Assert.Equal(Bits(OnnxModel.Load<double>(path).Parameters), content.Parameters.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void Onnx_layers_are_named_by_their_nodes() =>
        Assert.Equal(["Gemm '/0/Gemm'", "Gemm '/2/Gemm'"], OnnxWeights.Read("x.onnx", File.ReadAllBytes(BakedNetwork.Fixture("torch_relu_softmax_opset13")))
            .Content!.Layers.Select(l => l.Source));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Binary_and_json_files_read_bit_for_bit_as_ParameterFile_loads_them_in_float(bool json)
    {
        var network = WithHardValues(new ReferenceNetwork<float>(Spec));
        var file = Read(network, json);
        var loaded = new ReferenceNetwork<float>(Spec);
        Load(loaded, Save(network, json), json);
        Assert.Equal(Bits(loaded.Parameters), file.Content!.Parameters.Select(v => (long)BitConverter.SingleToInt32Bits((float)v)));
        Assert.Equal(Bits(network.Parameters), Bits(loaded.Parameters));
        Assert.Equal(LossFunction.CrossEntropy, (LossFunction)(int)file.Content.Loss!);
        Assert.Equal(["layer 1", "layer 2"], file.Content.Layers.Select(l => l.Source));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Binary_and_json_files_read_bit_for_bit_as_ParameterFile_loads_them_in_double(bool json)
    {
        var spec = new NetworkSpec(3, [new LayerSpec(4, Activation.Elu, 0.7), new LayerSpec(1)], precision: Precision.Double);
        var network = WithHardValues(new ReferenceNetwork<double>(spec));
        var file = Read(network, json);
        var loaded = new ReferenceNetwork<double>(spec);
        Load(loaded, Save(network, json), json);
        Assert.Equal(Bits(loaded.Parameters), file.Content!.Parameters.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(Bits(network.Parameters), Bits(loaded.Parameters));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Version_2_layers_without_bias_with_slopes_and_dropout_read_as_ParameterFile_loads_them(bool json)
    {
        var spec = new NetworkSpec(3,
            [new LayerSpec(4, Activation.PRelu, 0.25, dropout: 0.5), new LayerSpec(5, Activation.Tanh, bias: false), new LayerSpec(2, Activation.Softmax)],
            LossFunction.CrossEntropy);
        var network = WithHardValues(new ReferenceNetwork<float>(spec));
        var file = Read(network, json);
        Assert.Equal(WeightsFileStatus.Read, file.Status);
        var loaded = new ReferenceNetwork<float>(spec);
        Load(loaded, Save(network, json), json);
        Assert.Equal(spec.ParameterCount, file.Content!.Parameters.Count);
        Assert.Equal(Bits(loaded.Parameters), file.Content.Parameters.Select(v => (long)BitConverter.SingleToInt32Bits((float)v)));
        Assert.Equal([true, false, true], file.Content.Layers.Select(l => l.Bias));
        Assert.Equal(Activation.PRelu, (Activation)(int)file.Content.Layers[0].Activation);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Non_finite_values_are_refused_with_their_place(bool json)
    {
        var network = new ReferenceNetwork<float>(Spec);
        network.Parameters[13] = float.NaN;
        var file = Read(network, json);
        Assert.Equal(WeightsFileStatus.Unreadable, file.Status);
        Assert.Equal("parameter 13 (layer 1's b[1]) is NaN; weights baked into code must be finite", file.Problem);
    }

    [Theory]
    [InlineData(0, 0x58, "Not an Unrolled parameter file: it starts with the bytes 584E524C, expected 554E524C (\"UNRL\")")]
    [InlineData(4, 3, "Unsupported parameter file version 3; this library reads versions 1 to 2")]
    [InlineData(6, 9, "Unknown element type code 9 at byte 6 (1 = float32, 2 = float64): the file is damaged")]
    [InlineData(40, 0x7F, null)]
    public void A_damaged_binary_file_gives_the_runtime_message(int offset, byte value, string? message)
    {
        byte[] bytes = Save(new ReferenceNetwork<float>(Spec), json: false);
        bytes[offset] = value;
        var file = UnrolledBinaryWeights.Read("x.unrl", bytes);
        Assert.Equal(WeightsFileStatus.Unreadable, file.Status);
        var runtime = Assert.Throws<InvalidDataException>(() => Load(new ReferenceNetwork<float>(Spec), bytes, json: false));
        Assert.Equal(runtime.Message.TrimEnd('.'), file.Problem);
        if (message is not null)
        {
            Assert.Equal(message, file.Problem);
        }
    }

    [Theory]
    [InlineData(20)]
    [InlineData(60)]
    [InlineData(0)]
    public void A_truncated_binary_file_gives_the_runtime_message(int length)
    {
        byte[] bytes = Save(new ReferenceNetwork<float>(Spec), json: false)[..length];
        var runtime = Assert.Throws<InvalidDataException>(() => Load(new ReferenceNetwork<float>(Spec), bytes, json: false));
        Assert.Equal(runtime.Message.TrimEnd('.'), UnrolledBinaryWeights.Read("x.unrl", bytes).Problem);
    }

    [Theory]
    [InlineData("{", "The parameter document is not valid JSON: a property name (a string) is expected (line 1, column 2)")]
    [InlineData("{\"format\":\n  \"unrolled-parameters\",\n  \"version\" 1}", "The parameter document is not valid JSON: ':' is expected, not '1' (line 3, column 13)")]
    [InlineData("[]", "The parameter document must be a JSON object, but it is an array")]
    [InlineData("{\"format\": \"other\"}", "Not an Unrolled parameter document: $.format is \"other\", expected \"unrolled-parameters\"")]
    [InlineData("{\"format\": \"unrolled-parameters\", \"version\": 3}", "Unsupported parameter document version 3; this library reads versions 1 to 2")]
    [InlineData("{\"format\": \"unrolled-parameters\", \"version\": 1, \"spec\": {\"inputs\": 1, \"layers\": [{\"units\": 1, \"activation\": \"Relu\", \"dropout\": 0}]}}", "Version 1 files have no dropout: $.spec.layers[0] has \"dropout\"; the file is damaged or mislabelled")]
    [InlineData("{\"format\": \"unrolled-parameters\", \"version\": 1, \"spec\": {\"inputs\": 1, \"layers\": [{\"units\": 1, \"activation\": \"Relu\", \"bias\": false}]}}", "Version 1 files have no bias-free layers: $.spec.layers[0] has \"bias\": false; the file is damaged or mislabelled")]
    [InlineData("{\"format\": \"unrolled-parameters\", \"version\": 1, \"spec\": {\"inputs\": 1, \"layers\": [{\"units\": 1, \"activation\": \"PRelu\"}]}}", "$.spec: Version 1 files have no PRelu layers: layer 1 declares PRelu; the file is damaged or mislabelled")]
    [InlineData("{\"format\": \"unrolled-parameters\", \"version\": 1, \"spec\": {\"inputs\": 1, \"layers\": [{\"units\": 1, \"activation\": \"Relu\"}]}, \"layers\": [{\"weights\": [[1]], \"bias\": [0], \"slopes\": [0.25]}]}", "Version 1 files have no PReLU slopes: $.layers[0] has \"slopes\"; the file is damaged or mislabelled")]
    [InlineData("{\"format\": \"unrolled-parameters\", \"version\": 2, \"spec\": {\"inputs\": 2000000000, \"layers\": [{\"units\": 2000000000, \"activation\": \"Identity\"}, {\"units\": 2000000000, \"activation\": \"Identity\"}, {\"units\": 2000000000, \"activation\": \"Identity\"}, {\"units\": 2000000000, \"activation\": \"Identity\"}, {\"units\": 2000000000, \"activation\": \"Identity\"}]}}", "$.spec: The file declares 20000000010000000000 parameters, more than a network can have")]
    [InlineData("{\"format\": \"unrolled-parameters\", \"version\": 2, \"spec\": {\"inputs\": 1, \"layers\": [{\"units\": 1, \"activation\": \"Identity\", \"bias\": 1}]}}", "$.spec.layers[0].bias is 1, expected true or false")]
    [InlineData("{\"format\": \"unrolled-parameters\", \"version\": 2, \"spec\": {\"inputs\": 1, \"layers\": [{\"units\": 1, \"activation\": \"Relu\", \"dropout\": 1}]}}", "$.spec: The file declares dropout 1 in layer 1, outside [0, 1): no network has that")]
    [InlineData("{\"format\": \"unrolled-parameters\", \"version\": 2, \"spec\": {\"inputs\": 1, \"layers\": [{\"units\": 1, \"activation\": \"Identity\", \"bias\": false}]}, \"layers\": [{\"weights\": [[1]], \"bias\": [0]}]}", "$.layers[0] has \"bias\", but its spec layer has none (\"bias\": false)")]
    [InlineData("{\"format\": \"unrolled-parameters\", \"version\": 2, \"spec\": {\"inputs\": 1, \"layers\": [{\"units\": 1, \"activation\": \"PRelu\"}]}, \"layers\": [{\"weights\": [[1]], \"bias\": [0]}]}", "$.layers[0] has no \"slopes\" property")]
    public void A_damaged_json_file_says_what_is_wrong(string text, string message) =>
        Assert.Equal(message, UnrolledJsonWeights.Read("x.json", text).Problem);

    [Fact]
    public void Json_with_comments_defaults_and_exponents_reads_as_LoadJson_reads_it()
    {
        const string text = """
            // written by hand
            { "format": "unrolled-parameters", "version": 1, /* no elementType, no loss, no precision */
              "spec": { "inputs": 1, "layers": [ { "units": 2, "activation": "LeakyRelu" } ] },
              "layers": [ { "weights": [ [1e-3, -0.0] ], "bias": [0.1, 3.4028234663852886E+38] } ] }
            """;
        var spec = new NetworkSpec(1, [new LayerSpec(2, Activation.LeakyRelu)]);
        var loaded = new ReferenceNetwork<float>(spec);
        ParameterFile.LoadJson(loaded, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)));
        var content = UnrolledJsonWeights.Read("x.json", text).Content!;
        Assert.Equal(Bits(loaded.Parameters), content.Parameters.Select(v => (long)BitConverter.SingleToInt32Bits((float)v)));
        Assert.Equal(0.01, content.Layers[0].Alpha);
        Assert.Equal(LossFunction.MeanSquaredError, (LossFunction)(int)content.Loss!);
        Assert.Null(content.ValuePrecision);
    }

    [Fact]
    public void The_checksum_is_the_runtime_s_crc32()
    {
        byte[] data = System.Text.Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, generator::Unrolled.Generators.Weights.Crc32.Compute(data, 0, data.Length));
        Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(data), generator::Unrolled.Generators.Weights.Crc32.Compute(data, 0, data.Length));
    }

    /// <summary>Values a careless reader gets wrong: signed zero, a subnormal, the extremes, decimals that do not terminate in binary.</summary>
    internal static ReferenceNetwork<T> WithHardValues<T>(ReferenceNetwork<T> network)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>, System.Numerics.IMinMaxValue<T>
    {
        var random = new SeededRandom(7);
        var p = network.Parameters;
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = T.CreateTruncating(random.NextDouble() * 4 - 2);
        }

        p[0] = T.NegativeZero;
        p[1] = T.Epsilon;
        p[2] = T.MaxValue;
        p[3] = T.MinValue;
        p[4] = T.CreateTruncating(0.1);
        p[5] = T.CreateTruncating(1.0 / 3.0);
        return network;
    }

    internal static byte[] Save<T>(INetwork<T> network, bool json)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var stream = new MemoryStream();
        if (json)
        {
            ParameterFile.SaveJson(network, stream);
        }
        else
        {
            ParameterFile.Save(network, stream);
        }

        return stream.ToArray();
    }

    private static void Load<T>(INetwork<T> network, byte[] bytes, bool json)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (json)
        {
            ParameterFile.LoadJson(network, new MemoryStream(bytes));
        }
        else
        {
            ParameterFile.Load(network, new MemoryStream(bytes));
        }
    }

    private static WeightsFile Read<T>(INetwork<T> network, bool json)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        byte[] bytes = Save(network, json);
        return json
            ? UnrolledJsonWeights.Read("x.json", System.Text.Encoding.UTF8.GetString(bytes))
            : UnrolledBinaryWeights.Read("x.unrl", bytes);
    }

    internal static IEnumerable<long> Bits(Span<float> values) => values.ToArray().Select(v => (long)BitConverter.SingleToInt32Bits(v));

    internal static IEnumerable<long> Bits(Span<double> values) => values.ToArray().Select(BitConverter.DoubleToInt64Bits);
}
