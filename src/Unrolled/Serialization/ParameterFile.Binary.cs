using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;

namespace Unrolled;

// The binary form: Save and Load, and the streams that keep the CRC-32 as they go.
public static partial class ParameterFile
{

    /// <summary>Writes <paramref name="network"/>'s spec and parameters to <paramref name="stream"/> in the binary format.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    public static void Save<T>(INetwork<T> network, Stream stream)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        byte code = ElementCode<T>();
        var spec = network.Spec;
        var writer = new CheckedWriter(stream);
        Magic.CopyTo(writer.Reserve(4));
        BinaryPrimitives.WriteUInt16LittleEndian(writer.Reserve(2), FormatVersion);
        writer.Reserve(1)[0] = code;
        writer.WriteInt32(spec.Inputs);
        writer.WriteInt32(spec.Layers.Count);
        foreach (var layer in spec.Layers)
        {
            writer.WriteInt32(layer.Units);
            writer.WriteInt32((int)layer.Activation);
            BinaryPrimitives.WriteDoubleLittleEndian(writer.Reserve(8), layer.Alpha);
            BinaryPrimitives.WriteDoubleLittleEndian(writer.Reserve(8), layer.Dropout);
            writer.WriteInt32(layer.Bias ? BiasFlag : 0);
        }

        writer.WriteInt32((int)spec.Loss);
        writer.WriteInt32((int)spec.Precision);
        ReadOnlySpan<T> parameters = network.Parameters;
        writer.WriteInt32(parameters.Length);
        foreach (T value in parameters)
        {
            if (code == Float32Code)
            {
                BinaryPrimitives.WriteSingleLittleEndian(writer.Reserve(4), float.CreateTruncating(value));
            }
            else
            {
                BinaryPrimitives.WriteDoubleLittleEndian(writer.Reserve(8), double.CreateTruncating(value));
            }
        }

