extern alias generator;

using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Unrolled.Generators.Tests.Infrastructure;
using TrackingNames = generator::Unrolled.Generators.TrackingNames;

namespace Unrolled.Generators.Tests;

/// <summary>The generator does no work again for edits that do not touch a network, and its models hold no compiler objects.</summary>
public class IncrementalTests
{
    private const string Network = """
        using Unrolled;
        namespace Demo;
        [Network(2, Loss = LossFunction.CrossEntropy)]
        [Dense(3, Activation.Sigmoid)]
        [Dense(2, Activation.Softmax)]
        public partial class CirclesNet;
        """;

    private const string Other = "namespace Demo; public class Other { public int Value => 1; }";

    private static readonly string[] TrackedSteps = [TrackingNames.Parse, TrackingNames.Models, TrackingNames.Plans, TrackingNames.Files, TrackingNames.Diagnostics];

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        var compilation = GeneratorRunner.Compilation([Network, Other]);
        var first = GeneratorRunner.Run(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("namespace Demo; public class Other { public int Value => 2; }", GeneratorRunner.ParseOptions(), path: "Source1.cs"));
        var second = GeneratorRunner.Continue(first.Driver, edited);

        var steps = second.Result.Results.Single().TrackedSteps;
        foreach (string name in TrackedSteps)
        {
            Assert.True(steps.ContainsKey(name), $"step {name} was not tracked");
            Assert.All(steps[name].SelectMany(s => s.Outputs), output =>
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {output.Reason}"));
        }

        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void Changing_a_layer_regenerates_the_network()
    {
        var compilation = GeneratorRunner.Compilation([Network, Other]);
        var first = GeneratorRunner.Run(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText(Network.Replace("Dense(3,", "Dense(4,", StringComparison.Ordinal), GeneratorRunner.ParseOptions(), path: "Source0.cs"));
        var second = GeneratorRunner.Continue(first.Driver, edited);

        var parse = second.Result.Results.Single().TrackedSteps[TrackingNames.Parse];
        Assert.Contains(parse.SelectMany(s => s.Outputs), output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("ParameterCount = 22", second.Sources.Values.Single());
    }

    [Fact]
    public void The_models_hold_no_symbols_syntax_locations_or_compilations()
    {
        var run = GeneratorRunner.Run(GeneratorRunner.Compilation([Network]));
        var steps = run.Result.Results.Single().TrackedSteps;
        var values = TrackedSteps.SelectMany(name => steps[name]).SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        Assert.NotEmpty(values);
        foreach (var value in values)
        {
            AssertNoCompilerObjects(value, new HashSet<object>(ReferenceEqualityComparer.Instance), "model");
        }
    }

    private const string BakedNetwork = """
        using Unrolled;
        namespace Demo;
        [Network(2, Weights = "models/net.json")]
        [Dense(1)]
        public partial class BakedNet;
        """;

    private static readonly string[] WeightsSteps = [.. TrackedSteps, TrackingNames.WeightsFiles, TrackingNames.Weights];

    [Fact]
    public void With_weights_files_an_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        var files = new ProjectFiles().Text("models/net.json", ParameterJson(0.5f)).Text("config/other.json", "{}");
        var compilation = GeneratorRunner.Compilation([BakedNetwork, Other]);
        var first = GeneratorRunner.Run(compilation, files);
        Assert.Empty(first.GeneratorDiagnostics);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("namespace Demo; public class Other { public int Value => 2; }", GeneratorRunner.ParseOptions(), path: "Source1.cs"));
        var second = GeneratorRunner.Continue(first.Driver, edited);

        AssertAllCachedOrUnchanged(second, WeightsSteps);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void Editing_another_additional_file_leaves_the_network_s_model_and_plan_unchanged()
    {
        var files = new ProjectFiles().Text("models/net.json", ParameterJson(0.5f)).Text("config/other.json", "{}");
        var compilation = GeneratorRunner.Compilation([BakedNetwork]);
        var first = GeneratorRunner.Run(compilation, files);

        var (old, replacement) = files.Replace("config/other.json", "{ \"changed\": true }");
        var second = GeneratorRunner.Continue(first.Driver.ReplaceAdditionalText(old, replacement), compilation);

        AssertAllCachedOrUnchanged(second, [TrackingNames.Weights, TrackingNames.Models, TrackingNames.Plans]);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void Editing_the_weights_file_regenerates_the_network_with_the_new_weights()
    {
        var files = new ProjectFiles().Text("models/net.json", ParameterJson(0.5f));
        var compilation = GeneratorRunner.Compilation([BakedNetwork]);
        var first = GeneratorRunner.Run(compilation, files);
        Assert.Contains("0.5F,", first.Sources.Values.Single());

        var (old, replacement) = files.Replace("models/net.json", ParameterJson(0.25f));
        var second = GeneratorRunner.Continue(first.Driver.ReplaceAdditionalText(old, replacement), compilation);

        var steps = second.Result.Results.Single().TrackedSteps;
        foreach (string name in new[] { TrackingNames.WeightsFiles, TrackingNames.Weights, TrackingNames.Models, TrackingNames.Plans })
        {
            Assert.Contains(steps[name].SelectMany(s => s.Outputs), output => output.Reason == IncrementalStepRunReason.Modified);
        }

        Assert.Contains("0.25F,", second.Sources.Values.Single());
        Assert.DoesNotContain("0.5F,", second.Sources.Values.Single());
    }

    [Fact]
    public void Rebuilding_an_edited_binary_model_regenerates_the_network()
    {
        string path = Infrastructure.BakedNetwork.Fixture("torch_relu_softmax_opset13");
        byte[] bytes = File.ReadAllBytes(path);
        var files = new ProjectFiles().Model("models/net.onnx", bytes);
        var compilation = GeneratorRunner.Compilation([Infrastructure.BakedNetwork.Declaration(OnnxModel.ReadSpec(path), "models/net.onnx")]);
        var first = GeneratorRunner.Run(compilation, files);

        // Another exporter's run of the same shape: only the weights differ.
        var retrained = OnnxModel.Load<float>(path);
        retrained.Parameters[0] = 0.75f;
        var stream = new MemoryStream();
        OnnxModel.Export(retrained, stream);
        var (old, replacement) = files.ReplaceModel("models/net.onnx", stream.ToArray());
        var second = GeneratorRunner.Continue(first.Driver.ReplaceAdditionalText(old, replacement), compilation);

        Assert.Contains(second.Result.Results.Single().TrackedSteps[TrackingNames.Plans].SelectMany(s => s.Outputs),
            output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.DoesNotContain("0.75F", first.Sources.Values.Single());
        Assert.Contains("0.75F", second.Sources.Values.Single());
    }

    [Fact]
    public void The_weights_steps_hold_no_symbols_syntax_locations_or_compilations()
    {
        var files = new ProjectFiles().Text("models/net.json", ParameterJson(0.5f));
        var run = GeneratorRunner.Run(GeneratorRunner.Compilation([BakedNetwork]), files);
        var steps = run.Result.Results.Single().TrackedSteps;
        var values = WeightsSteps.SelectMany(name => steps[name]).SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        Assert.Contains(values, v => v is generator::Unrolled.Generators.Model.WeightsFile);
        foreach (var value in values)
        {
            AssertNoCompilerObjects(value, new HashSet<object>(ReferenceEqualityComparer.Instance), "model");
        }
    }

    private static void AssertAllCachedOrUnchanged(GeneratorRun run, IEnumerable<string> names)
    {
        var steps = run.Result.Results.Single().TrackedSteps;
        foreach (string name in names)
        {
            Assert.True(steps.ContainsKey(name), $"step {name} was not tracked");
            Assert.All(steps[name].SelectMany(s => s.Outputs), output =>
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {output.Reason}"));
        }
    }

    /// <summary>A 2 -> 1 parameter document whose first weight is <paramref name="weight"/>.</summary>
    private static string ParameterJson(float weight)
    {
        var network = new ReferenceNetwork<float>(new NetworkSpec(2, [new LayerSpec(1)]));
        network.Parameters[0] = weight;
        var stream = new MemoryStream();
        ParameterFile.SaveJson(network, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void AssertNoCompilerObjects(object? node, HashSet<object> seen, string path)
    {
        if (node is null || node is string || node.GetType().IsPrimitive || node.GetType().IsEnum || !seen.Add(node))
        {
            return;
        }

        Assert.False(node is ISymbol or SyntaxNode or Location or Compilation or SemanticModel, $"{path} holds a {node.GetType().Name}");
        if (node is DiagnosticDescriptor)
        {
            return; // immutable and compared by value
        }

        if (node is IEnumerable items)
        {
            int i = 0;
            foreach (var item in items)
            {
                AssertNoCompilerObjects(item, seen, $"{path}[{i++}]");
            }
        }

        foreach (var field in node.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoCompilerObjects(field.GetValue(node), seen, $"{path}.{field.Name}");
        }
    }
}
