using System.Collections.Generic;
using Unrolled.Generators.Diagnostics;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Parsing;

/// <summary>The diagnostics that depend on the compilation as a whole (language version, target framework).</summary>
internal static class CompilationChecks
{
    public static EquatableArray<DiagnosticInfo> WithCompilationChecks(ParseResult result, CompilationFacts facts)
    {
        if (facts.CanGenerate)
        {
            return result.Diagnostics;
        }

        var all = new List<DiagnosticInfo>(result.Diagnostics);
        string name = result.Model?.Name ?? "the network";
        if (!facts.LanguageVersionSupported)
        {
            all.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooLow, result.NetworkAttribute, name, facts.LanguageVersion));
        }

        if (!facts.InlineArraysAvailable)
        {
            all.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InlineArraysUnavailable, result.NetworkAttribute, name));
        }

        return all.ToEquatableArray();
    }
}
