using System;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Weights;

/// <summary>
/// Reduces one additional file to the weights file it is, or to null when no <c>Weights</c> path can name it.
/// Binary models (.onnx, .unrl) reach the compiler as base64 text that Unrolled's build step (build/Unrolled.targets)
/// writes, with the model's project-relative path in the item metadata <c>UnrolledWeightsPath</c>; JSON parameter
/// files are text already. The binary file itself, when it is an additional file too, is noted but never read.
/// </summary>
internal static class WeightsFileReader
{
    /// <summary>The metadata the build step sets on each encoded model, as the compiler shows it to generators.</summary>
    public const string PathMetadata = "build_metadata.AdditionalFiles.UnrolledWeightsPath";

    /// <summary>How the build step names the text it writes for a model (build/Unrolled.targets).</summary>
    public const string EncodedExtension = ".base64";

    /// <summary>The project directory, which the .NET SDK makes visible to generators.</summary>
    public const string ProjectDirectory = "build_property.ProjectDir";

    /// <summary>
    /// Whether <paramref name="file"/> can be a weights file, by its name alone: a model the build step encoded
    /// (<c>obj/.../unrolled/digits.onnx.1a2b3c4d.base64</c>), or a file of a format <c>Weights</c> takes. The others
    /// (most of a project's additional files) never reach the options or a reader.
    /// </summary>
    public static bool MayBeWeights(AdditionalText file) =>
        file.Path.EndsWith(EncodedExtension, StringComparison.OrdinalIgnoreCase) || WeightsFormats.Of(file.Path) is not null;

    public static WeightsFile? Read(AdditionalText file, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        if (options.GetOptions(file).TryGetValue(PathMetadata, out string? original) && !string.IsNullOrWhiteSpace(original))
        {
            string path = ProjectPath.Normalize(original);
            return Guarded(path, () => Decode(path, file.GetText(cancellationToken)?.ToString()));
        }

        WeightsFormat? format = WeightsFormats.Of(file.Path);
        if (format is null)
        {
            return null;
        }

        options.GlobalOptions.TryGetValue(ProjectDirectory, out string? projectDirectory);
        string relative = ProjectPath.Relative(projectDirectory, file.Path);
        if (format != WeightsFormat.UnrolledJson)
        {
            return new WeightsFile(relative, WeightsFileStatus.NotEncoded,
                "is an additional file, but it reached the compiler without Unrolled's build step, which binary files need",
                "reference the Unrolled package, or import Unrolled.targets from src/Unrolled/build when referencing the generator as a project",
                null);
        }

        return Guarded(relative, () => file.GetText(cancellationToken)?.ToString() is { } text
            ? UnrolledJsonWeights.Read(relative, text)
            : WeightsFile.Unreadable(relative, "the compiler could not read the file", "check that the file exists and can be read"));
    }

    /// <summary>The model behind one base64 file the build step wrote.</summary>
    private static WeightsFile Decode(string path, string? text)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text ?? throw new FormatException("the compiler could not read it"));
        }
        catch (FormatException e)
        {
            return WeightsFile.Unreadable(path, "the text Unrolled's build step wrote for it is damaged (" + WeightsText.Clause(e.Message) + ")",
                "rebuild the project, which writes it again");
        }

        return WeightsFormats.Of(path) switch
        {
            WeightsFormat.Onnx => OnnxWeights.Read(path, bytes),
            WeightsFormat.UnrolledBinary => UnrolledBinaryWeights.Read(path, bytes),
            WeightsFormat.UnrolledJson => UnrolledJsonWeights.Read(path, new UTF8Encoding(false).GetString(bytes)),
            _ => WeightsFile.Unreadable(path, "its extension is not one Unrolled reads", "use an " + WeightsFormats.Supported + " file"),
        };
    }

    /// <summary>
    /// The readers report every problem of a file as a value; anything they throw besides is a bug, reported as an
    /// unreadable file rather than thrown into the compiler.
    /// </summary>
    private static WeightsFile Guarded(string path, Func<WeightsFile> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return WeightsFile.Unreadable(path, "reading it failed unexpectedly (" + e.GetType().Name + ": " + WeightsText.Clause(e.Message) + ")",
                "report this to Unrolled with the file");
        }
    }
}
