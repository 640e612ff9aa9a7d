// Unrolled parameter files. See docs/file-format.md for the full description; this block is the reference.
//
// BINARY FORMAT, version 1. Every number is little-endian, whatever the machine (written with BinaryPrimitives).
//
//   offset      size   field
//   0           4      magic: the ASCII bytes "UNRL" (55 4E 52 4C)
//   4           2      format version, uint16: 1
//   6           1      element type of the values, uint8: 1 = float32, 2 = float64
//   7           4      spec: inputs, int32
//   11          4      spec: layer count L, int32
//   15          16*L   spec: per layer, input side first:
//                        units, int32
//                        activation, int32 (the Activation value: Identity 0, Sigmoid 1, Tanh 2, Relu 3,
//                                            LeakyRelu 4, Elu 5, Softplus 6, Silu 7, Softmax 8)
//                        alpha, float64 (LayerSpec.Alpha: after defaults, 0 for activations without one)
//   15+16L      4      spec: loss, int32 (LossFunction: MeanSquaredError 0, CrossEntropy 1, BinaryCrossEntropy 2)
//   19+16L      4      spec: precision, int32 (Precision: Single 0, Double 1)
//   23+16L      4      parameter count N, int32
//   27+16L      N*s    the parameters, s = 4 (float32) or 8 (float64) bytes each, IEEE 754, in the network's
//                      layout: per layer the weights W[fanIn, units] row-major, then the bias[units]
//   27+16L+N*s  4      CRC-32 of every byte before it, uint32 (IEEE 802.3 / zlib: reflected polynomial
//                      0xEDB88320, initial value and final xor 0xFFFFFFFF; Python's zlib.crc32 gives the same)
//
// Values are stored bit for bit: NaN and infinities are allowed and round-trip unchanged (a network trained into
// NaN can be saved and inspected). Nothing follows the checksum; Load(stream) reads exactly the file's bytes and
// leaves the stream after them, Load(path) also rejects trailing bytes.
//
// JSON FORMAT, version 1 (UTF-8):
//
//   { "format": "unrolled-parameters", "version": 1, "elementType": "float32",
//     "spec": { "inputs": 2, "layers": [ { "units": 3, "activation": "Sigmoid", "alpha": 0 }, ... ],
//               "loss": "CrossEntropy", "precision": "Single" },
//     "layers": [ { "weights": [ [w00, w01, w02], [w10, w11, w12] ], "bias": [b0, b1, b2] }, ... ] }
//
// "weights" has fanIn rows of units numbers each: row i holds W[i, 0..units), the weights from input i (Keras's
// kernel layout; PyTorch's nn.Linear.weight is its transpose). Numbers are written in the shortest form that
// round-trips to the same float32/float64. JSON has no NaN or infinity: those values are written as the strings
// "NaN", "Infinity" and "-Infinity", and read back from them. When reading, "elementType" is optional (if present
// it must match the network's), as are "alpha" (default: the activation's), "loss" (MeanSquaredError) and
// "precision" (Single); other properties are ignored.
//
// LOADING validates everything before writing a single parameter: the values are read into a temporary buffer
// and copied into the network only when the whole file has been checked. A damaged or unsupported file throws
// InvalidDataException; a sound file made for another network (element type, or any part of the spec) throws
// ArgumentException naming the first difference. Either way the network's parameters are left untouched.

using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Unrolled;

/// <summary>
/// Saves and loads a network's parameters together with its spec, in a checked little-endian binary format or in
/// JSON. The format is described at the top of ParameterFile.cs and in docs/file-format.md.
/// </summary>
/// <remarks>
/// Loading validates the whole file (magic, version, length, checksum, element type, spec) before it writes a
/// single parameter: on failure the network is left exactly as it was. Only <see cref="float"/> and
/// <see cref="double"/> networks can be saved or loaded. Uses no reflection: safe under trimming and NativeAOT.
/// </remarks>
public static class ParameterFile
{
    /// <summary>The version of the binary and JSON formats this library writes and reads.</summary>
    public const ushort FormatVersion = 1;

    /// <summary>The value of the JSON form's <c>"format"</c> property.</summary>
    public const string JsonFormatName = "unrolled-parameters";

    private const byte Float32Code = 1;
    private const byte Float64Code = 2;
    private const int BufferLength = 8192;

    /// <summary>The four bytes every binary parameter file starts with: ASCII <c>UNRL</c>.</summary>
    public static ReadOnlySpan<byte> Magic => "UNRL"u8;

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

