namespace Unrolled.Generators.Model;

/// <summary>
/// What the parser made of one declaration: the model (null when nothing can be generated) and the diagnostics,
/// which travel beside the model rather than inside it. <see cref="NetworkAttribute"/> is where language-level
/// problems are reported.
/// </summary>
internal sealed record ParseResult(NetworkModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? NetworkAttribute);

/// <summary>The facts about the compilation that decide whether code can be generated at all.</summary>
/// <param name="LanguageVersionSupported">C# 12 or later (inline arrays, collection expressions).</param>
/// <param name="InlineArraysAvailable">The target framework has InlineArrayAttribute (.NET 8 or later).</param>
internal readonly record struct CompilationFacts(bool LanguageVersionSupported, string LanguageVersion, bool InlineArraysAvailable)
{
    /// <summary>Whether generated code can compile at all in this compilation.</summary>
    public bool CanGenerate => LanguageVersionSupported && InlineArraysAvailable;
}