        writer.Finish();
    }

    /// <summary>Writes <paramref name="network"/>'s spec and parameters to the file at <paramref name="path"/> (replacing it) in the binary format.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    public static void Save<T>(INetwork<T> network, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Save(network, stream);
    }

    /// <summary>
    /// Reads a binary parameter file from <paramref name="stream"/> into <paramref name="network"/>'s parameters, after
    /// checking all of it. Reads exactly the file's bytes.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidDataException">
    /// The data is not a parameter file, has an unsupported version, is truncated, fails its checksum, or holds values
    /// no network has. The network is unchanged.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// The file is sound but was saved from another kind of network: its element type or spec differs from
    /// <paramref name="network"/>'s; the message names the first difference. The network is unchanged.
    /// </exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    public static void Load<T>(INetwork<T> network, Stream stream)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        LoadCore(network, stream, requireEnd: false);
    }

    /// <summary>
    /// Reads the binary parameter file at <paramref name="path"/> into <paramref name="network"/>'s parameters, after
    /// checking all of it; bytes after the checksum are an error.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidDataException">The file is damaged or unsupported (see <see cref="Load{T}(INetwork{T}, Stream)"/>). The network is unchanged.</exception>
    /// <exception cref="ArgumentException">The file was saved from another kind of network. The network is unchanged.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    public static void Load<T>(INetwork<T> network, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        LoadCore(network, stream, requireEnd: true);
    }

    private static void LoadCore<T>(INetwork<T> network, Stream stream, bool requireEnd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        byte code = ElementCode<T>();
        var reader = new CheckedReader(stream);

        ReadOnlySpan<byte> magic = reader.Read(4, "the magic number");
        if (!magic.SequenceEqual(Magic))
        {
            throw Invalid($"Not an Unrolled parameter file: it starts with the bytes {Convert.ToHexString(magic)}, expected 554E524C (\"UNRL\").");
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(reader.Read(2, "the format version"));
        if (!IsReadVersion(version))
        {
            throw Invalid($"Unsupported parameter file version {version}; this library reads versions {OldestReadVersion} to {FormatVersion}.");
        }

        byte fileCode = reader.Read(1, "the element type")[0];
        if (fileCode is not (Float32Code or Float64Code))
        {
            throw Invalid($"Unknown element type code {fileCode} at byte 6 (1 = float32, 2 = float64): the file is damaged.");
        }

        var fileSpec = new FileSpec { Version = version, Inputs = reader.ReadInt32("the input count") };
        int layerCount = reader.ReadInt32("the layer count");
        if (layerCount < 0)
        {
            throw Invalid($"The file declares {layerCount} layers: the file is damaged.");
        }

        for (int i = 0; i < layerCount; i++)
        {
            string what = $"layer {i + 1} of the spec";
            int units = reader.ReadInt32(what);
            int activation = reader.ReadInt32(what);
            double alpha = BinaryPrimitives.ReadDoubleLittleEndian(reader.Read(8, what));
            if (version == 1)
            {
                fileSpec.Layers.Add(new FileLayer(units, activation, alpha));
                continue;
            }

            double dropout = BinaryPrimitives.ReadDoubleLittleEndian(reader.Read(8, what));
            int flags = reader.ReadInt32(what);
            fileSpec.Layers.Add(new FileLayer(units, activation, alpha, dropout, flags));
        }

        fileSpec.Loss = reader.ReadInt32("the loss");
        fileSpec.Precision = reader.ReadInt32("the precision");
        int count = reader.ReadInt32("the parameter count");
        if (count < 0)
        {
            throw Invalid($"The file declares {count} parameters: the file is damaged.");
        }

        // Keep the values only when they can go into this network; otherwise read them through for the checksum.
        int size = fileCode == Float32Code ? 4 : 8;
        T[]? values = fileCode == code && count == network.ParameterCount ? new T[count] : null;
        long remaining = (long)count * size;
        int index = 0;
        while (remaining > 0)
        {
            int chunk = (int)Math.Min(remaining, BufferLength);
            ReadOnlySpan<byte> bytes = reader.Read(chunk, "the parameters");
            remaining -= chunk;
            if (values is null)
            {
                continue;
            }

            for (int offset = 0; offset < bytes.Length; offset += size)
            {
                values[index++] = size == 4
                    ? T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(offset, 4)))
                    : T.CreateTruncating(BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(offset, 8)));
            }
        }

        uint computed = reader.Checksum;
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(reader.Read(4, "the checksum"));
        if (stored != computed)
        {
            throw Invalid(FormattableString.Invariant(
                $"Checksum mismatch: the file records CRC-32 0x{stored:X8}, its content gives 0x{computed:X8}: the file is damaged."));
        }

        if (requireEnd && stream.ReadByte() >= 0)
        {
            throw Invalid($"The file has bytes after its checksum (at byte {reader.Position}): the file is damaged or not a single parameter file.");
        }

        // A count that disagrees with the file's own spec is damage, whatever the network (the generator's reader,
        // ParameterFileSpec.Check, says the same in the same words).
        int expected = fileSpec.CheckShape("");
        if (count != expected)
        {
            throw Invalid(FormattableString.Invariant($"The file holds {count} parameters, but its spec has {expected}: the file is damaged."));
        }

        // A spec equal to the network's in all DifferenceFrom compares has the network's parameter count.
        string? difference = fileCode != code
            ? $"file holds {ElementName(fileCode)} values, network computes in {ElementName(code)}"
            : fileSpec.DifferenceFrom(network.Spec);
        if (difference is not null)
        {
            throw Mismatch(difference);
        }

        values!.CopyTo(network.Parameters);
    }

    /// <summary>Buffers writes and keeps the CRC-32 of everything written.</summary>
    private sealed class CheckedWriter(Stream stream)
    {
        private readonly byte[] _buffer = new byte[BufferLength];
        private int _used;
        private readonly Crc32 _crc = new();

        public Span<byte> Reserve(int count)
        {
            if (_used + count > _buffer.Length)
            {
                Flush();
            }

            Span<byte> span = _buffer.AsSpan(_used, count);
            _used += count;
            return span;
        }

        public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

        /// <summary>Writes the buffered bytes, then the checksum of all of them.</summary>
        public void Finish()
        {
            Flush();
            BinaryPrimitives.WriteUInt32LittleEndian(_buffer, _crc.GetCurrentHashAsUInt32());
            stream.Write(_buffer, 0, 4);
            stream.Flush();
        }

        private void Flush()
        {
            _crc.Append(_buffer.AsSpan(0, _used));
            stream.Write(_buffer, 0, _used);
            _used = 0;
        }
    }

    /// <summary>Reads exact byte counts, reporting truncation by position, and keeps the CRC-32 of everything read.</summary>
    private sealed class CheckedReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[BufferLength];
        private readonly Crc32 _crc = new();

        /// <summary>How many bytes have been read.</summary>
        public long Position { get; private set; }

        /// <summary>The CRC-32 of the bytes read so far.</summary>
        public uint Checksum => _crc.GetCurrentHashAsUInt32();

        /// <summary>Reads exactly <paramref name="count"/> (at most the buffer's length) bytes.</summary>
        public ReadOnlySpan<byte> Read(int count, string what)
        {
            Span<byte> span = _buffer.AsSpan(0, count);
            int read = stream.ReadAtLeast(span, count, throwOnEndOfStream: false);
            if (read < count)
            {
                throw Invalid($"The file is truncated: it ends at byte {Position + read} while {what} needs bytes {Position} to {Position + count - 1}.");
            }

            _crc.Append(span);
            Position += count;
            return span;
        }

        public int ReadInt32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Read(4, what));
    }
}
