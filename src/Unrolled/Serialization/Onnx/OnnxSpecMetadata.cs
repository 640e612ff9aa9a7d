using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Unrolled.Onnx;

/// <summary>
/// The metadata_props entries through which an ONNX file carries what its graph cannot: the loss, alphas as exact
/// doubles (attributes are floats; PReLU's initial slope is not in the graph at all) and dropout rates (an inference
/// graph has no dropout).
/// </summary>
/// <remarks>
/// <c>unrolled.spec</c> holds the whole spec as one line, <see cref="NetworkSpec.ToString"/>'s, for example
/// <c>64 -&gt; 32 Relu Dropout(0.2) -&gt; 8 PRelu(0.25) NoBias -&gt; 10 Softmax, CrossEntropy, Single</c> (alphas and
/// rates in round-trip form, enum values by name). Export writes it; any file may instead name only its loss with
/// <c>unrolled.loss</c> (for example <c>CrossEntropy</c>).
/// Shared as source with the generator: keep it free of anything netstandard2.0 lacks.
/// </remarks>
internal static class OnnxSpecMetadata
{
    /// <summary>The key of the whole spec.</summary>
    public const string SpecKey = "unrolled.spec";

    /// <summary>The key of the loss alone.</summary>
    public const string LossKey = "unrolled.loss";

    /// <summary>One layer as metadata states it: <c>8 LeakyRelu(0.2) Dropout(0.5) NoBias</c>.</summary>
    public readonly struct ParsedLayer
    {
        public ParsedLayer(int units, Activation activation, double alpha, double dropout, bool bias)
        {
            Units = units;
            Activation = activation;
            Alpha = alpha;
            Dropout = dropout;
            Bias = bias;
        }

        public int Units { get; }

        public Activation Activation { get; }

        /// <summary>NaN for activations without one.</summary>
        public double Alpha { get; }

        public double Dropout { get; }

        public bool Bias { get; }

        /// <summary>The first three, as the layer was a tuple (units, activation, alpha) before dropout and bias.</summary>
        public void Deconstruct(out int units, out Activation activation, out double alpha)
        {
            units = Units;
            activation = Activation;
            alpha = Alpha;
        }
    }

    /// <summary>A spec as metadata states it, before it is checked against the graph.</summary>
    public sealed class Parsed
    {
        public int Inputs { get; set; }

        public List<ParsedLayer> Layers { get; } = new List<ParsedLayer>();

        public LossFunction Loss { get; set; }

        public Precision Precision { get; set; }
    }

    /// <summary>The one-line form of a spec, e.g. <c>2 -&gt; 3 Sigmoid Dropout(0.2) -&gt; 2 Softmax, CrossEntropy, Single</c>: each layer as <see cref="LayerSpec.ToString"/> writes it.</summary>
    public static string Format(int inputs, IReadOnlyList<LayerSpec> layers, LossFunction loss, Precision precision)
    {
        var text = new StringBuilder().Append(inputs.ToString(CultureInfo.InvariantCulture));
        foreach (var layer in layers)
        {
            text.Append(" -> ").Append(layer.ToString());
        }

        return text.Append(", ").Append(loss.ToString()).Append(", ").Append(precision.ToString()).ToString();
    }

    /// <summary>Parses the one-line form; returns null and sets <paramref name="error"/> when it is not one.</summary>
    public static Parsed? Parse(string text, out string error)
    {
        error = "";
        string[] parts = text.Split(new[] { ", " }, StringSplitOptions.None);
        if (parts.Length != 3)
        {
            error = "it does not have the form 'inputs -> units Activation -> ..., Loss, Precision'";
            return null;
        }

        var parsed = new Parsed();
        if (!TryName(parts[1], out LossFunction loss) || !TryName(parts[2], out Precision precision))
        {
            error = $"'{parts[1]}' is not a LossFunction or '{parts[2]}' is not a Precision";
            return null;
        }

        parsed.Loss = loss;
        parsed.Precision = precision;
        string[] chain = parts[0].Split(new[] { " -> " }, StringSplitOptions.None);
        if (chain.Length < 2 || !TryCount(chain[0], out int inputs))
        {
            error = "it does not start with an input count followed by layers";
            return null;
        }

        parsed.Inputs = inputs;
        for (int i = 1; i < chain.Length; i++)
        {
            if (!TryLayer(chain[i], out var layer))
            {
                error = $"'{chain[i]}' is not a layer such as '32 Relu', '8 LeakyRelu(0.2)' or '16 PRelu(0.25) Dropout(0.5) NoBias'";
                return null;
            }

            parsed.Layers.Add(layer);
        }

        return parsed;
    }

    /// <summary>Parses a loss name as <see cref="LossKey"/> holds it.</summary>
    public static bool TryLoss(string text, out LossFunction loss) => TryName(text, out loss);

    private static bool TryLayer(string text, out ParsedLayer layer)
    {
        layer = default;
        string[] words = text.Split(' ');
        if (words.Length < 2 || !TryCount(words[0], out int units) || !TryCall(words[1], out string name, out double alpha))
        {
            return false;
        }

        if (!TryName(name, out Activation activation) || LayerSpec.TakesAlpha(activation) == double.IsNaN(alpha))
        {
            return false;
        }

        // Then, in this order and each at most once: Dropout(p), NoBias.
        double dropout = 0;
        int next = 2;
        if (next < words.Length && words[next].StartsWith("Dropout(", StringComparison.Ordinal))
        {
            if (!TryCall(words[next], out string dropoutName, out dropout) || dropoutName != "Dropout" || double.IsNaN(dropout))
            {
                return false;
            }

            next++;
        }

        bool bias = true;
        if (next < words.Length && words[next] == "NoBias")
        {
            bias = false;
            next++;
        }

        layer = new ParsedLayer(units, activation, alpha, dropout, bias);
        return next == words.Length;
    }

    /// <summary><c>Name</c> (the value NaN) or <c>Name(value)</c> with a round-trip number.</summary>
    private static bool TryCall(string text, out string name, out double value)
    {
        value = double.NaN;
        int open = text.IndexOf('(');
        if (open < 0)
        {
            name = text;
            return true;
        }

        name = text.Substring(0, open);
        return text.EndsWith(")", StringComparison.Ordinal)
            && double.TryParse(text.Substring(open + 1, text.Length - open - 2), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && !double.IsNaN(value);
    }

    private static bool TryCount(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    /// <summary>An enum value by its exact name (numbers and unknown names are refused).</summary>
    private static bool TryName<TEnum>(string text, out TEnum value)
        where TEnum : struct
    {
        value = default;
        foreach (string name in Enum.GetNames(typeof(TEnum)))
        {
            if (name == text)
            {
                value = (TEnum)Enum.Parse(typeof(TEnum), name);
                return true;
            }
        }

        return false;
    }
}
