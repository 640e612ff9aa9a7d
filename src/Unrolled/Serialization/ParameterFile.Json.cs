using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Unrolled;

// The JSON form: SaveJson and LoadJson, read with JsonDocument and written with Utf8JsonWriter (no reflection).
public static partial class ParameterFile
{
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
            json.WriteNumber("dropout", layer.Dropout);
            json.WriteBoolean("bias", layer.Bias);
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
            if (spec.HasBias(layer))
            {
                json.WritePropertyName("bias");
                WriteValues(json, parameters.Slice(spec.BiasOffset(layer), units));
            }

            if (spec.HasSlopes(layer))
            {
                json.WritePropertyName("slopes");
                WriteValues(json, parameters.Slice(spec.SlopeOffset(layer), units));
            }

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
            if (versionElement.ValueKind != JsonValueKind.Number || !versionElement.TryGetInt32(out int version) || !IsReadVersion(version))
            {
                throw Invalid($"Unsupported parameter document version {versionElement.GetRawText()}; this library reads versions {OldestReadVersion} to {FormatVersion}.");
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

            FileSpec fileSpec = ReadJsonSpec(Required(root, "spec", "$"), version);
            fileSpec.CheckShape("$.spec: ");
            JsonElement layers = Required(root, "layers", "$");
            if (version == 1)
            {
                CheckVersion1Layers(layers);
            }

            // Compared with the network before anything is allocated: the buffer is the network's size, never one the
            // document asks for (a few hundred bytes can declare a spec of billions of parameters). A spec equal to the
            // network's in all it compares has the network's parameter count.
            string? difference = fileCode != code
                ? $"file holds {ElementName(fileCode)} values, network computes in {ElementName(code)}"
                : fileSpec.DifferenceFrom(network.Spec);
            if (difference is not null)
            {
                throw Mismatch(difference);
            }

            var values = new T[network.ParameterCount];
            ReadJsonLayers<T>(layers, fileSpec, values);
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

    private static FileSpec ReadJsonSpec(JsonElement spec, int version)
    {
        const string path = "$.spec";
        if (spec.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{path} must be an object, but it is {Kind(spec)}.");
        }

        var fileSpec = new FileSpec { Version = version, Inputs = RequiredInt32(spec, "inputs", path) };
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
            double alpha = OptionalNumber(layer, "alpha", layerPath, LayerSpec.DefaultAlpha(activation));
            if (version == 1 && layer.TryGetProperty("dropout", out _))
            {
                throw Invalid(Version1Lacks("dropout", $"{layerPath} has \"dropout\""));
            }

            double dropout = OptionalNumber(layer, "dropout", layerPath, 0);
            bool bias = true;
            if (layer.TryGetProperty("bias", out JsonElement biasElement))
            {
                bias = biasElement.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw Invalid($"{layerPath}.bias is {biasElement.GetRawText()}, expected true or false."),
                };
                if (version == 1 && !bias)
                {
                    throw Invalid(Version1Lacks("bias-free layers", $"{layerPath} has \"bias\": false"));
                }
            }

            fileSpec.Layers.Add(new FileLayer(units, (int)activation, alpha, dropout, bias ? BiasFlag : 0));
        }

        fileSpec.Loss = spec.TryGetProperty("loss", out JsonElement loss)
            ? (int)ParseEnum<LossFunction>(StringOf(loss, $"{path}.loss"), $"{path}.loss")
            : (int)LossFunction.MeanSquaredError;
        fileSpec.Precision = spec.TryGetProperty("precision", out JsonElement precision)
            ? (int)ParseEnum<Precision>(StringOf(precision, $"{path}.precision"), $"{path}.precision")
            : (int)Precision.Single;
        return fileSpec;
    }

    /// <summary>Refuses "slopes" in a version 1 document's layers (version 1 had no PReLU); the layers' shapes are checked later.</summary>
    private static void CheckVersion1Layers(JsonElement layers)
    {
        if (layers.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        int index = 0;
        foreach (JsonElement layer in layers.EnumerateArray())
        {
            if (layer.ValueKind == JsonValueKind.Object && layer.TryGetProperty("slopes", out _))
            {
                throw Invalid(Version1Lacks("PReLU slopes", $"$.layers[{index}] has \"slopes\""));
            }

            index++;
        }
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
            var layerSpec = spec.Layers[index];
            int units = layerSpec.Units;
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

            offset += ReadJsonBlock(layer, "bias", layerSpec.Bias, path, values, offset, units);
            offset += ReadJsonBlock(layer, "slopes", layerSpec.HasSlopes, path, values, offset, units);
            fanIn = units;
            index++;
        }
    }

    /// <summary>Reads the layer's "bias" or "slopes" when the spec says it has them (and refuses them otherwise); returns the count read.</summary>
    private static int ReadJsonBlock<T>(JsonElement layer, string name, bool expected, string path, T[] values, int offset, int units)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!expected)
        {
            return layer.TryGetProperty(name, out _)
                ? throw Invalid($"{path} has \"{name}\", but its spec layer has none (" + (name == "bias" ? "\"bias\": false" : "not PRelu") + ").")
                : 0;
        }

        ReadJsonValues(Required(layer, name, path), values.AsSpan(offset, units), $"{path}.{name}");
        return units;
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
}
