using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Unrolled.Generators.Diagnostics;
using Unrolled.Generators.Model;
using Unrolled.Generators.Planning;

namespace Unrolled.Generators.Weights;

/// <summary>
/// Gives a parsed network the weights its <c>Weights</c> path names: finds the file among the additional files,
/// checks that it was read and that it states the declared shape, and attaches its parameters to the model. Every
/// failure is a diagnostic at the [Network] attribute, and the network is then not generated.
/// </summary>
internal static class WeightsBinder
{
    public static ParseResult Bind(ParseResult result, ImmutableArray<WeightsFile> files)
    {
        if (result.Model is not { WeightsPath: { } requested } model)
        {
            return result;
        }

        var diagnostics = new List<DiagnosticInfo>(result.Diagnostics);
        BakedWeights? weights = Resolve(model, requested, files, result.NetworkAttribute, diagnostics);
        return new ParseResult(weights is null ? null : model with { Weights = weights }, diagnostics.ToEquatableArray(), result.NetworkAttribute);
    }

    private static BakedWeights? Resolve(
        NetworkModel model, string requested, ImmutableArray<WeightsFile> files, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        string path = ProjectPath.Normalize(requested);
        if (path.Length == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotFound, location, model.Name, requested,
                "names no file", "set Weights to a path relative to the project directory, such as \"models/net.onnx\""));
            return null;
        }

        if (WeightsFormats.Of(path) is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileUnreadable, location, model.Name, path,
                "its extension is not one Unrolled reads", "use an " + WeightsFormats.Supported + " file"));
            return null;
        }

        // The build step's decoded copy wins over the binary file itself, which is an additional file too.
        var file = files.Where(f => f.Path == path).OrderBy(f => f.Status == WeightsFileStatus.NotEncoded ? 1 : 0).FirstOrDefault();
        if (file is null)
        {
            diagnostics.Add(NotFound(model.Name, path, files, location));
            return null;
        }

        switch (file.Status)
        {
            case WeightsFileStatus.NotEncoded:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotFound, location, model.Name, path, file.Problem, file.Fix));
                return null;
            case WeightsFileStatus.Unreadable:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileUnreadable, location, model.Name, path, file.Problem, file.Fix));
                return null;
            case WeightsFileStatus.NotANetwork:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotANetwork, location, model.Name, path, file.Problem, file.Fix));
                return null;
        }

        var content = file.Content!;
        int before = diagnostics.Count;
        WeightsShapeCheck.Compare(model, path, content, location, diagnostics);
        if (diagnostics.Count > before)
        {
            return null;
        }

        // The layout the planner gives Parameters must hold the file's values exactly: a declaration option that changes
        // the count (and that the shape check does not compare) must fail here, not bake values in the wrong places.
        int expected = BufferPlanner.Plan(model, tiles: null).ParameterCount;
        if (content.Parameters.Count != expected)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileUnreadable, location, model.Name, path,
                string.Format(CultureInfo.InvariantCulture, "it holds {0} parameters, but '{1}' has {2}", content.Parameters.Count, model.Name, expected),
                "declare the layers of the file, each with its bias"));
            return null;
        }

        return new BakedWeights(path, content.Provenance, content.Layers.Select(l => NodeOf(content, l)).ToEquatableArray(), content.Parameters);
    }

    /// <summary>An ONNX layer's node, for the generated comments; parameter files name their layers only by number.</summary>
    private static string NodeOf(WeightsContent content, WeightsLayer layer) => content.Format == WeightsFormat.Onnx ? layer.Source : "";

    private static DiagnosticInfo NotFound(string network, string path, ImmutableArray<WeightsFile> files, LocationInfo? location)
    {
        var nearly = files.FirstOrDefault(f => string.Equals(f.Path, path, StringComparison.OrdinalIgnoreCase));
        return nearly is not null
            ? DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotFound, location, network, path,
                $"is not among the project's additional files, but '{nearly.Path}' is (paths are case-sensitive)",
                "write the path as the file is named")
            : DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotFound, location, network, path,
                "is not among the project's additional files",
                $"add <AdditionalFiles Include=\"{path}\" /> to the project file (Weights is relative to the project directory)");
    }
}
