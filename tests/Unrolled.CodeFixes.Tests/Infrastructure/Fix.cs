extern alias generator;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Descriptors = generator::Unrolled.Generators.Diagnostics.DiagnosticDescriptors;

namespace Unrolled.CodeFixes.Tests.Infrastructure;

/// <summary>
/// Checks one fix: <c>before</c> marks each expected diagnostic as <c>{|#n:...|}</c> (given in order by
/// <c>ids</c>), <c>after</c> is the source once fixed, which must produce no diagnostic at all.
/// </summary>
public static class Fix
{
    private const string Usings = "using Unrolled;\n\n";

    /// <param name="iterations">How many fixes one at a time take to reach <c>after</c> (Fix All takes one pass).</param>
    public static Task VerifyAsync<TFix>(string before, string after, string[] ids, string? equivalenceKey = null, int iterations = 1)
        where TFix : CodeFixProvider, new()
    {
        var test = new GeneratorCodeFixTest<TFix>
        {
            TestCode = Usings + before,
            FixedCode = Usings + after,
            CodeActionEquivalenceKey = equivalenceKey,
            NumberOfIncrementalIterations = iterations,
            NumberOfFixAllIterations = 1,
        };
        for (int i = 0; i < ids.Length; i++)
        {
            test.ExpectedDiagnostics.Add(Expected(ids[i]).WithLocation(i));
        }

        return test.RunAsync();
    }

    /// <summary>Checks that no fix is offered: the source stays as it is, with its diagnostics.</summary>
    public static Task NoneAsync<TFix>(string source, string[] ids, string? equivalenceKey = null)
        where TFix : CodeFixProvider, new()
    {
        var test = new GeneratorCodeFixTest<TFix> { TestCode = Usings + source, FixedCode = Usings + source, CodeActionEquivalenceKey = equivalenceKey };
        for (int i = 0; i < ids.Length; i++)
        {
            test.ExpectedDiagnostics.Add(Expected(ids[i]).WithLocation(i));
            test.FixedState.ExpectedDiagnostics.Add(Expected(ids[i]).WithLocation(i));
        }

        return test.RunAsync();
    }

    private static DiagnosticResult Expected(string id) =>
        new(id, Severity(id));

    private static DiagnosticSeverity Severity(string id) => typeof(Descriptors)
        .GetFields()
        .Select(f => f.GetValue(null))
        .OfType<DiagnosticDescriptor>()
        .Single(d => d.Id == id)
        .DefaultSeverity;
}
