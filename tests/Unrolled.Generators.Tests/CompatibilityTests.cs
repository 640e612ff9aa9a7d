using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Unrolled.Generators.Tests.Infrastructure;

namespace Unrolled.Generators.Tests;

/// <summary>
/// The generator in the places users put networks: every kind of namespace, nesting, accessibility, nullable context
/// and language version. Each case compiles the user's code with the generated code at warning level 9999 and
/// requires the generated file, no generator diagnostic, and no compiler error or warning at all; below C# 12 it
/// requires UNR011 and nothing generated.
/// </summary>
public class CompatibilityTests
{
    private const string Layers = """
        [Network(inputs: 2)]
        [Dense(3, Activation.Tanh)]
        [Dense(1)]
        """;

    /// <summary>Name, source, the generated file's hint name.</summary>
    private static readonly (string Name, string Source, string Hint)[] Placements =
    [
        ("block_namespace", $$"""
            using Unrolled;

            namespace Demo.Block
            {
                {{Layers}}
                public partial class Net
                {
                }
            }
            """, "Demo.Block.Net.g.cs"),

        ("global_namespace", $$"""
            using Unrolled;

            {{Layers}}
            public partial class Net;
            """, "Net.g.cs"),

        ("file_scoped_namespace", $$"""
            using Unrolled;

            namespace Demo.FileScoped;

            {{Layers}}
            public partial class Net;
            """, "Demo.FileScoped.Net.g.cs"),

        ("nested_in_partial_class", $$"""
            using Unrolled;

            namespace Demo;

            public partial class Outer
            {
                {{Layers}}
                public partial class Net;
            }
            """, "Demo.Outer.Net.g.cs"),

        ("nested_two_levels_private_in_global_namespace", $$"""
            using Unrolled;

            internal partial class Outer
            {
                private partial class Middle
                {
                    {{Layers}}
                    private sealed partial class Net;

                    public static int Count => Net.ParameterCount;
                }
            }
            """, "Outer.Middle.Net.g.cs"),

        ("nested_in_partial_struct_and_record", $$"""
            using Unrolled;

            namespace Demo;

            public partial record Settings(int Value)
            {
                public partial struct Holder
                {
                    {{Layers}}
                    internal partial class Net;
                }
            }
            """, "Demo.Settings.Holder.Net.g.cs"),

        ("internal_class", $$"""
            using Unrolled;

            namespace Demo;

            {{Layers}}
            internal partial class Net;
            """, "Demo.Net.g.cs"),

        ("public_sealed_class", $$"""
            using Unrolled;

            namespace Demo;

            {{Layers}}
            public sealed partial class Net;
            """, "Demo.Net.g.cs"),

        ("no_access_modifier", $$"""
            using Unrolled;

            namespace Demo;

            {{Layers}}
            partial class Net;
            """, "Demo.Net.g.cs"),

        ("user_members_in_another_part", $$"""
            using Unrolled;

            namespace Demo;

            {{Layers}}
            public partial class Net;

            public partial class Net
            {
                public float Predict(float a, float b)
                {
                    System.Span<float> output = stackalloc float[OutputCount];
                    Forward([a, b], output);
                    return output[0];
                }
            }
            """, "Demo.Net.g.cs"),

        ("double_precision_loop_layers", """
            using Unrolled;

            namespace Demo.Large;

            [Network(64, Loss = LossFunction.CrossEntropy, Precision = Precision.Double, Unroll = UnrollMode.Loops)]
            [Dense(48, Activation.Relu)]
            [Dense(32, Activation.LeakyRelu, Alpha = 0.1)]
            [Dense(10, Activation.Softmax)]
            public partial class Classifier;
            """, "Demo.Large.Classifier.g.cs"),

        ("every_activation_and_binary_loss", """
            using Unrolled;

            namespace Demo;

            [Network(3, Loss = LossFunction.BinaryCrossEntropy)]
            [Dense(4, Activation.Sigmoid)]
            [Dense(4, Activation.Relu)]
            [Dense(4, Activation.Elu)]
            [Dense(4, Activation.Softplus)]
            [Dense(4, Activation.Silu)]
            [Dense(4, Activation.Identity)]
            [Dense(1, Activation.Sigmoid)]
            public partial class Everything;
            """, "Demo.Everything.g.cs"),
    ];

