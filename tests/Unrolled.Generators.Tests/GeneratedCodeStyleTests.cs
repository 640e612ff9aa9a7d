extern alias generator;

using System.Reflection;
using Unrolled.Generators.Tests.Infrastructure;

namespace Unrolled.Generators.Tests;

/// <summary>
/// Generated code is a product too: lines a reader can see whole, no bare blocks, the kernels out of the user's class
/// in a file-local class, and the generator's real version in [GeneratedCode]. Checked over the random topologies and
/// a few large and nested networks.
/// </summary>
public class GeneratedCodeStyleTests
{
    private const int MaxLineLength = 150;

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Generated = new(() =>
    {
        var random = new SeededRandom(20261122);
        var declarations = Enumerable.Range(0, 40).Select(i => RandomTopologies.Draw(random, i).Declaration).ToList();
        declarations.Add("[Network(784, Loss = LossFunction.CrossEntropy)] [Dense(512, Activation.Tanh)] [Dense(10, Activation.Softmax)] public partial class Wide;");
        declarations.Add("[Network(10)] [Dense(90000, Activation.Tanh)] [Dense(1)] public partial class VeryWide;");
        declarations.Add("[Network(40, Precision = Precision.Double, Unroll = UnrollMode.Full)] [Dense(20, Activation.Elu)] [Dense(3, Activation.Softmax)] public partial class Full;");
        declarations.Add("public partial class Outer { [Network(3)] [Dense(2, Activation.Silu)] private partial class Nested; }");
        var run = GeneratorRunner.Run("using Unrolled;\nnamespace Style;\n" + string.Join("\n", declarations));
        Assert.Empty(run.CompilationDiagnostics);
        return run.Sources;
    });

    public static TheoryData<string> Sources() => new(Generated.Value.Keys.Order());

    [Theory]
    [MemberData(nameof(Sources))]
    public void Lines_fit_on_a_screen_and_no_block_is_bare(string hint)
    {
        string[] lines = Generated.Value[hint].Split('\n');
        for (int k = 0; k < lines.Length; k++)
        {
            Assert.True(lines[k].Length <= MaxLineLength, $"line {k + 1} has {lines[k].Length} characters: {lines[k]}");
            if (lines[k].Trim() == "{")
            {
                // A brace opens a type, a member, a namespace or a statement, never a block of its own.
                string previous = lines[k - 1].Trim();
                Assert.False(previous.EndsWith(';') || previous.EndsWith('}') || previous.StartsWith("//", StringComparison.Ordinal) || previous.Length == 0,
                    $"line {k + 1} opens a bare block after: {previous}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Kernels_live_in_a_file_local_class_and_the_version_is_the_generators(string hint)
    {
        string source = Generated.Value[hint];
        string name = hint.Split('.')[^3];
        Assert.Contains($"file static class {name}Kernels", source, StringComparison.Ordinal);
        Assert.Contains("namespace Unrolled.Generated", source, StringComparison.Ordinal);

        string version = typeof(generator::Unrolled.Generators.NetworkGenerator).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Assert.Contains($"[global::System.CodeDom.Compiler.GeneratedCode(\"Unrolled.Generators\", \"{version}\")]", source, StringComparison.Ordinal);

        // The user's class holds no layer method: those are the kernels'.
        string userPart = source[..source.IndexOf("namespace Unrolled.Generated", StringComparison.Ordinal)];
        Assert.DoesNotContain("ForwardLayer1(", userPart, StringComparison.Ordinal);
    }
}
