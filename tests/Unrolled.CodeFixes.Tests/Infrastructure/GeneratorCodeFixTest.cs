extern alias generator;

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Unrolled.CodeFixes.Tests.Infrastructure;

/// <summary>
/// The IDE's view of a fix, through Microsoft.CodeAnalysis.Testing: the source generator runs on the test code (its
/// diagnostics are what the fixes fix; no analyzer is involved), each fix is applied, one at a time and through
/// Fix All in document, project and solution, and the fixed code must then produce no diagnostic from the generator
/// and compile without errors or warnings, generated code included.
/// </summary>
/// <remarks>
/// The generator reports locations rebuilt from equatable data (file path and span, no syntax tree), which the IDE
/// maps to the document with that path. The test framework looks for a syntax tree instead, so
/// <see cref="GetProjectCompilationAsync"/> does the IDE's mapping. References are the running runtime's and
/// Unrolled's assemblies: the framework's default would download reference packs, and the build machine has no
/// network but the package mirror.
/// </remarks>
public sealed class GeneratorCodeFixTest<TFix> : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, TFix, DefaultVerifier>
    where TFix : CodeFixProvider, new()
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll"))
            .Append(typeof(NetworkSpec).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    public GeneratorCodeFixTest()
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(References.Value);
        FixedState.AdditionalReferences.AddRange(References.Value);
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        CompilerDiagnostics = CompilerDiagnostics.Warnings;
    }

    protected override IEnumerable<Type> GetSourceGenerators() => [typeof(generator::Unrolled.Generators.NetworkGenerator)];

    protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.CSharp12);

    // The framework parses documentation comments and reports CS1591 for every public type of the test code.
    protected override CompilationOptions CreateCompilationOptions() =>
        ((CSharpCompilationOptions)base.CreateCompilationOptions())
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions([new("CS1591", ReportDiagnostic.Suppress)]);

    protected override async Task<(Compilation compilation, ImmutableArray<Diagnostic> generatorDiagnostics)> GetProjectCompilationAsync(
        Project project, IVerifier verifier, CancellationToken cancellationToken)
    {
        var (compilation, diagnostics) = await base.GetProjectCompilationAsync(project, verifier, cancellationToken);
        return (compilation, diagnostics.Select(d => InSourceTree(d, compilation)).ToImmutableArray());
    }

    private static Diagnostic InSourceTree(Diagnostic diagnostic, Compilation compilation)
    {
        string path = diagnostic.Location.GetLineSpan().Path;
        if (diagnostic.Location.Kind != LocationKind.ExternalFile
            || compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == path) is not { } tree)
        {
            return diagnostic;
        }

        var descriptor = diagnostic.Descriptor;
        return Diagnostic.Create(
            descriptor.Id, descriptor.Category, diagnostic.GetMessage(), diagnostic.Severity, descriptor.DefaultSeverity,
            descriptor.IsEnabledByDefault, diagnostic.WarningLevel, descriptor.Title, descriptor.Description, descriptor.HelpLinkUri,
            Location.Create(tree, diagnostic.Location.SourceSpan), properties: diagnostic.Properties);
    }
}
