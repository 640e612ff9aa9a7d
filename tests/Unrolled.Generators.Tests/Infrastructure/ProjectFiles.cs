using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Unrolled.Generators.Tests.Infrastructure;

/// <summary>
/// Additional files as a build hands them to the generator: JSON as it is, binary models as the base64 text that
/// build/Unrolled.targets writes into obj/, with the model's project-relative path in the item metadata, and the
/// project directory as the SDK shows it. The project lives at <see cref="ProjectDirectory"/>.
/// </summary>
public sealed class ProjectFiles
{
    public const string ProjectDirectory = "/project/";

    private readonly List<AdditionalText> _texts = [];
    private readonly Dictionary<string, Dictionary<string, string>> _metadata = new(StringComparer.Ordinal);

    public ImmutableArray<AdditionalText> Texts => [.. _texts];

    public AnalyzerConfigOptionsProvider Options => new OptionsProvider(_metadata);

    /// <summary>A binary model at <paramref name="relativePath"/>, as the build step encodes it (and the binary file itself when <paramref name="withRaw"/>).</summary>
    public ProjectFiles Model(string relativePath, byte[] bytes, bool withRaw = true)
    {
        string encoded = $"{ProjectDirectory}obj/Debug/net10.0/unrolled/{Path.GetFileName(relativePath)}.{_texts.Count}.base64";
        Add(encoded, Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks), new() { ["build_metadata.AdditionalFiles.UnrolledWeightsPath"] = relativePath });
        return withRaw ? Raw(relativePath, bytes) : this;
    }

    /// <summary>A binary file that reached the compiler as it is (its bytes read as UTF-8 text, as the compiler would).</summary>
    public ProjectFiles Raw(string relativePath, byte[] bytes)
    {
        Add(ProjectDirectory + relativePath, System.Text.Encoding.UTF8.GetString(bytes), []);
        return this;
    }

    /// <summary>A text file at <paramref name="relativePath"/> (a JSON parameter file, or anything else).</summary>
    public ProjectFiles Text(string relativePath, string text)
    {
        Add(ProjectDirectory + relativePath, text, []);
        return this;
    }

    /// <summary>The text file at <paramref name="relativePath"/> replaced, as an edit in the IDE replaces it.</summary>
    public (AdditionalText Old, AdditionalText New) Replace(string relativePath, string text)
    {
        var old = _texts.Single(t => t.Path == ProjectDirectory + relativePath);
        var replacement = new InMemoryText(old.Path, text);
        _texts[_texts.IndexOf(old)] = replacement;
        return (old, replacement);
    }

    /// <summary>The encoded model of <paramref name="relativePath"/> replaced by other bytes, as a rebuild after editing the model does.</summary>
    public (AdditionalText Old, AdditionalText New) ReplaceModel(string relativePath, byte[] bytes)
    {
        var old = _texts.Single(t => _metadata.TryGetValue(t.Path, out var m) && m.Values.Contains(relativePath));
        var replacement = new InMemoryText(old.Path, Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks));
        _texts[_texts.IndexOf(old)] = replacement;
        return (old, replacement);
    }

    private void Add(string path, string text, Dictionary<string, string> metadata)
    {
        _texts.Add(new InMemoryText(path, text));
        _metadata[path] = metadata;
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class OptionsProvider(Dictionary<string, Dictionary<string, string>> metadata) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new ConfigOptions(new() { ["build_property.ProjectDir"] = ProjectDirectory });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new ConfigOptions([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new ConfigOptions(metadata.TryGetValue(textFile.Path, out var values) ? values : []);
    }

    private sealed class ConfigOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}
