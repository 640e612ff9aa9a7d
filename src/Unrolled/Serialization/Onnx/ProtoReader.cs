using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Unrolled.Onnx;

/// <summary>The protobuf wire types (the low three bits of a field's tag).</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}

/// <summary>
/// Reads the protobuf wire format from a range of a byte array, field by field. Every read checks the range first:
/// truncated data, over-long varints, lengths past the end and unknown wire types throw
/// <see cref="InvalidDataException"/> naming the byte offset, never another exception.
/// </summary>
/// <remarks>
/// A sub-message is read by a new reader over its own range (<see cref="ReadMessage"/>), so a length inside it can
/// never reach past its end. Numbers are decoded from their little-endian bytes by shifts, and floats through
/// <see cref="BitConverter"/> with the bytes put in the host's order first, so the reader works on big-endian hosts.
/// Shared as source with the generator: keep it free of anything netstandard2.0 lacks.
/// </remarks>
internal sealed class ProtoReader
{
    private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _data;
    private readonly int _end;
    private readonly string _message;
    private readonly byte[] _scratch = new byte[8];
    private int _position;

    /// <summary>Reads <paramref name="data"/>[<paramref name="start"/>, <paramref name="end"/>) as the message <paramref name="message"/>.</summary>
    public ProtoReader(byte[] data, int start, int end, string message)
    {
        _data = data;
        _position = start;
        _end = end;
        _message = message;
    }

    /// <summary>True while fields remain.</summary>
    public bool HasMore => _position < _end;

    /// <summary>The offset of the next byte in the whole array (for messages).</summary>
    public int Position => _position;

    /// <summary>The field number and wire type of the last tag <see cref="ReadTag"/> read.</summary>
    public int Field { get; private set; }

    /// <summary>The wire type of the last tag.</summary>
    public WireType Wire { get; private set; }

    /// <summary>Reads the next field's tag; afterwards <see cref="Field"/> and <see cref="Wire"/> describe it.</summary>
    public void ReadTag()
    {
        int at = _position;
        ulong tag = ReadRawVarint();
        int wire = (int)(tag & 7);
        ulong field = tag >> 3;
        if (field == 0 || field > 536870911)
        {
            throw Invalid(at, $"field number {field} is not a valid protobuf field number");
        }

        if (wire > 5)
        {
            throw Invalid(at, $"field {field} has wire type {wire}, which protobuf does not define");
        }

        if (wire == (int)WireType.StartGroup || wire == (int)WireType.EndGroup)
        {
            throw Invalid(at, $"field {field} is a protobuf group (wire type {wire}), which ONNX does not use");
        }

        Field = (int)field;
        Wire = (WireType)wire;
    }

    /// <summary>Skips the value of the current field (one ONNX does not need).</summary>
    public void Skip()
    {
        switch (Wire)
        {
            case WireType.Varint:
                ReadRawVarint();
                break;
            case WireType.Fixed64:
                Take(8, "a fixed64 value");
                break;
            case WireType.Fixed32:
                Take(4, "a fixed32 value");
                break;
            default:
                ReadLength(out _);
                break;
        }
    }

    /// <summary>A varint field as a signed 64-bit integer (int64 in the schema).</summary>
    public long ReadInt64()
    {
        Expect(WireType.Varint, "an integer");
        return unchecked((long)ReadRawVarint());
    }

    /// <summary>A varint field that the schema declares int32 or enum: its value must fit in 32 bits.</summary>
    public int ReadInt32()
    {
        int at = _position;
        long value = ReadInt64();
        if (value < int.MinValue || value > int.MaxValue)
        {
            throw Invalid(at, $"field {Field} holds {value}, which does not fit the 32-bit integer the schema declares");
        }

        return (int)value;
    }

    /// <summary>A fixed32 field as a float.</summary>
    public float ReadFloat()
    {
        Expect(WireType.Fixed32, "a float");
        return DecodeFloat(Take(4, "a float"));
    }

    /// <summary>A length-delimited field decoded as UTF-8.</summary>
    public string ReadString()
    {
        Expect(WireType.LengthDelimited, "a string");
        int start = ReadLength(out int length);
        try
        {
            return StrictUtf8.GetString(_data, start, length);
        }
        catch (ArgumentException)
        {
            // DecoderFallbackException derives from ArgumentException.
            throw Invalid(start, $"field {Field} is not valid UTF-8 text");
        }
    }

    /// <summary>A length-delimited field's bytes, as an offset and length in the whole array (nothing copied).</summary>
    public int ReadBytes(out int length)
    {
        Expect(WireType.LengthDelimited, "bytes");
        return ReadLength(out length);
    }

