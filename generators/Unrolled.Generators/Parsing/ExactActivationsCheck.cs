using System.Collections.Generic;
using System.Linq;
using Unrolled.Generators.Diagnostics;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Parsing;

/// <summary>
/// <c>ExactActivations = true</c> swaps FastMath's approximations for the Math functions in Single networks; where
/// nothing would be approximated it does nothing, and the user probably expects it to (UNR020).
/// </summary>
internal static class ExactActivationsCheck
{
    public static void Check(string name, DeclaredNetwork network, IReadOnlyList<DeclaredLayer> layers, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (!network.ExactActivations)
        {
            return;
        }

        string? reason =
            network.Precision == Precision.Double ? "it computes in double precision, where activations always use the System.Math functions" :
            network.Precision == Precision.Single && layers.All(l => ActivationTraits.Of(l.Activation) is { HasFastForm: false })
                ? "none of its activations has an approximation to replace (only " + Approximated() + " have one)"
                : null;
        if (reason is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExactActivationsUnused, location, name, reason));
        }
    }

    private static string Approximated() => string.Join(", ",
        System.Enum.GetValues(typeof(Activation)).Cast<Activation>().Where(a => ActivationTraits.Of(a)!.HasFastForm));
}
