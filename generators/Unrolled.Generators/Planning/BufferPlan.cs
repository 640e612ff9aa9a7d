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
internal readonly record struct LayerRegions(int TraceZ, int TraceA, int TraceDelta, int ScratchZ, int ScratchA);
