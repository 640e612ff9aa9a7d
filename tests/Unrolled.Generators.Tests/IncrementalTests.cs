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
