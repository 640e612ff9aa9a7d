using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Unrolled.Onnx;

/// <summary>
/// The metadata_props entries through which an ONNX file carries what its graph cannot: the loss, and alphas as exact
/// doubles (attributes are floats).
/// </summary>
/// <remarks>
/// <c>unrolled.spec</c> holds the whole spec as one line, for example
/// <c>64 -&gt; 32 Relu -&gt; 8 LeakyRelu(0.2) -&gt; 10 Softmax, CrossEntropy, Single</c> (alphas in round-trip form,
/// enum values by name). Export writes it; any file may instead name only its loss with <c>unrolled.loss</c>
/// (for example <c>CrossEntropy</c>).
/// Shared as source with the generator: keep it free of anything netstandard2.0 lacks.
/// </remarks>
internal static class OnnxSpecMetadata
{
    /// <summary>The key of the whole spec.</summary>
    public const string SpecKey = "unrolled.spec";

    /// <summary>The key of the loss alone.</summary>
    public const string LossKey = "unrolled.loss";

    /// <summary>A spec as metadata states it, before it is checked against the graph.</summary>
    public sealed class Parsed
    {
        public int Inputs { get; set; }

        public List<(int Units, Activation Activation, double Alpha)> Layers { get; } = new List<(int, Activation, double)>();

        public LossFunction Loss { get; set; }

        public Precision Precision { get; set; }
    }

    /// <summary>The one-line form of a spec, e.g. <c>2 -&gt; 3 Sigmoid -&gt; 2 Softmax, CrossEntropy, Single</c>.</summary>
    public static string Format(int inputs, IReadOnlyList<(int Units, Activation Activation, double Alpha)> layers, LossFunction loss, Precision precision)
    {
        var text = new StringBuilder().Append(inputs.ToString(CultureInfo.InvariantCulture));
        foreach (var (units, activation, alpha) in layers)
        {
            text.Append(" -> ").Append(units.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(activation.ToString());
            if (LayerSpec.TakesAlpha(activation))
            {
                text.Append('(').Append(alpha.ToString("R", CultureInfo.InvariantCulture)).Append(')');
            }
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
                error = $"'{chain[i]}' is not a layer such as '32 Relu' or '8 LeakyRelu(0.2)'";
                return null;
            }

            parsed.Layers.Add(layer);
        }

        return parsed;
    }

    /// <summary>Parses a loss name as <see cref="LossKey"/> holds it.</summary>
    public static bool TryLoss(string text, out LossFunction loss) => TryName(text, out loss);

    private static bool TryLayer(string text, out (int Units, Activation Activation, double Alpha) layer)
    {
        layer = default;
        int space = text.IndexOf(' ');
        if (space < 0 || !TryCount(text.Substring(0, space), out int units))
        {
            return false;
        }

        string rest = text.Substring(space + 1);
        double alpha = double.NaN;
        int open = rest.IndexOf('(');
        if (open >= 0)
        {
            if (!rest.EndsWith(")", StringComparison.Ordinal)
                || !double.TryParse(rest.Substring(open + 1, rest.Length - open - 2), NumberStyles.Float, CultureInfo.InvariantCulture, out alpha))
            {
                return false;
            }

            rest = rest.Substring(0, open);
        }

        if (!TryName(rest, out Activation activation) || LayerSpec.TakesAlpha(activation) != (open >= 0))
        {
            return false;
        }

        layer = (units, activation, alpha);
        return true;
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
