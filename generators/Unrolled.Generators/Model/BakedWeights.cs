namespace Unrolled.Generators.Model;

/// <summary>
/// The parameters a network takes from its <c>Weights</c> file, checked against the declaration: they travel in the
/// model (and the plan) as values, so that editing the file regenerates the network and nothing else does.
/// </summary>
/// <param name="Path">The file, relative to the project: <c>models/digits.onnx</c>.</param>
/// <param name="Provenance">What the file is: <c>ONNX, pytorch 1.13.0, opset 13, IR version 7</c>.</param>
/// <param name="LayerSources">The node each layer came from (<c>Gemm 'fc1'</c>), or empty when the file names none.</param>
/// <param name="Parameters">In the contract's layout, each exact in the network's precision.</param>
internal sealed record BakedWeights(string Path, string Provenance, EquatableArray<string> LayerSources, EquatableArray<double> Parameters);
