using System.Diagnostics;
using Unrolled.Generators.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Unrolled.Generators.Tests;

/// <summary>
/// Generated code grows with the number of layers, not with their width: a layer of any size is a constant-bound loop
/// over tiles of units, so a 90,000-unit layer writes the same code as a 900-unit one, and compiles quickly.
/// </summary>
public class GeneratedCodeSizeTests(ITestOutputHelper output)
{
    /// <summary>
    /// The 10-N-1 networks' generated files stay under this size (10-9000-1 wrote 6 MB before tile loops); most of it is
    /// the batch kernels' register blocks, written out once per vector width.
    /// </summary>
    private const int MaxWideNetworkBytes = 256 * 1024;

    [Fact]
    public void Source_size_does_not_grow_with_layer_width()
    {
        int[] units = [900, 9000, 90000];
        int[] sizes = units.Select(u => Generate(u).Length).ToArray();
        output.WriteLine(string.Join("; ", units.Select((u, k) => $"10-{u}-1: {sizes[k]} bytes")));
        Assert.All(sizes, size => Assert.True(size < MaxWideNetworkBytes, $"{size} bytes"));
        // The same code, but for the numbers in it and how the last few units of each layer are covered.
        Assert.True(sizes.Max() < 1.25 * sizes.Min(), string.Join(", ", sizes));
    }

    [Fact]
    public void A_90000_unit_layer_compiles_and_runs_in_seconds()
    {
        var clock = Stopwatch.StartNew();
        var (network, source) = DeclaredNetwork.Create("[Network(10)] [Dense(90000, Activation.Tanh)] [Dense(1)]");
        output.WriteLine($"generated {source.Length} bytes, compiled and loaded in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");

        // Parameters, gradients and trace are arrays allocated at construction (past the 1 MiB inline limit).
        Assert.Contains("private readonly float[] _parameters = new float[ParameterCount];", source, StringComparison.Ordinal);
        Assert.Contains("private readonly float[] _trace = new float[1620018];", source, StringComparison.Ordinal); // a tile of 6 samples' z, a, delta
        var generated = (INetwork<float>)network;
        var reference = new ReferenceNetwork<float>(generated.Spec, seed: 3);
        reference.Parameters.CopyTo(generated.Parameters);
        var input = Enumerable.Range(0, 10).Select(i => (float)Math.Sin(i)).ToArray();
        float[] expected = new float[1], actual = new float[1];
        reference.Forward(input, expected);
        generated.Forward(input, actual);
        Assert.Equal(expected[0], actual[0], 1e-3f);
    }

    private static string Generate(int units) =>
        GeneratorRunner.Run($"using Unrolled;\n[Network(10)] [Dense({units}, Activation.Tanh)] [Dense(1)]\npublic partial class Net;").Sources["Net.g.cs"];
}
