using System.Globalization;
using Unrolled.Generators.Model;
using Unrolled.Generators.Planning;

namespace Unrolled.Generators.Diagnostics;

/// <summary>UNR040: how much code a large network generates and what that costs a build.</summary>
internal static class SizeDiagnostic
{
    public static DiagnosticInfo Create(string network, int layers, int bytes, LocationInfo? location)
    {
        double seconds = (double)bytes / Limits.CompiledBytesPerSecond;
        return DiagnosticInfo.Create(
            DiagnosticDescriptors.LargeGeneratedSource,
            location,
            network,
            (bytes / 1024).ToString("N0", CultureInfo.InvariantCulture),
            layers.ToString(CultureInfo.InvariantCulture),
            seconds.ToString("F1", CultureInfo.InvariantCulture),
            (Limits.CompiledBytesPerSecond / 1024).ToString(CultureInfo.InvariantCulture));
    }
}
