extern alias generator;

using System.Reflection;
using Microsoft.CodeAnalysis;
using Descriptors = generator::Unrolled.Generators.Diagnostics.DiagnosticDescriptors;

namespace Unrolled.Generators.Tests;

/// <summary>Every descriptor: a real message format, a description, a help link to its section, and release notes in step.</summary>
public class DescriptorTests
{
    private static readonly DiagnosticDescriptor[] All = typeof(Descriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    public static TheoryData<string> Ids => new(All.Select(d => d.Id));

    /// <summary>Ids are never reused; UNR001 to UNR021 were numbered in order, later features took ranges.</summary>
    [Fact]
    public void Ids_are_unique_and_numbered_without_gaps_within_the_blocks_handed_out()
    {
        // UNR001-UNR021 (UNR005, softmax only on the last layer, retired); UNR022-UNR029 for weights files;
        // UNR030-UNR039 for issue 13's toolbox (UNR039, "not generated yet", retired once everything was); UNR040 sizes.
        string[] expected =
        [
            .. Enumerable.Range(1, 29).Where(n => n != 5).Select(n => $"UNR{n:000}"),
            "UNR030", "UNR031", "UNR032", "UNR040",
        ];
        Assert.Equal(expected, All.Select(d => d.Id).Order());
        Assert.All(All, d => Assert.Matches(@"^UNR\d{3}$", d.Id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_has_a_message_with_words_a_description_and_a_help_link(string id)
    {
        var descriptor = All.Single(d => d.Id == id);
        string format = descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(System.Text.RegularExpressions.Regex.Replace(format, @"\{\d\}", string.Empty).Trim().Length > 20, $"{id}: '{format}' is a bare format");
        if (descriptor.DefaultSeverity != DiagnosticSeverity.Info)
        {
            Assert.Contains(" — ", format); // every error and warning names the fix after the dash
        }

        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"{id} has no description");
        Assert.Equal($"https://github.com/unrolled/unrolled/blob/main/docs/diagnostics.md#{id.ToLowerInvariant()}", descriptor.HelpLinkUri);
        Assert.Equal("Unrolled", descriptor.Category);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_is_listed_in_the_release_notes_with_its_severity(string id)
    {
        var descriptor = All.Single(d => d.Id == id);
        string notes = File.ReadAllText(Path.Combine(RepositoryRoot(), "generators", "Unrolled.Generators", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} | {descriptor.Title}", notes);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_has_a_section_in_the_diagnostics_page(string id)
    {
        string page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));
        string anchor = $"<a id=\"{id.ToLowerInvariant()}\"></a>";
        Assert.Contains(anchor, page);
        string section = page[page.IndexOf(anchor, StringComparison.Ordinal)..];
        int next = section.IndexOf("<a id=\"unr", anchor.Length, StringComparison.Ordinal);
        section = next < 0 ? section : section[..next];
        Assert.Contains($"## {id}", section);
        Assert.Contains("Wrong", section);
        Assert.Contains("Right", section);
        Assert.Contains("Fix", section);
    }

    [Fact]
    public void Shape_rule_descriptors_use_the_formats_the_runtime_throws_with()
    {
        foreach (var rule in Enum.GetValues<SpecRule>())
        {
            var descriptor = Descriptors.For((generator::Unrolled.SpecRule)(int)rule);
            Assert.Equal(SpecMessages.For(rule), descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}
