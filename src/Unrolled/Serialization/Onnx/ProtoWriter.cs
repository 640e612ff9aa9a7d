using System;
using System.IO;
using System.Text;

namespace Unrolled.Onnx;

/// <summary>
/// Writes the protobuf wire format into memory, field by field. A sub-message is written by its own writer and
/// added with <see cref="WriteMessage"/>, which prefixes its length.
/// </summary>
/// <remarks>
/// Numbers are encoded into little-endian bytes by shifts, whatever the host's byte order. Only what ONNX export
/// needs: varints, floats, strings, bytes, sub-messages and packed int64s.
/// Shared as source with the generator: keep it free of anything netstandard2.0 lacks.
/// </remarks>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new MemoryStream();

    /// <summary>The bytes written so far.</summary>
    public byte[] ToArray() => _buffer.ToArray();

    /// <summary>An int64 (or int32, enum) field as a varint; negative values take ten bytes, as protobuf writes them.</summary>
    public void WriteInt64(int field, long value)
    {
        WriteTag(field, WireType.Varint);
        WriteVarint(unchecked((ulong)value));
    }

    /// <summary>A float field (fixed32).</summary>
    public void WriteFloat(int field, float value)
    {
        WriteTag(field, WireType.Fixed32);
        byte[] bytes = BitConverter.GetBytes(value);
        if (!BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }

        _buffer.Write(bytes, 0, 4);
    }

    /// <summary>A string field, UTF-8.</summary>
    public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A bytes field.</summary>
    public void WriteBytes(int field, byte[] value)
    {
        WriteTag(field, WireType.LengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value, 0, value.Length);
    }

    /// <summary>A sub-message field: <paramref name="message"/>'s bytes with their length in front.</summary>
    public void WriteMessage(int field, ProtoWriter message) => WriteBytes(field, message.ToArray());

    /// <summary>A repeated int64 field, packed.</summary>
    public void WritePackedInt64(int field, long[] values)
    {
        var packed = new ProtoWriter();
        foreach (long value in values)
        {
            packed.WriteVarint(unchecked((ulong)value));
        }

        WriteBytes(field, packed.ToArray());
    }

    /// <summary><paramref name="value"/> as a little-endian float at <paramref name="offset"/> of <paramref name="bytes"/>.</summary>
    public static void PutFloat(byte[] bytes, int offset, float value)
    {
        byte[] raw = BitConverter.GetBytes(value);
        for (int i = 0; i < 4; i++)
        {
            bytes[offset + i] = raw[BitConverter.IsLittleEndian ? i : 3 - i];
        }
    }

    /// <summary><paramref name="value"/> as a little-endian double at <paramref name="offset"/> of <paramref name="bytes"/>.</summary>
    public static void PutDouble(byte[] bytes, int offset, double value)
    {
        ulong bits = unchecked((ulong)BitConverter.DoubleToInt64Bits(value));
        for (int i = 0; i < 8; i++)
        {
            bytes[offset + i] = (byte)(bits >> (8 * i));
        }
    }

    private void WriteTag(int field, WireType wire) => WriteVarint(((ulong)field << 3) | (ulong)wire);

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
