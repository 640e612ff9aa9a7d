using System;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Weights;

/// <summary>Which reader takes a weights file: by its extension, compared without case as MSBuild compares it.</summary>
internal static class WeightsFormats
{
    /// <summary>The extensions <c>Weights</c> takes, for messages.</summary>
    public const string Supported = ".onnx, .unrl or .json";

    public static WeightsFormat? Of(string path)
    {
        if (path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            return WeightsFormat.Onnx;
        }

        if (path.EndsWith(".unrl", StringComparison.OrdinalIgnoreCase))
        {
            return WeightsFormat.UnrolledBinary;
        }

        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? WeightsFormat.UnrolledJson : null;
    }
}
