namespace Unrolled.Generators.Model;

/// <summary>One network's generated source, kept as a pipeline value so that its size can be reported beside it.</summary>
/// <param name="Layers">The network's layer count, for the size diagnostic's message.</param>
internal sealed record GeneratedFile(string HintName, string NetworkName, int Layers, string Text);
