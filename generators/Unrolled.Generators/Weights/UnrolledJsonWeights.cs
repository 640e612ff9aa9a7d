using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Unrolled.Generators.Model;
using static System.FormattableString;

namespace Unrolled.Generators.Weights;

/// <summary>
/// A JSON parameter document (written by <c>ParameterFile.SaveJson</c>) read at compile time, with the rules and
/// messages of <c>ParameterFile.LoadJson</c>: the optional properties take the same defaults ("alpha" the
/// activation's, "loss" MeanSquaredError, "precision" Single), so that a file bakes exactly when it would load.
/// The values are parsed as the type the file states ("elementType", else the spec's precision).
/// </summary>
internal static class UnrolledJsonWeights
{
    private const string FormatName = "unrolled-parameters";

    public static WeightsFile Read(string path, string text)
    {
        try
        {
            return WeightsFile.Read(path, ReadContent(JsonNode.Parse(text)));
        }
        catch (InvalidDataException e)
        {
            return WeightsFile.Unreadable(path, WeightsText.Clause(e.Message), "save the file again with ParameterFile.SaveJson");
        }
    }

    private static WeightsContent ReadContent(JsonNode root)
    {
        if (root.Kind != JsonKind.Object)
        {
            throw Invalid($"The parameter document must be a JSON object, but it is {Kind(root)}.");
        }

        string format = RequiredString(root, "format", "$");
        if (format != FormatName)
        {
            throw Invalid($"Not an Unrolled parameter document: $.format is \"{format}\", expected \"{FormatName}\".");
        }

        JsonNode version = Required(root, "version", "$");
        if (version.Kind != JsonKind.Number || version.Text is not ("1" or "2"))
        {
            throw Invalid($"Unsupported parameter document version {version.Raw()}; this library reads versions 1 to 2.");
        }

        int formatVersion = version.Text == "1" ? 1 : 2;

        Precision? values = null;
        if (root.Property("elementType") is { } elementType)
        {
            values = elementType.Kind != JsonKind.String ? null : elementType.Text switch
            {
                "float32" => Precision.Single,
                "float64" => Precision.Double,
                _ => null,
            };
            if (values is null)
            {
                throw Invalid($"$.elementType is {elementType.Raw()}, expected \"float32\" or \"float64\".");
            }
        }

        var (spec, inputs, layers, precision) = ReadSpec(Required(root, "spec", "$"), formatVersion);
        spec.Check(spec.ParameterCount(), "$.spec: ");
        if (formatVersion == 1)
        {
            CheckVersion1Layers(Required(root, "layers", "$"));
        }

        // Filled as the document's arrays are read, so that a spec claiming more than the file holds allocates nothing.
        var parameters = new List<double>();
        ReadLayers(Required(root, "layers", "$"), inputs, layers, values ?? precision, parameters);
        double[] array = parameters.ToArray();
        spec.CheckFinite(array);
        return spec.ToContent(WeightsFormat.UnrolledJson, array.ToEquatableArray(), values, "Unrolled parameter file, JSON");
    }

