using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Unrolled.Tests.Serialization;

public class ParameterFileTests
{
    // 3 -> 4 Tanh -> 3 LeakyRelu(0.2) -> 2 Softmax: (3+1)*4 + (4+1)*3 + (3+1)*2 = 39 parameters, header 27 + 28*3 = 111 bytes.
    private static NetworkSpec Spec(Precision precision = Precision.Single, int secondUnits = 3, Activation second = Activation.LeakyRelu,
        double alpha = 0.2, LossFunction loss = LossFunction.CrossEntropy, int inputs = 3) =>
        new(inputs, [new LayerSpec(4, Activation.Tanh), new LayerSpec(secondUnits, second, alpha), new LayerSpec(2, Activation.Softmax)], loss, precision);

    private const int HeaderLength = 111;

    private static byte[] Save<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var stream = new MemoryStream();
        ParameterFile.Save(network, stream);
        return stream.ToArray();
    }

    private static byte[] Bytes<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes<T>(network.Parameters).ToArray();

    /// <summary>Loads <paramref name="file"/> into a fresh network, expecting <typeparamref name="TException"/>, and checks that not one parameter byte changed.</summary>
    private static TException LoadFails<TException, T>(byte[] file, NetworkSpec? spec = null)
        where TException : Exception
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = new ReferenceNetwork<T>(spec ?? Spec(typeof(T) == typeof(float) ? Precision.Single : Precision.Double), seed: 77);
        byte[] before = Bytes(network);
        var error = Assert.Throws<TException>(() => ParameterFile.Load(network, new MemoryStream(file)));
        Assert.Equal(before, Bytes(network));
        return error;
    }

    private static void FixChecksum(byte[] file) =>
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(file.Length - 4), System.IO.Hashing.Crc32.HashToUInt32(file.AsSpan(0, file.Length - 4)));

    [Fact]
    public void Crc32_is_the_standard_one() =>
        Assert.Equal(0xCBF43926u, System.IO.Hashing.Crc32.HashToUInt32("123456789"u8)); // the check value of CRC-32/ISO-HDLC (zlib)

    [Fact]
    public void Float_network_round_trips_bit_for_bit()
    {
        var source = new ReferenceNetwork<float>(Spec(), seed: 1);
        var target = new ReferenceNetwork<float>(Spec(), seed: 2);
        Assert.NotEqual(Bytes(source), Bytes(target));
        ParameterFile.Load(target, new MemoryStream(Save(source)));
        Assert.Equal(Bytes(source), Bytes(target));
    }

    [Fact]
    public void Double_network_round_trips_bit_for_bit_through_a_file_path()
    {
        var source = new ReferenceNetwork<double>(Spec(Precision.Double), seed: 1);
        var target = new ReferenceNetwork<double>(Spec(Precision.Double), seed: 2);
        string path = Path.Combine(Path.GetTempPath(), $"unrolled-{Guid.NewGuid():N}.unrl");
        try
        {
            ParameterFile.Save(source, path);
            ParameterFile.Load(target, path);
            Assert.Equal(Bytes(source), Bytes(target));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Non_finite_values_are_allowed_and_round_trip()
    {
        var source = new ReferenceNetwork<double>(Spec(Precision.Double), seed: 1);
        source.Parameters[0] = double.NaN;
        source.Parameters[1] = double.PositiveInfinity;
        source.Parameters[2] = double.NegativeInfinity;
        source.Parameters[3] = -0.0;
        var target = new ReferenceNetwork<double>(Spec(Precision.Double), seed: 2);
        ParameterFile.Load(target, new MemoryStream(Save(source)));
        Assert.Equal(Bytes(source), Bytes(target));
    }

    [Fact]
    public void Layout_is_the_documented_one()
    {
        var network = new ReferenceNetwork<float>(Spec(), seed: 4);
        byte[] file = Save(network);
        Assert.Equal(HeaderLength + 39 * 4 + 4, file.Length);
        Assert.Equal("UNRL"u8.ToArray(), file[..4]);
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(4)));
        Assert.Equal(1, file[6]); // float32
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(7)));  // inputs
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(11))); // layers
        int layer2 = 15 + 28;
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(layer2)));
        Assert.Equal((int)Activation.LeakyRelu, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(layer2 + 4)));
        Assert.Equal(0.2, BinaryPrimitives.ReadDoubleLittleEndian(file.AsSpan(layer2 + 8)));
        Assert.Equal(0.0, BinaryPrimitives.ReadDoubleLittleEndian(file.AsSpan(layer2 + 16))); // dropout
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(layer2 + 24)));      // flags: bias
        Assert.Equal((int)LossFunction.CrossEntropy, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(15 + 84)));
        Assert.Equal((int)Precision.Single, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(19 + 84)));
        Assert.Equal(39, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(23 + 84)));
        for (int k = 0; k < 39; k++)
        {
            Assert.Equal(network.Parameters[k], BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(HeaderLength + 4 * k)));
        }

        Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(file.AsSpan(0, file.Length - 4)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(file.Length - 4)));
        Assert.Equal(file, Save(network)); // deterministic
    }

    [Fact]
    public void Load_from_a_stream_reads_exactly_one_file()
    {
        var first = new ReferenceNetwork<float>(Spec(), seed: 1);
        var second = new ReferenceNetwork<float>(Spec(), seed: 2);
        var stream = new MemoryStream();
        ParameterFile.Save(first, stream);
        ParameterFile.Save(second, stream);
        stream.Position = 0;
        var a = new ReferenceNetwork<float>(Spec(), seed: 3);
        var b = new ReferenceNetwork<float>(Spec(), seed: 3);
        ParameterFile.Load(a, stream);
        ParameterFile.Load(b, stream);
        Assert.Equal(Bytes(first), Bytes(a));
        Assert.Equal(Bytes(second), Bytes(b));
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public void Load_from_a_path_rejects_trailing_bytes()
    {
        string path = Path.Combine(Path.GetTempPath(), $"unrolled-{Guid.NewGuid():N}.unrl");
        try
        {
            byte[] file = Save(new ReferenceNetwork<float>(Spec(), seed: 1));
            File.WriteAllBytes(path, [.. file, 0]);
            var network = new ReferenceNetwork<float>(Spec(), seed: 2);
            byte[] before = Bytes(network);
            var error = Assert.Throws<InvalidDataException>(() => ParameterFile.Load(network, path));
            Assert.Contains("after its checksum", error.Message);
            Assert.Equal(before, Bytes(network));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(20)]
    [InlineData(HeaderLength - 1)]
    [InlineData(HeaderLength)]
    [InlineData(HeaderLength + 50)]
    [InlineData(HeaderLength + 39 * 4)]
    [InlineData(HeaderLength + 39 * 4 + 3)]
    public void Truncated_file_is_rejected_and_parameters_are_untouched(int length)
    {
        byte[] file = Save(new ReferenceNetwork<float>(Spec(), seed: 1));
        var error = LoadFails<InvalidDataException, float>(file[..length]);
        Assert.Contains("truncated", error.Message);
        Assert.Contains($"ends at byte {length}", error.Message);
    }

    [Theory]
    [InlineData(HeaderLength)]          // first parameter
    [InlineData(HeaderLength + 77)]     // a parameter in the middle
    [InlineData(HeaderLength + 39 * 4)] // the checksum itself
    [InlineData(15 + 8)]                // alpha of layer 1: still parses, only the checksum can tell
    public void Flipped_byte_fails_the_checksum(int offset)
    {
        byte[] file = Save(new ReferenceNetwork<float>(Spec(), seed: 1));
        file[offset] ^= 0x10;
        var error = LoadFails<InvalidDataException, float>(file);
        Assert.Contains("Checksum mismatch", error.Message);
    }

    [Fact]
    public void Any_single_flipped_bit_is_reported_as_damage_and_parameters_are_untouched()
    {
        byte[] original = Save(new ReferenceNetwork<float>(Spec(), seed: 1));
        for (int offset = 0; offset < original.Length; offset++)
        {
            for (int bit = 0; bit < 8; bit += 3)
            {
                byte[] file = (byte[])original.Clone();
                file[offset] ^= (byte)(1 << bit);
                LoadFails<InvalidDataException, float>(file);
            }
        }
    }

    [Fact]
    public void Wrong_magic_is_rejected()
    {
        byte[] file = Save(new ReferenceNetwork<float>(Spec(), seed: 1));
        file[0] = (byte)'X';
        var error = LoadFails<InvalidDataException, float>(file);
        Assert.Contains("Not an Unrolled parameter file", error.Message);
        Assert.Contains("UNRL", error.Message);

        LoadFails<InvalidDataException, float>(Encoding.UTF8.GetBytes("{\"format\":\"unrolled-parameters\"}"));
    }

    [Fact]
    public void Unsupported_version_is_rejected_even_with_a_valid_checksum()
    {
        byte[] file = Save(new ReferenceNetwork<float>(Spec(), seed: 1));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(4), 3);
        FixChecksum(file);
        var error = LoadFails<InvalidDataException, float>(file);
        Assert.Contains("version 3; this library reads versions 1 to 2", error.Message);
    }

    [Fact]
    public void Impossible_spec_values_are_rejected_as_damage()
    {
        byte[] file = Save(new ReferenceNetwork<float>(Spec(), seed: 1));
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(15 + 28 + 4), 42); // activation of layer 2
        FixChecksum(file);
        var error = LoadFails<InvalidDataException, float>(file);
        Assert.Contains("activation value 42 in layer 2", error.Message);
    }

    [Fact]
    public void A_parameter_count_that_disagrees_with_the_files_own_spec_is_damage()
    {
        // A sound checksum over a file whose spec (that of the network) implies 39 parameters but which holds 38.
        byte[] saved = Save(new ReferenceNetwork<float>(Spec(), seed: 1));
        byte[] file = [.. saved.AsSpan(0, saved.Length - 8), .. saved.AsSpan(saved.Length - 4)];
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(HeaderLength - 4), 38);
        FixChecksum(file);
        var error = LoadFails<InvalidDataException, float>(file);
        Assert.Equal("The file holds 38 parameters, but its spec has 39: the file is damaged.", error.Message);
    }

    [Fact]
    public void A_binary_spec_whose_parameter_count_would_overflow_a_long_is_damage_with_its_exact_count()
    {
        // Inputs and the three layers' units 2e9 (the last PRelu): 2 * (2e9 + 1) * 2e9 + (2e9 + 2) * 2e9 = 1.2000000008e19.
        byte[] file = Save(new ReferenceNetwork<float>(Spec(), seed: 1));
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(7), 2_000_000_000);
        for (int layer = 0; layer < 3; layer++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(15 + 28 * layer), 2_000_000_000);
        }

        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(15 + 28 * 2 + 4), (int)Activation.PRelu);
        FixChecksum(file);
        var error = LoadFails<InvalidDataException, float>(file);
        Assert.Equal("The file declares 12000000008000000000 parameters, more than a network can have.", error.Message);
    }

    [Fact]
    public void Element_type_differing_from_T_is_rejected()
    {
        byte[] doubles = Save(new ReferenceNetwork<double>(Spec(), seed: 1));
        var error = LoadFails<ArgumentException, float>(doubles, Spec());
        Assert.Equal("network", error.ParamName);
        Assert.Contains("file holds float64 values, network computes in float32", error.Message);

        byte[] floats = Save(new ReferenceNetwork<float>(Spec(Precision.Double), seed: 1));
        Assert.Contains("float32", LoadFails<ArgumentException, double>(floats, Spec(Precision.Double)).Message);
    }

    [Fact]
    public void Precision_differing_from_the_network_is_rejected()
    {
        byte[] file = Save(new ReferenceNetwork<float>(Spec(Precision.Double), seed: 1));
        var error = LoadFails<ArgumentException, float>(file, Spec(Precision.Single));
        Assert.Contains("file has precision Double, network has Single", error.Message);
    }

    public static TheoryData<int, string> OtherShapes => new()
    {
        { 0, "file has layer 2 with 4 units, network has 3" },
        { 1, "file has layer 2 with activation Tanh, network has LeakyRelu" },
        { 2, "file has layer 2 with alpha 0.3, network has 0.2" },
        { 3, "file has loss MeanSquaredError, network has CrossEntropy" },
        { 4, "file has 5 inputs, network has 3" },
        { 5, "file has 2 layers, network has 3" },
    };

    [Theory]
    [MemberData(nameof(OtherShapes))]
    public void Other_shape_is_rejected_naming_the_difference(int variant, string message)
    {
        NetworkSpec other = variant switch
        {
            0 => Spec(secondUnits: 4),
            1 => Spec(second: Activation.Tanh),
            2 => Spec(alpha: 0.3),
            3 => Spec(loss: LossFunction.MeanSquaredError),
            4 => Spec(inputs: 5),
            _ => new NetworkSpec(3, [new LayerSpec(4, Activation.Tanh), new LayerSpec(2, Activation.Softmax)], LossFunction.CrossEntropy),
        };

        byte[] file = Save(new ReferenceNetwork<float>(other, seed: 1));
        var error = LoadFails<ArgumentException, float>(file, Spec());
        Assert.Contains(message, error.Message);
        Assert.Equal("network", error.ParamName);
    }

    [Fact]
    public void Only_float_and_double_are_supported()
    {
        var network = new ReferenceNetwork<Half>(Spec(), seed: 1);
        Assert.Throws<NotSupportedException>(() => ParameterFile.Save(network, new MemoryStream()));
        Assert.Throws<ArgumentNullException>(() => ParameterFile.Save<float>(null!, new MemoryStream()));
        Assert.Throws<ArgumentNullException>(() => ParameterFile.Load(new ReferenceNetwork<float>(Spec()), (Stream)null!));
    }
}
