using Unrolled.Onnx;

namespace Unrolled.Tests.Serialization.Onnx;

/// <summary>The protobuf wire format as ProtoWriter writes and ProtoReader reads it.</summary>
public class ProtoWireTests
{
    [Theory]
    [InlineData(0L, 2)]
    [InlineData(1L, 2)]
    [InlineData(127L, 2)]
    [InlineData(128L, 3)]
    [InlineData(300L, 3)]
    [InlineData(long.MaxValue, 10)]
    [InlineData(-1L, 11)]
    [InlineData(long.MinValue, 11)]
    public void Varints_round_trip_in_protobufs_lengths(long value, int length)
    {
        var writer = new ProtoWriter();
        writer.WriteInt64(1, value);
        byte[] bytes = writer.ToArray();
        Assert.Equal(length, bytes.Length); // one tag byte, then the varint; negatives take ten bytes
        var reader = new ProtoReader(bytes, 0, bytes.Length, "test");
        reader.ReadTag();
        Assert.Equal((1, WireType.Varint), (reader.Field, reader.Wire));
        Assert.Equal(value, reader.ReadInt64());
        Assert.False(reader.HasMore);
    }

    [Fact]
    public void Known_encodings_are_protobufs()
    {
        var writer = new ProtoWriter();
        writer.WriteInt64(1, 150);
        writer.WriteString(2, "testing");
        writer.WriteFloat(3, 1.0f);
        Assert.Equal(Convert.FromHexString("089601" + "120774657374696E67" + "1D0000803F"), writer.ToArray());
    }

    [Fact]
    public void Packed_and_unpacked_repeated_fields_read_alike()
    {
        var packed = new ProtoWriter();
        packed.WritePackedInt64(8, [3, -2, 1L << 40]);
        var unpacked = new ProtoWriter();
        foreach (long value in new[] { 3, -2, 1L << 40 })
        {
            unpacked.WriteInt64(8, value);
        }

        foreach (byte[] bytes in new[] { packed.ToArray(), unpacked.ToArray() })
        {
            var values = new List<long>();
            var reader = new ProtoReader(bytes, 0, bytes.Length, "test");
            while (reader.HasMore)
            {
                reader.ReadTag();
                reader.ReadRepeatedInt64(values);
            }

            Assert.Equal([3, -2, 1L << 40], values);
        }
    }

    [Fact]
    public void A_value_that_does_not_fit_an_int32_field_is_invalid_data()
    {
        var writer = new ProtoWriter();
        writer.WriteInt64(2, 1L << 33);
        byte[] bytes = writer.ToArray();
        var reader = new ProtoReader(bytes, 0, bytes.Length, "TensorProto");
        reader.ReadTag();
        var error = Assert.Throws<InvalidDataException>(() => reader.ReadInt32());
        Assert.Contains("field 2 holds 8589934592, which does not fit the 32-bit integer the schema declares (in TensorProto, at byte 1)", error.Message);
    }

    [Fact]
    public void Little_endian_floats_and_doubles_decode_on_any_host()
    {
        var bytes = new byte[12];
        ProtoWriter.PutFloat(bytes, 0, -2.5f);
        ProtoWriter.PutDouble(bytes, 4, Math.PI);
        Assert.Equal(Convert.FromHexString("000020C0"), bytes[..4]);
        Assert.Equal(-2.5f, ProtoReader.DecodeFloat(bytes, 0, new byte[4]));
        Assert.Equal(Math.PI, ProtoReader.DecodeDouble(bytes, 4));
    }
}
