using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Unrolled.Generators.Model;

/// <summary>
/// The names generated code uses, in one place: the members written into the user's class (which the user's own
/// members must not take), and the kernels' methods, which live in a file-local class of their own.
/// </summary>
internal static class GeneratedNames
{
    public const string ParametersField = "_parameters";
    public const string GradientsField = "_gradients";
    public const string TraceField = "_trace";
    public const string TransposedField = "_transposed";
    public const string TransposedBuffer = "TransposedBuffer";
    public const string ForwardTiles = "ForwardTiles";
    public const string BackwardTiles = "BackwardTiles";
    public const string TransposeWeights = "TransposeWeights";
    public const string ParameterBuffer = "ParameterBuffer";
    public const string TraceBuffer = "TraceBuffer";
    public const string ComputeLoss = "ComputeLoss";
    public const string OutputDelta = "OutputDelta";
    public const string BackwardSample = "BackwardSample";
    public const string ForwardLanes = "ForwardLanes";
    public const string ForwardSample = "ForwardSample";
    public const string DropoutField = "_dropoutRandom";
    public const string SeedDropout = nameof(SeedDropout);

    public static string DropoutLayer(int layer) => "DropoutLayer" + layer;

    public static string DropoutGradient(int layer) => "DropoutGradient" + layer;

    public static string ForwardLayer(int layer) => "ForwardLayer" + layer;

    public static string ForwardLayerTile(int layer) => "ForwardLayer" + layer + "Tile";

    public static string WeightGradientTile(int layer) => "WeightGradient" + layer + "Tile";

    public static string InputGradientTile(int layer) => "InputGradient" + layer + "Tile";

    public static string BackwardLayer(int layer) => "BackwardLayer" + layer;

    /// <summary>The members written into the user's class.</summary>
    public static IEnumerable<string> Members(int layerCount) =>
    [
        "InputCount", "OutputCount", "ParameterCount", "Spec", "Parameters", "Gradients",
        "Forward", "Loss", "Backward", "ZeroGradients", "Initialize",
        ParametersField, GradientsField, TraceField, TransposedField, ParameterBuffer, TraceBuffer, TransposedBuffer,
    ];

    /// <summary>The static forward over baked weights: not <c>Forward</c>, whose instance signature it would repeat (CS0111).</summary>
    public const string ForwardBaked = nameof(ForwardBaked);

    /// <summary>The kernels' property over the baked weights' constant data.</summary>
    public const string BakedParameters = nameof(BakedParameters);

    /// <summary>The members written into the user's class when the network declares Weights.</summary>
    public static IEnumerable<string> BakedMembers => [ForwardBaked];

    /// <summary>The members written into the user's class when a layer has dropout.</summary>
    public static IEnumerable<string> DropoutMembers => [SeedDropout, DropoutField];

    /// <summary>
    /// True when <paramref name="method"/> shares a name with a generated public method but not its parameter
    /// types, so that both can exist side by side.
    /// </summary>
    public static bool IsDistinctOverload(IMethodSymbol method, Precision precision)
    {
        string t = precision == Precision.Double ? "double" : "float";
        string[]? generated = method.Name switch
        {
            "Forward" or ForwardBaked => [$"System.ReadOnlySpan<{t}>", $"System.Span<{t}>"],
            "Loss" or "Backward" => [$"System.ReadOnlySpan<{t}>", $"System.ReadOnlySpan<{t}>"],
            "ZeroGradients" => [],
            SeedDropout => ["long"],
            "Initialize" => ["int"],
            _ => null,
        };
        return generated is not null
            && !method.Parameters.Select(p => p.Type.ToDisplayString()).SequenceEqual(generated);
    }
}
