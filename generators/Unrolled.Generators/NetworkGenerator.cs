using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Unrolled.Generators.Diagnostics;
using Unrolled.Generators.Emit;
using Unrolled.Generators.Model;
using Unrolled.Generators.Parsing;
using Unrolled.Generators.Planning;
using Unrolled.Generators.Weights;

namespace Unrolled.Generators;

/// <summary>
/// Writes out every class marked <c>[Network]</c>: parse each declaration into an equatable model, plan how to write
/// it (an equatable plan holding every decision), then emit one source file per network. Diagnostics flow beside the
/// models; nothing here throws.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The few compilation facts that decide whether anything can be generated, reduced to a small value.
        var facts = context.CompilationProvider
            .Select(static (compilation, _) => new CompilationFacts(
                compilation is CSharpCompilation c && c.LanguageVersion >= LanguageVersion.CSharp12,
                compilation is CSharpCompilation cs ? cs.LanguageVersion.ToDisplayString() : "?",
                compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.InlineArrayAttribute") is not null))
            .WithTrackingName(TrackingNames.Facts);

        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.NetworkAttributeName,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (ctx, ct) => NetworkParser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.Parse);

        // Weights files, each read and checked once on its own (an edit elsewhere reads none of them again), then
        // given to the networks whose Weights name them.
        var weightsFiles = context.AdditionalTextsProvider
            .Where(static file => WeightsFileReader.MayBeWeights(file))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, ct) => WeightsFileReader.Read(pair.Left, pair.Right, ct))
            .Where(static file => file is not null)
            .WithTrackingName(TrackingNames.WeightsFiles)
            .Collect();

        var bound = parsed
            .Combine(weightsFiles)
            .Select(static (pair, _) => WeightsBinder.Bind(pair.Left, pair.Right!))
            .WithTrackingName(TrackingNames.Weights);

        var models = bound
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .WithTrackingName(TrackingNames.Models);

        var plans = models
            .Select(static (model, _) => NetworkPlanner.Plan(model!))
            .Combine(facts)
            .WithTrackingName(TrackingNames.Plans);

        var files = plans
            .Where(static pair => pair.Right.CanGenerate)
            .Select(static (pair, _) => new GeneratedFile(pair.Left.Type.HintName, pair.Left.Type.Name, pair.Left.Layers.Count, NetworkEmitter.Emit(pair.Left)))
            .WithTrackingName(TrackingNames.Files);

        context.RegisterSourceOutput(files, static (spc, file) => spc.AddSource(file.HintName, file.Text));

        // Large files get an Info at their [Network] attribute, so that a slower build is no surprise.
        var largeFiles = files
            .Where(static file => file.Text.Length > Limits.LargeSourceBytes)
            .Select(static (file, _) => (file.HintName, file.NetworkName, file.Layers, file.Text.Length))
            .Collect();
        var attributes = parsed
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => (result.Model!.HintName, result.NetworkAttribute))
            .Collect();
        // Diagnostics are reported against the compilation's syntax trees, so that #pragma warning disable applies to them.
        var trees = context.CompilationProvider;
        context.RegisterSourceOutput(largeFiles.Combine(attributes).Combine(trees), static (spc, pair) =>
        {
            foreach (var file in pair.Left.Left)
            {
                var location = pair.Left.Right.FirstOrDefault(a => a.HintName == file.HintName).NetworkAttribute;
                spc.ReportDiagnostic(SizeDiagnostic.Create(file.NetworkName, file.Layers, file.Length, location).ToDiagnostic(pair.Right));
            }
        });

        var diagnostics = bound
            .Combine(facts)
            .Select(static (pair, _) => CompilationChecks.WithCompilationChecks(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(diagnostics.Combine(trees), static (spc, pair) =>
        {
            foreach (var diagnostic in pair.Left)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
            }
        });

        // [Dense] on a class without [Network]: nothing to generate, but the user should hear about it.
        var orphans = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.DenseAttributeName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => OrphanLayers.Find(ctx, ct))
            .Where(static diagnostic => diagnostic is not null)
            .WithTrackingName(TrackingNames.OrphanLayers);

        context.RegisterSourceOutput(orphans.Combine(trees), static (spc, pair) => spc.ReportDiagnostic(pair.Left!.ToDiagnostic(pair.Right)));
    }
}
