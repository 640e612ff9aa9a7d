using Unrolled.Onnx;
using Xunit.Abstractions;

namespace Unrolled.Tests.Serialization.Onnx;

/// <summary>
/// Damaged ONNX bytes raise <see cref="InvalidDataException"/> naming the problem, or a clean refusal
/// (<see cref="NotSupportedException"/>), never another exception, and leave the target network untouched.
/// </summary>
public class OnnxMalformedTests(ITestOutputHelper output)
{
    private static readonly NetworkSpec Small = OnnxTestNetworks.Spec(Activation.Relu, Precision.Single);

    public static TheoryData<string> Files => new() { "exported", "torch_relu_softmax_opset13", "handwritten_unpacked_float_data", "helper_double_data_opset13" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_truncation_is_invalid_data_or_a_refusal(string file)
    {
        byte[] bytes = Load(file);
        HashSet<int> boundaries = TopLevelFieldEnds(bytes);
        var outcomes = new Dictionary<string, int>();
        for (int length = 0; length < bytes.Length; length++)
        {
            string outcome = Outcome(bytes[..length], TargetFor(file));

            // Cut between two top-level fields, the rest is a sound ModelProto without the later fields (metadata,
            // producer): protobuf cannot tell. Anywhere else a cut must be noticed.
            Assert.True(outcome != "success" || boundaries.Contains(length), $"{file} truncated to {length} of {bytes.Length} bytes was read as a network");
            Count(outcomes, outcome);
        }

        output.WriteLine($"{file}, {bytes.Length} truncations: " + string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_bit_flip_is_read_invalid_data_or_a_refusal(string file)
    {
        byte[] bytes = Load(file);
        var outcomes = new Dictionary<string, int>();
        for (int position = 0; position < bytes.Length; position++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] flipped = (byte[])bytes.Clone();
                flipped[position] ^= (byte)(1 << bit);
                Count(outcomes, Outcome(flipped, TargetFor(file)));
            }
        }

        output.WriteLine($"{file}, {bytes.Length * 8} bit flips: " + string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        Assert.True(outcomes.GetValueOrDefault(nameof(InvalidDataException)) > 0);
    }

    [Fact]
    public void Seeded_random_bytes_are_invalid_data_or_a_refusal()
    {
        var random = new SeededRandom(7);
        var outcomes = new Dictionary<string, int>();
        for (int i = 0; i < 3000; i++)
        {
            var bytes = new byte[random.NextInt(120)];
            for (int k = 0; k < bytes.Length; k++)
            {
                bytes[k] = (byte)random.NextInt(256);
            }

            Count(outcomes, Outcome(bytes, Small));
        }

        output.WriteLine("3000 random files: " + string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
    }

    [Theory]
    [InlineData(new byte[] { }, "the file is empty")]
    [InlineData(new byte[] { 0x0A, 0x01, 0x00 }, "field 1 has wire type 2 (LengthDelimited) where the schema puts an integer")]
    [InlineData(new byte[] { 0x38, 0x01 }, "field 7 has wire type 0 (Varint) where the schema puts a GraphProto")]
    [InlineData(new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "a varint is longer than 64 bits")]
    [InlineData(new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02 }, "a varint is longer than 64 bits")]
    [InlineData(new byte[] { 0x08, 0x80 }, "the data ends inside a varint (truncated)")]
    [InlineData(new byte[] { 0x3A, 0x05, 0x00 }, "field 7 claims 5 bytes but only 1 remain")]
    [InlineData(new byte[] { 0x00 }, "field number 0 is not a valid protobuf field number")]
    [InlineData(new byte[] { 0x0E }, "field 1 has wire type 6, which protobuf does not define")]
    [InlineData(new byte[] { 0x0B }, "field 1 is a protobuf group (wire type 3), which ONNX does not use")]
    [InlineData(new byte[] { 0x12, 0x01, 0xFF }, "field 2 is not valid UTF-8 text")]
    [InlineData(new byte[] { 0x79, 0x00, 0x00 }, "the data ends 2 bytes into a fixed64 value of 8 bytes (truncated)")]
    [InlineData(new byte[] { 0x42, 0x03, 0x10, 0x80, 0x80 }, "the data ends inside a varint (truncated) (in OperatorSetIdProto")]
    public void Hand_made_wire_errors_are_named(byte[] bytes, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => OnnxModel.ReadSpec(new MemoryStream(bytes)));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_float_attribute_with_a_varint_wire_type_is_invalid_data()
    {
        var attribute = new ProtoWriter();
        attribute.WriteString(1, "alpha");
        attribute.WriteInt64(2, 3); // f is fixed32
        Fails(TestOnnxModel.Dense("LeakyRelu", attribute), "field 2 has wire type 0 (Varint) where the schema puts a float (wire type 5) (in AttributeProto");
    }

    [Fact]
    public void Dims_that_disagree_with_raw_data_are_invalid_data()
    {
        var model = TestOnnxModel.Dense();
        model.Initializers[0] = TestOnnxModel.Tensor("W", [3, 3], [0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f]);
        Fails(model, "tensor 'W' read by node 'fc' (Gemm) has dims [3, 3] (9 values of 4 bytes) but raw_data holds 24 bytes");
    }

    [Fact]
    public void Dims_that_disagree_with_float_data_are_invalid_data()
    {
        var tensor = new ProtoWriter();
        tensor.WritePackedInt64(1, [2]);
        tensor.WriteInt64(2, OnnxDataType.Float);
        tensor.WriteString(8, "B");
        tensor.WriteFloat(4, 1f); // one unpacked float_data value for two elements
        var model = TestOnnxModel.Dense();
        model.Initializers[1] = tensor;
        Fails(model, "tensor 'B' read by node 'fc' (Gemm) has dims [2] (2 values) but float_data holds 1");
    }

    [Fact]
    public void A_packed_float_field_of_a_broken_length_is_invalid_data()
    {
        var tensor = new ProtoWriter();
        tensor.WritePackedInt64(1, [2]);
        tensor.WriteInt64(2, OnnxDataType.Float);
        tensor.WriteString(8, "B");
        tensor.WriteBytes(4, [0, 0, 0, 0, 0]);
        var model = TestOnnxModel.Dense();
        model.Initializers[1] = tensor;
        Fails(model, "packed field 4 is 5 bytes long, not a whole number of 4-byte values");
    }

    [Fact]
    public void Negative_dims_and_two_value_fields_are_invalid_data()
    {
        var model = TestOnnxModel.Dense();
        model.Initializers[1] = TestOnnxModel.Tensor("B", [-2], [0f, 0f]);
        Fails(model, "tensor 'B' read by node 'fc' (Gemm) has a negative dimension -2");

        var both = new ProtoWriter();
        both.WritePackedInt64(1, [2]);
        both.WriteInt64(2, OnnxDataType.Float);
        both.WriteString(8, "B");
        both.WriteFloat(4, 1f);
        both.WriteFloat(4, 2f);
        both.WriteBytes(9, new byte[8]);
        model.Initializers[1] = both;
        Fails(model, "stores its values in more than one of raw_data, float_data");
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void Non_finite_weights_are_invalid_data(float value, string shown)
    {
        var model = TestOnnxModel.Dense();
        model.Initializers[0] = TestOnnxModel.Tensor("W", [3, 2], [0.1f, -0.2f, value, 0.4f, -0.5f, 0.6f]);
        Fails(model, $"tensor 'W' read by node 'fc' (Gemm) holds {shown} at element 2; weights and biases must be finite");
    }

    [Fact]
    public void The_test_model_itself_is_sound() =>
        Assert.Equal("3 -> 2 Relu, MeanSquaredError, Single", OnnxModel.ReadSpec(new MemoryStream(TestOnnxModel.Dense().Build())).ToString());

    private static void Fails(TestOnnxModel model, string message)
    {
        byte[] bytes = model.Build();
        var network = new ReferenceNetwork<float>(new NetworkSpec(3, [new LayerSpec(2, Activation.Relu)]), seed: 4);
        byte[] before = OnnxTestNetworks.Bytes(network);
        var error = Assert.Throws<InvalidDataException>(() => OnnxModel.Import(network, new MemoryStream(bytes)));
        Assert.Contains(message, error.Message);
        Assert.Equal(before, OnnxTestNetworks.Bytes(network));
    }

    /// <summary>The offsets at which a top-level field of the ModelProto ends.</summary>
    private static HashSet<int> TopLevelFieldEnds(byte[] bytes)
    {
        var ends = new HashSet<int>();
        var reader = new ProtoReader(bytes, 0, bytes.Length, "ModelProto");
        while (reader.HasMore)
        {
            reader.ReadTag();
            reader.Skip();
            ends.Add(reader.Position);
        }

        return ends;
    }

    private static byte[] Load(string file) => file == "exported"
        ? OnnxTestNetworks.Export(OnnxTestNetworks.Network<float>(Small, seed: 1))
        : File.ReadAllBytes(OnnxFixtures.PathOf(file));

    private static NetworkSpec TargetFor(string file) => file == "exported" ? Small : OnnxModel.ReadSpec(OnnxFixtures.PathOf(file));

    /// <summary>
    /// Reads <paramref name="bytes"/> every way (ReadSpec, Load, Import into a network of <paramref name="spec"/>) and
    /// names the outcome; any exception but the documented ones fails the test, and a failed Import must leave the network as it was.
    /// </summary>
    private static string Outcome(byte[] bytes, NetworkSpec spec)
    {
        string outcome = Classify(() => OnnxModel.ReadSpec(new MemoryStream(bytes)));
        Assert.Equal(outcome, spec.Precision == Precision.Double
            ? Classify(() => OnnxModel.Load<double>(new MemoryStream(bytes)))
            : Classify(() => OnnxModel.Load<float>(new MemoryStream(bytes))));

        if (spec.Precision == Precision.Double)
        {
            var network = new ReferenceNetwork<double>(spec, seed: 3);
            byte[] before = OnnxTestNetworks.Bytes(network);
            if (Classify(() => OnnxModel.Import(network, new MemoryStream(bytes)), allowMismatch: true) != "success")
            {
                Assert.Equal(before, OnnxTestNetworks.Bytes(network));
            }
        }
        else
        {
            var network = new ReferenceNetwork<float>(spec, seed: 3);
            byte[] before = OnnxTestNetworks.Bytes(network);
            if (Classify(() => OnnxModel.Import(network, new MemoryStream(bytes)), allowMismatch: true) != "success")
            {
                Assert.Equal(before, OnnxTestNetworks.Bytes(network));
            }
        }

        return outcome;
    }

    private static string Classify(Action read, bool allowMismatch = false)
    {
        try
        {
            read();
            return "success";
        }
        catch (InvalidDataException error)
        {
            Assert.StartsWith("Malformed ONNX file: ", error.Message);
            return nameof(InvalidDataException);
        }
        catch (NotSupportedException)
        {
            return nameof(NotSupportedException);
        }
        catch (ArgumentException) when (allowMismatch)
        {
            return nameof(ArgumentException); // a sound file of another spec
        }
    }

    private static void Count(Dictionary<string, int> outcomes, string outcome) =>
        outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
}
