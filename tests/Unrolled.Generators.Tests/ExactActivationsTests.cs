using Unrolled.Generators.Tests.Infrastructure;

namespace Unrolled.Generators.Tests;

/// <summary>
/// <c>ExactActivations = true</c> swaps FastMath's approximations for the MathF functions: the generated code must not
/// mention FastMath, and its outputs must then match the interpreter (which uses the MathF functions) to rounding.
/// </summary>
public class ExactActivationsTests
{
    private const string Layers = """
        [Dense(16, Activation.Tanh)]
        [Dense(16, Activation.Sigmoid)]
        [Dense(8, Activation.Silu)]
        [Dense(8, Activation.Elu)]
        [Dense(4, Activation.Softmax)]
        """;

    [Fact]
    public void Exact_networks_call_no_approximation_and_approximate_ones_do()
    {
        string exact = Generate("ExactActivations = true");
        string fast = Generate("ExactActivations = false");

        Assert.DoesNotContain("FastMath", exact, StringComparison.Ordinal);
        Assert.Contains("MathF.Tanh(", exact, StringComparison.Ordinal);
        Assert.Contains("FastMath.Tanh(", fast, StringComparison.Ordinal);
        Assert.Contains("FastMath.Sigmoid(", fast, StringComparison.Ordinal);
    }

    [Fact]
    public void Exact_network_matches_the_interpreter_more_closely_than_the_fast_one_needs_to()
    {
        var exact = Create("ExactActivations = true");
        var fast = Create("ExactActivations = false");
        var reference = new ReferenceNetwork<float>(exact.Spec);
        reference.Initialize(7);
        reference.Parameters.CopyTo(exact.Parameters);
        reference.Parameters.CopyTo(fast.Parameters);

        var random = new SeededRandom(11);
        float[] input = new float[32 * 6], expected = new float[32 * 4], actual = new float[32 * 4], approximate = new float[32 * 4];
        for (int k = 0; k < input.Length; k++)
        {
            input[k] = (float)random.NextDouble(-3, 3);
        }

        reference.Forward(input, expected);
        exact.Forward(input, actual);
        fast.Forward(input, approximate);

        double exactWorst = 0, fastWorst = 0;
        for (int k = 0; k < expected.Length; k++)
        {
            exactWorst = Math.Max(exactWorst, Math.Abs(actual[k] - expected[k]));
            fastWorst = Math.Max(fastWorst, Math.Abs(approximate[k] - expected[k]));
        }

        Assert.True(exactWorst <= 2e-7, $"exact activations differ from the interpreter by {exactWorst:E2}");
        Assert.True(fastWorst <= 1e-5, $"fast activations differ from the interpreter by {fastWorst:E2}");
    }

    private static string Source(string option) => $$"""
        using Unrolled;
        namespace Demo;
        [Network(6, Loss = LossFunction.CrossEntropy, {{option}})]
        {{Layers}}
        public partial class Net;
        """;

    private static string Generate(string option)
    {
        var run = GeneratorRunner.Run(Source(option));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.DiagnosticsInGeneratedCode);
        return run.Sources["Demo.Net.g.cs"];
    }

    private static INetwork<float> Create(string option)
    {
        var run = GeneratorRunner.Run(Source(option));
        var assembly = InMemoryAssembly.Load(run.Output);
        return (INetwork<float>)Activator.CreateInstance(assembly.GetType("Demo.Net", throwOnError: true)!)!;
    }
}
