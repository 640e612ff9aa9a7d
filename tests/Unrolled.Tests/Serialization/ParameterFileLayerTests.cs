using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Unrolled.Tests.Serialization;

/// <summary>Version 2 carries dropout, bias flags and PReLU, in binary and JSON; what must match and what need not.</summary>
public class ParameterFileLayerTests
{
    // 3 -> 4 PRelu(-0.5) Dropout(0.25) NoBias -> 2 Sigmoid: 3*4 + 4 slopes + 4*2 + 2 = 26 parameters.
    private static NetworkSpec Spec(double dropout = 0.25, double alpha = -0.5, bool bias = false, Precision precision = Precision.Double) =>
        new(3, [new LayerSpec(4, Activation.PRelu, alpha, dropout, bias), new LayerSpec(2, Activation.Sigmoid)], LossFunction.BinaryCrossEntropy, precision);

    private static ReferenceNetwork<T> Trained<T>(NetworkSpec spec)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = new ReferenceNetwork<T>(spec, seed: 1);
        Testing.NetworkOracle.RandomParameters<T>(spec, new SeededRandom(2), network.Parameters);
        return network;
    }

    private static byte[] Save<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var stream = new MemoryStream();
        ParameterFile.Save(network, stream);
        return stream.ToArray();
    }

    private static string SaveJson<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var stream = new MemoryStream();
        ParameterFile.SaveJson(network, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void The_header_carries_dropout_bias_and_prelu()
    {
        byte[] file = Save(Trained<double>(Spec()));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(4)));
        Assert.Equal((int)Activation.PRelu, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(15 + 4)));
        Assert.Equal(-0.5, BinaryPrimitives.ReadDoubleLittleEndian(file.AsSpan(15 + 8)));
        Assert.Equal(0.25, BinaryPrimitives.ReadDoubleLittleEndian(file.AsSpan(15 + 16)));
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(15 + 24)));      // no bias
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(15 + 28 + 24))); // bias
        Assert.Equal(26, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(23 + 56)));
        Assert.Equal(27 + 56 + 26 * 8 + 4, file.Length);
    }

    [Theory]
    [InlineData(Precision.Single)]
    [InlineData(Precision.Double)]
    public void Binary_and_json_round_trip_prelu_slopes_and_bias_free_layers(Precision precision)
    {
        var spec = Spec(precision: precision);
        if (precision == Precision.Single)
        {
            RoundTrip<float>(spec);
        }
        else
        {
            RoundTrip<double>(spec);
        }
    }

    [Fact]
    public void Json_has_a_bias_only_where_the_layer_has_one_and_slopes_for_prelu()
    {
        var network = Trained<double>(Spec());
        var root = JsonDocument.Parse(SaveJson(network)).RootElement;
        var layer = root.GetProperty("spec").GetProperty("layers")[0];
        Assert.Equal((0.25, false, -0.5), (layer.GetProperty("dropout").GetDouble(), layer.GetProperty("bias").GetBoolean(), layer.GetProperty("alpha").GetDouble()));
        var first = root.GetProperty("layers")[0];
        Assert.False(first.TryGetProperty("bias", out _));
        Assert.Equal(network.Parameters.Slice(network.Spec.SlopeOffset(0), 4).ToArray(), first.GetProperty("slopes").EnumerateArray().Select(v => v.GetDouble()));
        Assert.False(root.GetProperty("layers")[1].TryGetProperty("slopes", out _));
    }

    [Theory]
    [InlineData("\"slopes\"", "\"slopes_\"", "$.layers[0] has no \"slopes\" property")]
    [InlineData("\"weights\": [", "\"bias\": [1, 2, 3, 4], \"weights\": [", "$.layers[0] has \"bias\", but its spec layer has none (\"bias\": false)")]
    [InlineData("\"bias\": false", "\"bias\": 0", "$.spec.layers[0].bias is 0, expected true or false")]
    [InlineData("\"dropout\": 0.25", "\"dropout\": \"high\"", "$.spec.layers[0].dropout is \"high\", expected a number")]
    [InlineData("\"dropout\": 0.25", "\"dropout\": 1", "dropout 1 in layer 1, outside [0, 1)")]
    public void Damaged_json_is_rejected(string find, string replace, string message)
    {
        string json = SaveJson(Trained<double>(Spec()));
        int at = json.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, find);
        json = json[..at] + replace + json[(at + find.Length)..];
        var network = new ReferenceNetwork<double>(Spec());
        double[] before = network.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => ParameterFile.LoadJson(network, new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Contains(message, error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(15 + 24, 3, "flags 0x00000003 in layer 1; only bit 0 (bias) is defined")]
    [InlineData(15 + 16, -1, "dropout")]
    public void Impossible_layer_values_are_rejected_as_damage(int offset, int value, string message)
    {
        byte[] file = Save(Trained<double>(Spec()));
        if (message == "dropout")
        {
            BinaryPrimitives.WriteDoubleLittleEndian(file.AsSpan(offset), double.NaN);
            message = "dropout NaN in layer 1, outside [0, 1)";
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(offset), value);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(file.Length - 4), System.IO.Hashing.Crc32.HashToUInt32(file.AsSpan(0, file.Length - 4)));
        var error = Assert.Throws<InvalidDataException>(() => ParameterFile.Load(new ReferenceNetwork<double>(Spec()), new MemoryStream(file)));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Dropout_and_the_initial_slope_only_shape_training_so_they_need_not_match()
    {
        byte[] file = Save(Trained<double>(Spec()));
        var other = new ReferenceNetwork<double>(Spec(dropout: 0, alpha: 0.25));
        ParameterFile.Load(other, new MemoryStream(file));
        Assert.Equal(Trained<double>(Spec()).Parameters.ToArray(), other.Parameters.ToArray());
    }

    [Fact]
    public void A_bias_or_activation_that_differs_is_another_network()
    {
        byte[] file = Save(Trained<double>(Spec()));
        var biased = Spec(bias: true);
        var error = Assert.Throws<ArgumentException>(() => ParameterFile.Load(new ReferenceNetwork<double>(biased), new MemoryStream(file)));
        Assert.Contains("file has layer 1 without bias, network has one", error.Message);

        var leaky = new NetworkSpec(3, [new LayerSpec(4, Activation.LeakyRelu, 0.5, bias: false), new LayerSpec(2, Activation.Sigmoid)], LossFunction.BinaryCrossEntropy, Precision.Double);
        error = Assert.Throws<ArgumentException>(() => ParameterFile.Load(new ReferenceNetwork<double>(leaky), new MemoryStream(file)));
        Assert.Contains("activation PRelu, network has LeakyRelu", error.Message);
    }

    private static void RoundTrip<T>(NetworkSpec spec)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var source = Trained<T>(spec);
        var binary = new ReferenceNetwork<T>(spec, seed: 9);
        ParameterFile.Load(binary, new MemoryStream(Save(source)));
        Assert.Equal(source.Parameters.ToArray(), binary.Parameters.ToArray());
        var json = new ReferenceNetwork<T>(spec, seed: 9);
        ParameterFile.LoadJson(json, new MemoryStream(Encoding.UTF8.GetBytes(SaveJson(source))));
        Assert.Equal(source.Parameters.ToArray(), json.Parameters.ToArray());
    }
}