    public static TheoryData<string, NullableContextOptions> PlacementCases()
    {
        var data = new TheoryData<string, NullableContextOptions>();
        foreach (var (name, _, _) in Placements)
        {
            data.Add(name, NullableContextOptions.Enable);
            data.Add(name, NullableContextOptions.Disable);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PlacementCases))]
    public void Generates_code_that_compiles_without_any_warning_at_level_9999(string placement, NullableContextOptions nullable)
    {
        var (_, source, hint) = Placements.Single(p => p.Name == placement);

        var run = Generate(source, LanguageVersion.CSharp12, nullable);

        AssertGeneratedCleanly(run, hint);
    }

    [Theory]
    [InlineData(NullableContextOptions.Enable)]
    [InlineData(NullableContextOptions.Disable)]
    [InlineData(NullableContextOptions.Warnings)]
    [InlineData(NullableContextOptions.Annotations)]
    public void Generates_code_that_compiles_in_every_nullable_context(NullableContextOptions nullable)
    {
        var run = Generate(Placements.Single(p => p.Name == "file_scoped_namespace").Source, LanguageVersion.CSharp12, nullable);

        AssertGeneratedCleanly(run, "Demo.FileScoped.Net.g.cs");
    }

    [Fact]
    public void Generates_code_that_compiles_under_a_nullable_disable_directive()
    {
        var run = Generate($$"""
            #nullable disable
            using Unrolled;

            namespace Demo;

            {{Layers}}
            public partial class Net
            {
                public string Name;
            }
            """, LanguageVersion.CSharp12, NullableContextOptions.Enable);

        AssertGeneratedCleanly(run, "Demo.Net.g.cs");
    }

    [Fact]
    public void Generates_documented_code_when_the_user_project_requires_documentation()
    {
        // GenerateDocumentationFile turns on CS1591 and friends: the generated public surface must be documented.
        var run = Generate($$"""
            using Unrolled;

            namespace Demo;

            /// <summary>A documented network.</summary>
            {{Layers}}
            public partial class Net;
            """, LanguageVersion.CSharp12, NullableContextOptions.Enable, DocumentationMode.Diagnose);

        AssertGeneratedCleanly(run, "Demo.Net.g.cs");
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp12)]
    [InlineData(LanguageVersion.CSharp13)]
    [InlineData(LanguageVersion.LatestMajor)]
    [InlineData(LanguageVersion.Preview)]
    public void Generates_code_for_csharp_12_and_later(LanguageVersion version)
    {
        var run = Generate(Placements.Single(p => p.Name == "file_scoped_namespace").Source, version, NullableContextOptions.Enable);

        AssertGeneratedCleanly(run, "Demo.FileScoped.Net.g.cs");
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp11, "11.0")]
    [InlineData(LanguageVersion.CSharp10, "10.0")]
    [InlineData(LanguageVersion.CSharp9, "9.0")]
    public void Reports_UNR011_and_generates_nothing_below_csharp_12(LanguageVersion version, string shown)
    {
        // Block bodies and a block namespace: the user's code itself is valid C# 9.
        var run = Generate($$"""
            using Unrolled;

            namespace Demo
            {
                {{Layers}}
                public partial class Net
                {
                }
            }
            """, version, NullableContextOptions.Enable);

        Assert.Empty(run.Sources);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("UNR011", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains($"is compiled as C# {shown}", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        // Nothing half-generated: the user's own code still compiles on its own, without warnings.
        Assert.Empty(run.CompilationDiagnostics);
    }

    private static GeneratorRun Generate(
        string source, LanguageVersion version, NullableContextOptions nullable, DocumentationMode documentation = DocumentationMode.Parse)
    {
        var options = GeneratorRunner.ParseOptions(version).WithDocumentationMode(documentation);
        var tree = CSharpSyntaxTree.ParseText(source, options, path: "Source0.cs");
        var compilation = GeneratorRunner.Compilation([], version)
            .AddSyntaxTrees(tree);
        compilation = compilation.WithOptions(compilation.Options
            .WithWarningLevel(9999)
            .WithNullableContextOptions(nullable));

        // The user's code must be clean on its own, or a warning below could be the test's fault rather than the generator's.
        var userDiagnostics = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && !IsMissingGeneratedMember(d));
        Assert.Empty(userDiagnostics);

        return GeneratorRunner.Run(compilation);
    }

    /// <summary>Before generation, references to generated members (Forward, ParameterCount...) do not bind yet.</summary>
    private static bool IsMissingGeneratedMember(Diagnostic diagnostic) => diagnostic.Id is "CS0103" or "CS0117" or "CS1061";

    private static void AssertGeneratedCleanly(GeneratorRun run, string hint)
    {
        Assert.Empty(run.GeneratorDiagnostics);
        var generated = Assert.Single(run.Sources);
        Assert.Equal(hint, generated.Key);
        Assert.StartsWith("// <auto-generated/>", generated.Value, StringComparison.Ordinal);

        Assert.Empty(run.DiagnosticsInGeneratedCode);
        Assert.Empty(run.CompilationDiagnostics);

        // And it emits: some errors only show up when IL is produced.
        using var stream = new MemoryStream();
        var emit = run.Output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        Assert.Empty(emit.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }
}
