using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Unrolled.Generators.Tests.Infrastructure;

/// <summary>Runs the generator on marked-up source and checks what it reported, exactly.</summary>
public static class DiagnosticAssert
{
    /// <summary>Asserts the generator reported exactly one diagnostic, as given, on the span marked <c>[|...|]</c>.</summary>
    public static GeneratorRun Single(
        string markup, string id, DiagnosticSeverity severity, string message, LanguageVersion version = LanguageVersion.CSharp12)
    {
        var (source, span) = Markup.Parse("using Unrolled;\n" + markup);
        var run = GeneratorRunner.Run(source, version);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Empty(run.DiagnosticsInGeneratedCode);
        return run;
    }

    /// <summary>As <see cref="Single(string, string, DiagnosticSeverity, string, LanguageVersion)"/>, with additional files as a build hands them over.</summary>
    public static GeneratorRun Single(string markup, ProjectFiles files, string id, string message)
    {
        var (source, span) = Markup.Parse("using Unrolled;\n" + markup);
        var run = GeneratorRunner.Run(GeneratorRunner.Compilation([source]), files);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Empty(run.Sources);
        return run;
    }

    /// <summary>
    /// Asserts the generator reported exactly the diagnostics <paramref name="ids"/> (in any order), and that the one
    /// with <paramref name="id"/> is as given, on the span marked <c>[|...|]</c>.
    /// </summary>
    public static GeneratorRun Exactly(string markup, string[] ids, string id, DiagnosticSeverity severity, string message)
    {
        var (source, span) = Markup.Parse("using Unrolled;\n" + markup);
        var run = GeneratorRunner.Run(source);
        Assert.Equal(ids.Order(), run.GeneratorDiagnostics.Select(d => d.Id).Order());
        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Empty(run.DiagnosticsInGeneratedCode);
        return run;
    }

    /// <summary>Asserts the generator reported nothing and its code compiles without a warning.</summary>
    public static GeneratorRun None(string source)
    {
        var run = GeneratorRunner.Run("using Unrolled;\n" + source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Single(run.Sources);
        return run;
    }

    /// <summary>The message of the one diagnostic with <paramref name="id"/>.</summary>
    public static string MessageOf(GeneratorRun run, string id) =>
        Assert.Single(run.GeneratorDiagnostics, d => d.Id == id).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
}
