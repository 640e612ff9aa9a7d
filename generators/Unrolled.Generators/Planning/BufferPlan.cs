using Unrolled.Generators.Model;

namespace Unrolled.Generators.Planning;

/// <summary>
/// Where values live: the parameters (W then b per layer), the trace Backward keeps (z, a and delta per layer) and
/// the scratch Forward and Loss use (z and a per layer), with the offsets of every layer's regions.
/// </summary>
/// <param name="ParametersInline">Parameters and gradients are inline arrays in the object (otherwise arrays allocated at construction).</param>
/// <param name="TraceInline">Backward's trace is an inline array in the object (otherwise an array allocated at construction).</param>
/// <param name="ScratchOnStack">Forward's scratch is a stack buffer (otherwise rented from the shared array pool).</param>
internal sealed record BufferPlan(
    int ParameterCount,
    bool ParametersInline,
    int TraceLength,
    bool TraceInline,
    int ScratchLength,
    bool ScratchOnStack,
    EquatableArray<LayerRegions> Layers);

/// <summary>The offsets of one layer's values in the trace and in the scratch.</summary>
/// <param name="TraceMask">With dropout, where Backward keeps the sample's mask (0 or 1 / (1 - p) per unit); else -1.</param>
/// <param name="TraceDropped">With dropout, where it keeps a * mask, what the next layer reads in training; else -1.</param>
internal readonly record struct LayerRegions(int TraceZ, int TraceA, int TraceDelta, int ScratchZ, int ScratchA, int TraceMask = -1, int TraceDropped = -1);
