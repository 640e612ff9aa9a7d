extern alias codefixes;
extern alias generator;

using System.Composition;
using System.Reflection;
using Microsoft.CodeAnalysis.CodeFixes;
using Descriptors = generator::Unrolled.Generators.Diagnostics.DiagnosticDescriptors;

namespace Unrolled.CodeFixes.Tests;

/// <summary>Which ids have a fix, and that every fix is exported the way the IDE finds it, with Fix All.</summary>
public class CodeFixCatalogTests
{
    private static readonly CodeFixProvider[] Fixes = typeof(codefixes::Unrolled.CodeFixes.MakePartialFix).Assembly.GetTypes()
        .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToArray();

    [Fact]
    public void These_ids_have_a_fix_and_the_others_none()
    {
        // The others need a decision only the author can make (a size, an order, a name, a project setting).
        // docs/diagnostics.md says why for each.
        string[] fixable = ["UNR001", "UNR006", "UNR008", "UNR009", "UNR010", "UNR012", "UNR018", "UNR019", "UNR020"];
        Assert.Equal(fixable, Fixes.SelectMany(f => f.FixableDiagnosticIds).Distinct().Order());
    }

    [Fact]
    public void Every_fixed_id_is_a_diagnostic_of_the_generator()
    {
        var ids = typeof(Descriptors).GetFields().Select(f => f.GetValue(null)).OfType<Microsoft.CodeAnalysis.DiagnosticDescriptor>().Select(d => d.Id).ToHashSet();
        Assert.All(Fixes.SelectMany(f => f.FixableDiagnosticIds), id => Assert.Contains(id, ids));
    }

    [Fact]
    public void Every_fix_is_exported_for_CSharp_shared_and_fixes_all()
    {
        Assert.All(Fixes, fix =>
        {
            var type = fix.GetType();
            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.NotNull(export);
            Assert.Equal([Microsoft.CodeAnalysis.LanguageNames.CSharp], export.Languages);
            Assert.Equal(type.Name, export.Name);
            Assert.NotNull(type.GetCustomAttribute<SharedAttribute>());
            Assert.NotNull(fix.GetFixAllProvider());
        });
    }

    [Fact]
    public void The_assembly_holds_no_analyzer_or_generator_so_the_compiler_never_loads_it() =>
        Assert.DoesNotContain(typeof(codefixes::Unrolled.CodeFixes.MakePartialFix).Assembly.GetTypes(), t =>
            t.GetCustomAttributes().Any(a => a.GetType().Name is "DiagnosticAnalyzerAttribute" or "GeneratorAttribute"));
}
