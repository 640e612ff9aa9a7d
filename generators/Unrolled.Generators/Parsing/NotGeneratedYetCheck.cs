using System.Collections.Generic;
using System.Globalization;
using Unrolled.Generators.Diagnostics;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Parsing;

/// <summary>
/// What <c>ReferenceNetwork&lt;T&gt;</c> runs but the planner and emitter do not know yet: PReLU and dropout on the
/// output layer (whose slopes, or mask, the loss's output delta would have to handle). Each is an error (UNR039).
/// </summary>
/// <remarks>Temporary: remove each case here as the emitter learns to write it.</remarks>
internal static class NotGeneratedYetCheck
{
    public static void Check(string name, IReadOnlyList<DeclaredLayer> layers, List<DiagnosticInfo> diagnostics)
    {
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            string where = "layer " + (i + 1).ToString(CultureInfo.InvariantCulture);
            if (layer.Activation == Activation.PRelu && i == layers.Count - 1)
            {
                Report(diagnostics, layer, name, "PRelu (learned slopes) on the output layer, " + where);
            }

            if (layer.Dropout > 0 && layer.Dropout < 1 && i == layers.Count - 1) // a rate out of range is UNR030's
            {
                Report(diagnostics, layer, name, "Dropout on the output layer, " + where);
            }

        }
    }

    private static void Report(List<DiagnosticInfo> diagnostics, DeclaredLayer layer, string name, string feature) =>
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotGeneratedYet, layer.Location, name, feature));
}