    /// <summary>Writes <paramref name="network"/>'s spec and parameters to <paramref name="stream"/> as indented UTF-8 JSON.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    public static void SaveJson<T>(INetwork<T> network, Stream stream)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        byte code = ElementCode<T>();
        var spec = network.Spec;
        ReadOnlySpan<T> parameters = network.Parameters;
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", JsonFormatName);
        json.WriteNumber("version", FormatVersion);
        json.WriteString("elementType", ElementName(code));
        json.WriteStartObject("spec");
        json.WriteNumber("inputs", spec.Inputs);
        json.WriteStartArray("layers");
        foreach (var layer in spec.Layers)
        {
            json.WriteStartObject();
            json.WriteNumber("units", layer.Units);
            json.WriteString("activation", layer.Activation.ToString());
            json.WriteNumber("alpha", layer.Alpha);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("loss", spec.Loss.ToString());
        json.WriteString("precision", spec.Precision.ToString());
        json.WriteEndObject();

        json.WriteStartArray("layers");
        for (int layer = 0; layer < spec.Layers.Count; layer++)
        {
            int fanIn = spec.FanIn(layer), units = spec.Layers[layer].Units;
            json.WriteStartObject();
            json.WriteStartArray("weights");
            for (int i = 0; i < fanIn; i++)
            {
                WriteValues(json, parameters.Slice(spec.WeightOffset(layer) + i * units, units));
            }

            json.WriteEndArray();
            json.WritePropertyName("bias");
            WriteValues(json, parameters.Slice(spec.BiasOffset(layer), units));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes <paramref name="network"/>'s spec and parameters to the file at <paramref name="path"/> (replacing it) as JSON.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    public static void SaveJson<T>(INetwork<T> network, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        SaveJson(network, stream);
    }

    /// <summary>Reads the JSON form from <paramref name="stream"/> (to its end) into <paramref name="network"/>'s parameters, after checking all of it.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidDataException">
    /// The text is not JSON, not a parameter document of a supported version, or its arrays do not match its own spec;
    /// the message gives the JSON path. The network is unchanged.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// The document is sound but its element type or spec differs from <paramref name="network"/>'s; the message names
    /// the first difference. The network is unchanged.
    /// </exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    public static void LoadJson<T>(INetwork<T> network, Stream stream)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        byte code = ElementCode<T>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The parameter document is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"The parameter document must be a JSON object, but it is {Kind(root)}.");
            }

            string format = RequiredString(root, "format", "$");
            if (format != JsonFormatName)
            {
                throw Invalid($"Not an Unrolled parameter document: $.format is \"{format}\", expected \"{JsonFormatName}\".");
            }

            JsonElement versionElement = Required(root, "version", "$");
            if (versionElement.ValueKind != JsonValueKind.Number || !versionElement.TryGetInt32(out int version) || version != FormatVersion)
            {
                throw Invalid($"Unsupported parameter document version {versionElement.GetRawText()}; this library reads version {FormatVersion}.");
            }

            byte fileCode = code;
            if (root.TryGetProperty("elementType", out JsonElement elementType))
            {
                fileCode = elementType.ValueKind == JsonValueKind.String ? elementType.GetString() switch
                {
                    "float32" => Float32Code,
                    "float64" => Float64Code,
                    _ => (byte)0,
                } : (byte)0;
                if (fileCode == 0)
                {
                    throw Invalid($"$.elementType is {elementType.GetRawText()}, expected \"float32\" or \"float64\".");
                }
            }

            FileSpec fileSpec = ReadJsonSpec(Required(root, "spec", "$"));
            int count = fileSpec.CheckShape("$.spec");
            var values = new T[count];
            ReadJsonLayers<T>(Required(root, "layers", "$"), fileSpec, values);

            string? difference = fileCode != code
                ? $"file holds {ElementName(fileCode)} values, network computes in {ElementName(code)}"
                : fileSpec.DifferenceFrom(network.Spec);
            if (difference is not null)
            {
                throw Mismatch(difference);
            }