    private static (ParameterFileSpec Spec, int Inputs, List<ParameterFileLayer> Layers, Precision Precision) ReadSpec(JsonNode spec, int version)
    {
        const string path = "$.spec";
        if (spec.Kind != JsonKind.Object)
        {
            throw Invalid($"{path} must be an object, but it is {Kind(spec)}.");
        }

        int inputs = RequiredInt32(spec, "inputs", path);
        JsonNode layers = Required(spec, "layers", path);
        if (layers.Kind != JsonKind.Array)
        {
            throw Invalid($"{path}.layers must be an array, but it is {Kind(layers)}.");
        }

        var raw = new List<ParameterFileLayer>();
        for (int index = 0; index < layers.Items.Count; index++)
        {
            JsonNode layer = layers.Items[index];
            string layerPath = Invariant($"{path}.layers[{index}]");
            if (layer.Kind != JsonKind.Object)
            {
                throw Invalid($"{layerPath} must be an object, but it is {Kind(layer)}.");
            }

            int units = RequiredInt32(layer, "units", layerPath);
            var activation = ParseEnum<Activation>(RequiredString(layer, "activation", layerPath), $"{layerPath}.activation");
            double alpha = OptionalNumber(layer, "alpha", layerPath, LayerSpec.DefaultAlpha(activation));
            if (version == 1 && layer.Property("dropout") is not null)
            {
                throw Invalid(ParameterFileSpec.Version1Lacks("dropout", $"{layerPath} has \"dropout\""));
            }

            double dropout = OptionalNumber(layer, "dropout", layerPath, 0);
            bool bias = layer.Property("bias") is not { } biasNode || biasNode.Kind switch
            {
                JsonKind.True => true,
                JsonKind.False => false,
                _ => throw Invalid($"{layerPath}.bias is {biasNode.Raw()}, expected true or false."),
            };
            if (version == 1 && !bias)
            {
                throw Invalid(ParameterFileSpec.Version1Lacks("bias-free layers", $"{layerPath} has \"bias\": false"));
            }

            raw.Add(new ParameterFileLayer(units, (int)activation, alpha, dropout, bias ? ParameterFileSpec.BiasFlag : 0));
        }

        var loss = spec.Property("loss") is { } lossNode
            ? ParseEnum<LossFunction>(StringOf(lossNode, $"{path}.loss"), $"{path}.loss")
            : LossFunction.MeanSquaredError;
        var precision = spec.Property("precision") is { } precisionNode
            ? ParseEnum<Precision>(StringOf(precisionNode, $"{path}.precision"), $"{path}.precision")
            : Precision.Single;
        return (new ParameterFileSpec(inputs, raw, (int)loss, (int)precision, version), inputs, raw, precision);
    }

    /// <summary>A version 1 document has no PReLU slopes: a layer that carries them is damaged or mislabelled.</summary>
    private static void CheckVersion1Layers(JsonNode layers)
    {
        if (layers.Kind != JsonKind.Array)
        {
            return;
        }

        for (int index = 0; index < layers.Items.Count; index++)
        {
            if (layers.Items[index].Kind == JsonKind.Object && layers.Items[index].Property("slopes") is not null)
            {
                throw Invalid(ParameterFileSpec.Version1Lacks("PReLU slopes", Invariant($"$.layers[{index}] has \"slopes\"")));
            }
        }
    }