    /// <summary>A length-delimited field as a sub-message named <paramref name="message"/>, read by its own reader.</summary>
    public ProtoReader ReadMessage(string message)
    {
        Expect(WireType.LengthDelimited, "a " + message);
        int start = ReadLength(out int length);
        return new ProtoReader(_data, start, start + length, message);
    }

    /// <summary>A repeated int64 field, packed (one length-delimited run) or not (one varint per tag).</summary>
    public void ReadRepeatedInt64(List<long> values)
    {
        if (Wire != WireType.LengthDelimited)
        {
            values.Add(ReadInt64());
            return;
        }

        ProtoReader packed = ReadMessage(_message + " packed field " + Field);
        while (packed.HasMore)
        {
            values.Add(unchecked((long)packed.ReadRawVarint()));
        }
    }

    /// <summary>A repeated float field, packed or not.</summary>
    public void ReadRepeatedFloat(List<float> values)
    {
        if (Wire != WireType.LengthDelimited)
        {
            values.Add(ReadFloat());
            return;
        }

        int start = ReadPackedFixed(4, out int count);
        for (int i = 0; i < count; i++)
        {
            values.Add(DecodeFloat(start + 4 * i));
        }
    }

    /// <summary>A repeated double field, packed or not.</summary>
    public void ReadRepeatedDouble(List<double> values)
    {
        if (Wire != WireType.LengthDelimited)
        {
            Expect(WireType.Fixed64, "a double");
            values.Add(DecodeDouble(Take(8, "a double")));
            return;
        }

        int start = ReadPackedFixed(8, out int count);
        for (int i = 0; i < count; i++)
        {
            values.Add(DecodeDouble(start + 8 * i));
        }
    }

    /// <summary>The little-endian float at <paramref name="offset"/> of <paramref name="data"/> (the caller checked the range).</summary>
    public static float DecodeFloat(byte[] data, int offset, byte[] scratch)
    {
        if (BitConverter.IsLittleEndian)
        {
            return BitConverter.ToSingle(data, offset);
        }

        for (int i = 0; i < 4; i++)
        {
            scratch[i] = data[offset + 3 - i];
        }

        return BitConverter.ToSingle(scratch, 0);
    }

    /// <summary>The little-endian double at <paramref name="offset"/> of <paramref name="data"/> (the caller checked the range).</summary>
    public static double DecodeDouble(byte[] data, int offset)
    {
        ulong bits = 0;
        for (int i = 7; i >= 0; i--)
        {
            bits = (bits << 8) | data[offset + i];
        }

        return BitConverter.Int64BitsToDouble(unchecked((long)bits));
    }

    /// <summary>An exception naming this message, the byte offset and the problem.</summary>
    public InvalidDataException Invalid(int offset, string problem) =>
        new InvalidDataException($"Malformed ONNX file: {problem} (in {_message}, at byte {offset}).");

    private float DecodeFloat(int offset) => DecodeFloat(_data, offset, _scratch);

    private double DecodeDouble(int offset) => DecodeDouble(_data, offset);

    private void Expect(WireType wire, string what)
    {
        if (Wire != wire)
        {
            throw Invalid(_position, $"field {Field} has wire type {(int)Wire} ({Wire}) where the schema puts {what} (wire type {(int)wire})");
        }
    }

    private int ReadPackedFixed(int size, out int count)
    {
        int start = ReadLength(out int length);
        if (length % size != 0)
        {
            throw Invalid(start, $"packed field {Field} is {length} bytes long, not a whole number of {size}-byte values");
        }

        count = length / size;
        return start;
    }

    /// <summary>Reads a length prefix and steps over that many bytes; returns where they start.</summary>
    private int ReadLength(out int length)
    {
        int at = _position;
        ulong value = ReadRawVarint();
        if (value > (ulong)(_end - _position))
        {
            throw Invalid(at, $"field {Field} claims {value} bytes but only {_end - _position} remain");
        }

        length = (int)value;
        return Take(length, "a length-delimited value");
    }

    /// <summary>Steps over <paramref name="count"/> bytes; returns where they start.</summary>
    private int Take(int count, string what)
    {
        if (count > _end - _position)
        {
            throw Invalid(_position, $"the data ends {_end - _position} bytes into {what} of {count} bytes (truncated)");
        }

        int start = _position;
        _position += count;
        return start;
    }

    private ulong ReadRawVarint()
    {
        int at = _position;
        ulong value = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _end)
            {
                throw Invalid(at, "the data ends inside a varint (truncated)");
            }

            byte b = _data[_position++];
            if (shift == 63 && b > 1)
            {
                throw Invalid(at, "a varint is longer than 64 bits");
            }

            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Invalid(at, "a varint is longer than 10 bytes");
    }
}
