using static System.FormattableString;

namespace Unrolled.Generators.Weights;

/// <summary>Wording shared by the weights readers' messages.</summary>
internal static class WeightsText
{
    /// <summary>A reader's sentence as a clause of a diagnostic: without its final period, which the diagnostic's dash follows.</summary>
    public static string Clause(string sentence)
    {
        string trimmed = sentence.Trim();
        return trimmed.EndsWith(".", System.StringComparison.Ordinal) ? trimmed.Substring(0, trimmed.Length - 1) : trimmed;
    }

    /// <summary>Where a parameter sits, for messages: <c>parameter 12 (layer 1's W[0, 11])</c>.</summary>
    public static string Parameter(int index, int inputs, System.Collections.Generic.IReadOnlyList<int> units)
    {
        int offset = 0, fanIn = inputs;
        for (int layer = 0; layer < units.Count; layer++)
        {
            int weights = fanIn * units[layer];
            if (index < offset + weights)
            {
                int k = index - offset;
                return Invariant($"parameter {index} (layer {layer + 1}'s W[{k / units[layer]}, {k % units[layer]}])");
            }

            if (index < offset + weights + units[layer])
            {
                return Invariant($"parameter {index} (layer {layer + 1}'s b[{index - offset - weights}])");
            }

            offset += weights + units[layer];
            fanIn = units[layer];
        }

        return Invariant($"parameter {index}");
    }
}