            values.CopyTo(network.Parameters);
        }
    }

    /// <summary>Reads the JSON form from the file at <paramref name="path"/> into <paramref name="network"/>'s parameters, after checking all of it.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidDataException">The document is damaged or unsupported (see <see cref="LoadJson{T}(INetwork{T}, Stream)"/>). The network is unchanged.</exception>
    /// <exception cref="ArgumentException">The document was saved from another kind of network. The network is unchanged.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    public static void LoadJson<T>(INetwork<T> network, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        LoadJson(network, stream);
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
        if (version != FormatVersion)
        {
            throw Invalid($"Unsupported parameter file version {version}; this library reads version {FormatVersion}.");
        }

        byte fileCode = reader.Read(1, "the element type")[0];
        if (fileCode is not (Float32Code or Float64Code))
        {
            throw Invalid($"Unknown element type code {fileCode} at byte 6 (1 = float32, 2 = float64): the file is damaged.");
        }

        var fileSpec = new FileSpec { Inputs = reader.ReadInt32("the input count") };
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
            fileSpec.Layers.Add((units, activation, alpha));
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

        string? problem = fileSpec.Problem();
        if (problem is not null)
        {
            throw Invalid(problem);
        }

        string? difference = fileCode != code
            ? $"file holds {ElementName(fileCode)} values, network computes in {ElementName(code)}"
            : fileSpec.DifferenceFrom(network.Spec)
              ?? (count != network.ParameterCount ? $"file has {count} parameters, network has {network.ParameterCount}" : null);
        if (difference is not null)
        {
            throw Mismatch(difference);
        }

        values!.CopyTo(network.Parameters);
    }

    private static byte ElementCode<T>()
    {
        if (typeof(T) == typeof(float))
        {
            return Float32Code;
        }

        if (typeof(T) == typeof(double))
        {
            return Float64Code;
        }

        throw new NotSupportedException($"Parameter files hold float or double values; {typeof(T).Name} is not supported.");
    }

    private static string ElementName(byte code) => code == Float32Code ? "float32" : "float64";

    private static InvalidDataException Invalid(string message) => new(message);

    private static ArgumentException Mismatch(string difference) =>
        new($"The parameter file does not fit this network: {difference}.", "network");

    private static void WriteValues<T>(Utf8JsonWriter json, ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        json.WriteStartArray();
        foreach (T value in values)
        {
            if (T.IsNaN(value))
            {
                json.WriteStringValue("NaN");
            }
            else if (T.IsInfinity(value))
            {
                json.WriteStringValue(T.IsNegative(value) ? "-Infinity" : "Infinity");
            }
            else if (typeof(T) == typeof(float))
            {
                json.WriteNumberValue(float.CreateTruncating(value));
            }
            else
            {
                json.WriteNumberValue(double.CreateTruncating(value));
            }
        }

        json.WriteEndArray();
    }

    private static FileSpec ReadJsonSpec(JsonElement spec)
    {
        const string path = "$.spec";
        if (spec.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{path} must be an object, but it is {Kind(spec)}.");
        }

        var fileSpec = new FileSpec { Inputs = RequiredInt32(spec, "inputs", path) };
        JsonElement layers = Required(spec, "layers", path);
        if (layers.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"{path}.layers must be an array, but it is {Kind(layers)}.");
        }

        int index = 0;
        foreach (JsonElement layer in layers.EnumerateArray())
        {
            string layerPath = $"{path}.layers[{index++}]";
            if (layer.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"{layerPath} must be an object, but it is {Kind(layer)}.");
            }

            int units = RequiredInt32(layer, "units", layerPath);
            var activation = ParseEnum<Activation>(RequiredString(layer, "activation", layerPath), $"{layerPath}.activation");
            double alpha = LayerSpec.DefaultAlpha(activation);
            if (layer.TryGetProperty("alpha", out JsonElement alphaElement))
            {
                if (alphaElement.ValueKind != JsonValueKind.Number || !alphaElement.TryGetDouble(out alpha))
                {
                    throw Invalid($"{layerPath}.alpha is {alphaElement.GetRawText()}, expected a number.");
                }
            }

            fileSpec.Layers.Add((units, (int)activation, alpha));
        }

        fileSpec.Loss = spec.TryGetProperty("loss", out JsonElement loss)
            ? (int)ParseEnum<LossFunction>(StringOf(loss, $"{path}.loss"), $"{path}.loss")
            : (int)LossFunction.MeanSquaredError;
        fileSpec.Precision = spec.TryGetProperty("precision", out JsonElement precision)
            ? (int)ParseEnum<Precision>(StringOf(precision, $"{path}.precision"), $"{path}.precision")
            : (int)Precision.Single;
        return fileSpec;
    }

    private static void ReadJsonLayers<T>(JsonElement layers, FileSpec spec, T[] values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (layers.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"$.layers must be an array, but it is {Kind(layers)}.");
        }

        int layerCount = layers.GetArrayLength();
        if (layerCount != spec.Layers.Count)
        {
            throw Invalid($"$.layers has {layerCount} entries, but $.spec.layers declares {spec.Layers.Count} layers.");
        }

        int offset = 0, fanIn = spec.Inputs, index = 0;
        foreach (JsonElement layer in layers.EnumerateArray())
        {
            string path = $"$.layers[{index}]";
            int units = spec.Layers[index].Units;
            if (layer.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"{path} must be an object, but it is {Kind(layer)}.");
            }

            JsonElement weights = Required(layer, "weights", path);
            CheckArray(weights, fanIn, $"{path}.weights", $"the layer's fan-in ({fanIn})");
            int row = 0;
            foreach (JsonElement weightRow in weights.EnumerateArray())
            {
                ReadJsonValues(weightRow, values.AsSpan(offset, units), $"{path}.weights[{row++}]");
                offset += units;
            }

            ReadJsonValues(Required(layer, "bias", path), values.AsSpan(offset, units), $"{path}.bias");
            offset += units;
            fanIn = units;
            index++;
        }
    }

    private static void ReadJsonValues<T>(JsonElement array, Span<T> destination, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckArray(array, destination.Length, path, $"the layer's units ({destination.Length})");
        int k = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            destination[k] = ReadJsonValue<T>(item, $"{path}[{k}]");
            k++;
        }
    }

    private static T ReadJsonValue<T>(JsonElement item, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (item.ValueKind == JsonValueKind.Number)
        {
            if (typeof(T) == typeof(float))
            {
                if (item.TryGetSingle(out float single) && float.IsFinite(single))
                {
                    return T.CreateTruncating(single);
                }
            }
            else if (item.TryGetDouble(out double number) && double.IsFinite(number))
            {
                return T.CreateTruncating(number);
            }

            throw Invalid($"{path} is {item.GetRawText()}, which is out of range for {(typeof(T) == typeof(float) ? "float32" : "float64")}.");
        }

        if (item.ValueKind == JsonValueKind.String)
        {
            switch (item.GetString())
            {
                case "NaN":
                    return T.NaN;
                case "Infinity":
                    return T.PositiveInfinity;
                case "-Infinity":
                    return T.NegativeInfinity;
            }
        }

        throw Invalid($"{path} is {item.GetRawText()}, expected a number (or \"NaN\", \"Infinity\", \"-Infinity\").");
    }

    private static void CheckArray(JsonElement array, int expected, string path, string what)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"{path} must be an array, but it is {Kind(array)}.");
        }

        int length = array.GetArrayLength();
        if (length != expected)
        {
            throw Invalid($"{path} has {length} entries, expected {what}.");
        }
    }

    private static JsonElement Required(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out JsonElement value) ? value : throw Invalid($"{path} has no \"{name}\" property.");

    private static string RequiredString(JsonElement parent, string name, string path) =>
        StringOf(Required(parent, name, path), $"{path}.{name}");

    private static string StringOf(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Invalid($"{path} is {element.GetRawText()}, expected a string.");

    private static int RequiredInt32(JsonElement parent, string name, string path)
    {
        JsonElement element = Required(parent, name, path);
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out int value)
            ? value
            : throw Invalid($"{path}.{name} is {element.GetRawText()}, expected an integer.");
    }

    private static TEnum ParseEnum<TEnum>(string text, string path)
        where TEnum : struct, Enum
    {
        foreach (TEnum value in Enum.GetValues<TEnum>())
        {
            if (value.ToString() == text)
            {
                return value;
            }
        }

        throw Invalid($"{path} is \"{text}\", which is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>The spec as a file states it, raw: enum values may be undefined until <see cref="Problem"/> has checked them.</summary>
    private sealed class FileSpec
    {
        public int Inputs { get; init; }

        public List<(int Units, int Activation, double Alpha)> Layers { get; } = [];

        public int Loss { get; set; }

        public int Precision { get; set; }

        /// <summary>What makes the spec impossible (for a file that passed its checksum), or null.</summary>
        public string? Problem()
        {
            if (Inputs <= 0)
            {
                return $"The file declares {Inputs} inputs: no network has that.";
            }

            if (Layers.Count == 0)
            {
                return "The file declares no layer: no network has that.";
            }

            for (int i = 0; i < Layers.Count; i++)
            {
                if (Layers[i].Units <= 0)
                {
                    return $"The file declares {Layers[i].Units} units in layer {i + 1}: no network has that.";
                }

                if (!Enum.IsDefined((Activation)Layers[i].Activation))
                {
                    return $"The file declares activation value {Layers[i].Activation} in layer {i + 1}, which is not an Activation.";
                }
            }

            if (!Enum.IsDefined((LossFunction)Loss))
            {
                return $"The file declares loss value {Loss}, which is not a LossFunction.";
            }

            return Enum.IsDefined((Precision)Precision) ? null : $"The file declares precision value {Precision}, which is not a Precision.";
        }

        /// <summary>Checks the spec (as <see cref="Problem"/>) and returns its parameter count.</summary>
        public int CheckShape(string path)
        {
            string? problem = Problem();
            if (problem is not null)
            {
                throw Invalid($"{path}: {problem}");
            }

            long count = 0, fanIn = Inputs;
            foreach (var layer in Layers)
            {
                count += (fanIn + 1) * layer.Units;
                fanIn = layer.Units;
            }

            return count <= Array.MaxLength
                ? (int)count
                : throw Invalid($"{path} declares {count.ToString(CultureInfo.InvariantCulture)} parameters, more than a network can have.");
        }

        /// <summary>The first difference from <paramref name="spec"/>, worded "file has ..., network has ...", or null.</summary>
        public string? DifferenceFrom(NetworkSpec spec)
        {
            if (Inputs != spec.Inputs)
            {
                return $"file has {Inputs} inputs, network has {spec.Inputs}";
            }

            if (Layers.Count != spec.Layers.Count)
            {
                return $"file has {Layers.Count} layers, network has {spec.Layers.Count}";
            }

            for (int i = 0; i < Layers.Count; i++)
            {
                var (units, activation, alpha) = Layers[i];
                var layer = spec.Layers[i];
                if (units != layer.Units)
                {
                    return $"file has layer {i + 1} with {units} units, network has {layer.Units}";
                }

                if ((Activation)activation != layer.Activation)
                {
                    return $"file has layer {i + 1} with activation {(Activation)activation}, network has {layer.Activation}";
                }

                if (!alpha.Equals(layer.Alpha))
                {
                    return FormattableString.Invariant($"file has layer {i + 1} with alpha {alpha:R}, network has {layer.Alpha:R}");
                }
            }

            if ((LossFunction)Loss != spec.Loss)
            {
                return $"file has loss {(LossFunction)Loss}, network has {spec.Loss}";
            }

            return (Precision)Precision != spec.Precision
                ? $"file has precision {(Precision)Precision}, network has {spec.Precision}"
                : null;
        }
    }

    /// <summary>Buffers writes and keeps the CRC-32 of everything written.</summary>
    private sealed class CheckedWriter(Stream stream)
    {
        private readonly byte[] _buffer = new byte[BufferLength];
        private int _used;
        private uint _crc = Crc32.Initial;

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
            BinaryPrimitives.WriteUInt32LittleEndian(_buffer, Crc32.Final(_crc));
            stream.Write(_buffer, 0, 4);
            stream.Flush();
        }

        private void Flush()
        {
            _crc = Crc32.Update(_crc, _buffer.AsSpan(0, _used));
            stream.Write(_buffer, 0, _used);
            _used = 0;
        }
    }

    /// <summary>Reads exact byte counts, reporting truncation by position, and keeps the CRC-32 of everything read.</summary>
    private sealed class CheckedReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[BufferLength];
        private uint _crc = Crc32.Initial;

        /// <summary>How many bytes have been read.</summary>
        public long Position { get; private set; }

        /// <summary>The CRC-32 of the bytes read so far.</summary>
        public uint Checksum => Crc32.Final(_crc);

        /// <summary>Reads exactly <paramref name="count"/> (at most the buffer's length) bytes.</summary>
        public ReadOnlySpan<byte> Read(int count, string what)
        {
            Span<byte> span = _buffer.AsSpan(0, count);
            int read = stream.ReadAtLeast(span, count, throwOnEndOfStream: false);
            if (read < count)
            {
                throw Invalid($"The file is truncated: it ends at byte {Position + read} while {what} needs bytes {Position} to {Position + count - 1}.");
            }

            _crc = Crc32.Update(_crc, span);
            Position += count;
            return span;
        }

        public int ReadInt32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Read(4, what));
    }
}

/// <summary>CRC-32 (IEEE 802.3, as zlib and PNG): reflected polynomial 0xEDB88320, initial value and final xor 0xFFFFFFFF.</summary>
internal static class Crc32
{
    public const uint Initial = 0xFFFFFFFFu;

    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Final(Update(Initial, data));

    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    public static uint Final(uint crc) => crc ^ 0xFFFFFFFFu;

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