    private static double OptionalNumber(JsonNode parent, string name, string path, double fallback)
    {
        if (parent.Property(name) is not { } node)
        {
            return fallback;
        }

        return node.Kind == JsonKind.Number && double.TryParse(node.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw Invalid($"{path}.{name} is {node.Raw()}, expected a number.");
    }

    private static void ReadLayers(JsonNode layers, int inputs, List<ParameterFileLayer> units, Precision precision, List<double> values)
    {
        if (layers.Kind != JsonKind.Array)
        {
            throw Invalid($"$.layers must be an array, but it is {Kind(layers)}.");
        }

        if (layers.Items.Count != units.Count)
        {
            throw Invalid(Invariant($"$.layers has {layers.Items.Count} entries, but $.spec.layers declares {units.Count} layers."));
        }

        int fanIn = inputs;
        for (int index = 0; index < units.Count; index++)
        {
            JsonNode layer = layers.Items[index];
            string path = Invariant($"$.layers[{index}]");
            if (layer.Kind != JsonKind.Object)
            {
                throw Invalid($"{path} must be an object, but it is {Kind(layer)}.");
            }

            int count = units[index].Units;
            JsonNode weights = Required(layer, "weights", path);
            CheckArray(weights, fanIn, $"{path}.weights", Invariant($"the layer's fan-in ({fanIn})"));
            for (int row = 0; row < fanIn; row++)
            {
                ReadValues(weights.Items[row], values, count, Invariant($"{path}.weights[{row}]"), precision);
            }

            ReadBlock(layer, "bias", units[index].Bias, path, values, count, precision);
            ReadBlock(layer, "slopes", units[index].HasSlopes, path, values, count, precision);
            fanIn = count;
        }
    }

    /// <summary>Reads the layer's "bias" or "slopes" when its spec layer has them, and refuses them otherwise.</summary>
    private static void ReadBlock(JsonNode layer, string name, bool expected, string path, List<double> values, int count, Precision precision)
    {
        if (expected)
        {
            ReadValues(Required(layer, name, path), values, count, $"{path}.{name}", precision);
        }
        else if (layer.Property(name) is not null)
        {
            throw Invalid($"{path} has \"{name}\", but its spec layer has none (" + (name == "bias" ? "\"bias\": false" : "not PRelu") + ").");
        }
    }

    private static void ReadValues(JsonNode array, List<double> values, int count, string path, Precision precision)
    {
        CheckArray(array, count, path, Invariant($"the layer's units ({count})"));
        for (int k = 0; k < count; k++)
        {
            values.Add(ReadValue(array.Items[k], Invariant($"{path}[{k}]"), precision));
        }
    }

    private static double ReadValue(JsonNode item, string path, Precision precision)
    {
        if (item.Kind == JsonKind.Number)
        {
            // Straight from the text to the stated type: a float parsed through a double could round twice.
            if (precision == Precision.Single)
            {
                if (float.TryParse(item.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out float single)
                    && !float.IsNaN(single) && !float.IsInfinity(single))
                {
                    return single;
                }
            }
            else if (double.TryParse(item.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
                && !double.IsNaN(number) && !double.IsInfinity(number))
            {
                return number;
            }

            throw Invalid($"{path} is {item.Text}, which is out of range for {(precision == Precision.Single ? "float32" : "float64")}.");
        }

        if (item.Kind == JsonKind.String)
        {
            switch (item.Text)
            {
                case "NaN":
                    return double.NaN;
                case "Infinity":
                    return double.PositiveInfinity;
                case "-Infinity":
                    return double.NegativeInfinity;
            }
        }

        throw Invalid($"{path} is {item.Raw()}, expected a number (or \"NaN\", \"Infinity\", \"-Infinity\").");
    }

    private static void CheckArray(JsonNode array, int expected, string path, string what)
    {
        if (array.Kind != JsonKind.Array)
        {
            throw Invalid($"{path} must be an array, but it is {Kind(array)}.");
        }

        if (array.Items.Count != expected)
        {
            throw Invalid(Invariant($"{path} has {array.Items.Count} entries, expected {what}."));
        }
    }

    private static JsonNode Required(JsonNode parent, string name, string path) =>
        parent.Property(name) ?? throw Invalid($"{path} has no \"{name}\" property.");

    private static string RequiredString(JsonNode parent, string name, string path) =>
        StringOf(Required(parent, name, path), $"{path}.{name}");

    private static string StringOf(JsonNode node, string path) =>
        node.Kind == JsonKind.String ? node.Text : throw Invalid($"{path} is {node.Raw()}, expected a string.");

    private static int RequiredInt32(JsonNode parent, string name, string path)
    {
        JsonNode node = Required(parent, name, path);
        return node.Kind == JsonKind.Number && int.TryParse(node.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw Invalid($"{path}.{name} is {node.Raw()}, expected an integer.");
    }

    private static TEnum ParseEnum<TEnum>(string text, string path)
        where TEnum : struct
    {
        foreach (string name in Enum.GetNames(typeof(TEnum)))
        {
            if (name == text)
            {
                return (TEnum)Enum.Parse(typeof(TEnum), name);
            }
        }

        throw Invalid($"{path} is \"{text}\", which is not one of {string.Join(", ", Enum.GetNames(typeof(TEnum)))}.");
    }

    private static string Kind(JsonNode node) => node.Kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.True or JsonKind.False => "a boolean",
        _ => "null",
    };

    private static InvalidDataException Invalid(string message) => new(message);
}
