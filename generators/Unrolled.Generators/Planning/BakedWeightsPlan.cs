using Unrolled.Generators.Model;

namespace Unrolled.Generators.Planning;

/// <summary>
/// The weights baked into a network's code: where they came from, the values in the Parameters layout, and how the
/// constant data is laid out in the source (one region per layer's W and b, a fixed count of literals per line).
/// </summary>
/// <param name="Source">The file, relative to the project: <c>models/digits.onnx</c>.</param>
/// <param name="Provenance">What the file is: <c>ONNX, pytorch 1.13.0, opset 13, IR version 7</c>.</param>
/// <param name="Values">Every parameter, exact in the network's precision.</param>
/// <param name="ValuesPerLine">Literals per source line: as many as keep the longest literal's line under the limit.</param>
internal sealed record BakedWeightsPlan(
    string Source,
    string Provenance,
    EquatableArray<double> Values,
    EquatableArray<BakedRegionPlan> Regions,
    int ValuesPerLine);

/// <summary>One layer's weights or bias within the baked values.</summary>
/// <param name="Layer">The 1-based layer.</param>
/// <param name="Block">Which block of the layer: <c>W</c> (W[fanIn, units]), <c>b</c> or <c>slopes</c> ([units] each).</param>
/// <param name="Source">The node the layer came from (<c>Gemm 'fc1'</c>), or empty when the file names none.</param>
internal sealed record BakedRegionPlan(int Layer, string Block, string Source, int FanIn, int Units, int Offset, int Length);
