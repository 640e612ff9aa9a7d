using System;
using System.Collections.Generic;
using System.IO;
using Unrolled.Generators.Model;
using static System.FormattableString;

namespace Unrolled.Generators.Weights;

/// <summary>
/// A binary parameter file (.unrl, written by <c>ParameterFile.Save</c>) read at compile time: the same checks and
/// messages as <c>ParameterFile.Load</c> (magic, version, truncation, checksum, trailing bytes, the spec's values),
/// over the whole file at once. The layout is documented in docs/file-format.md and at the top of ParameterFile.cs.
/// </summary>
internal static class UnrolledBinaryWeights
{
    private const ushort OldestReadVersion = 1, FormatVersion = 2;
    private const byte Float32Code = 1, Float64Code = 2;

    public static WeightsFile Read(string path, byte[] data)
    {
        try
        {
            return WeightsFile.Read(path, ReadContent(data));
        }
        catch (InvalidDataException e)
        {
            return WeightsFile.Unreadable(path, WeightsText.Clause(e.Message), "save the file again with ParameterFile.Save");
        }
    }

    private static WeightsContent ReadContent(byte[] data)
    {
        var reader = new Cursor(data);
        byte[] magic = reader.Bytes(4, "the magic number");
        if (magic[0] != (byte)'U' || magic[1] != (byte)'N' || magic[2] != (byte)'R' || magic[3] != (byte)'L')
        {
            throw new InvalidDataException($"Not an Unrolled parameter file: it starts with the bytes {BitConverter.ToString(magic).Replace("-", "")}, expected 554E524C (\"UNRL\").");
        }

        int version = reader.Bytes(2, "the format version") is var v ? v[0] | (v[1] << 8) : 0;
        if (version < OldestReadVersion || version > FormatVersion)
        {
            throw new InvalidDataException(Invariant($"Unsupported parameter file version {version}; this library reads versions {OldestReadVersion} to {FormatVersion}."));
        }

        byte code = reader.Bytes(1, "the element type")[0];
        if (code is not (Float32Code or Float64Code))
        {
            throw new InvalidDataException(Invariant($"Unknown element type code {code} at byte 6 (1 = float32, 2 = float64): the file is damaged."));
        }

        int inputs = reader.Int32("the input count");
        int layerCount = reader.Int32("the layer count");
        if (layerCount < 0)
        {
            throw new InvalidDataException(Invariant($"The file declares {layerCount} layers: the file is damaged."));
        }

        var raw = new List<ParameterFileLayer>();
        for (int i = 0; i < layerCount; i++)
        {
            string what = Invariant($"layer {i + 1} of the spec");
            int units = reader.Int32(what);
            int activation = reader.Int32(what);
            double alpha = reader.Double(what);
            raw.Add(version == 1
                ? new ParameterFileLayer(units, activation, alpha)
                : new ParameterFileLayer(units, activation, alpha, reader.Double(what), reader.Int32(what)));
        }

        int loss = reader.Int32("the loss");
        int precision = reader.Int32("the precision");
        int count = reader.Int32("the parameter count");
        if (count < 0)
        {
            throw new InvalidDataException(Invariant($"The file declares {count} parameters: the file is damaged."));
        }

        int size = code == Float32Code ? 4 : 8;
        int valuesStart = reader.Position;
        reader.Skip((long)count * size, "the parameters");
        uint computed = Crc32.Compute(data, 0, reader.Position);
        uint stored = (uint)reader.Int32("the checksum");
        if (stored != computed)
        {
            throw new InvalidDataException(Invariant($"Checksum mismatch: the file records CRC-32 0x{stored:X8}, its content gives 0x{computed:X8}: the file is damaged."));
        }

        if (reader.Position != data.Length)
        {
            throw new InvalidDataException(Invariant($"The file has bytes after its checksum (at byte {reader.Position}): the file is damaged or not a single parameter file."));
        }

        var spec = new ParameterFileSpec(inputs, raw, loss, precision, version);
        spec.Check(count);
        var parameters = new double[count];
        for (int i = 0; i < count; i++)
        {
            int at = valuesStart + (i * size);
            parameters[i] = size == 4 ? Bits.Single(data, at) : Bits.Double(data, at);
        }

        spec.CheckFinite(parameters);
        Precision values = code == Float32Code ? Precision.Single : Precision.Double;
        return spec.ToContent(WeightsFormat.UnrolledBinary, parameters.ToEquatableArray(), values,
            "Unrolled parameter file, binary, " + (size == 4 ? "float32" : "float64"));
    }

    /// <summary>Reads little-endian values in order, reporting truncation as ParameterFile.Load does.</summary>
    private sealed class Cursor
    {
        private readonly byte[] _data;

        public Cursor(byte[] data) => _data = data;

        public int Position { get; private set; }

        public byte[] Bytes(int count, string what)
        {
            Need(count, what);
            var bytes = new byte[count];
            Array.Copy(_data, Position, bytes, 0, count);
            Position += count;
            return bytes;
        }

        public int Int32(string what)
        {
            Need(4, what);
            int value = _data[Position] | (_data[Position + 1] << 8) | (_data[Position + 2] << 16) | (_data[Position + 3] << 24);
            Position += 4;
            return value;
        }

        public double Double(string what)
        {
            Need(8, what);
            double value = Bits.Double(_data, Position);
            Position += 8;
            return value;
        }

        public void Skip(long count, string what)
        {
            Need(count, what);
            Position += (int)count;
        }

        private void Need(long count, string what)
        {
            if (Position + count > _data.Length)
            {
                throw new InvalidDataException(Invariant(
                    $"The file is truncated: it ends at byte {_data.Length} while {what} needs bytes {Position} to {Position + count - 1}."));
            }
        }
    }
}
