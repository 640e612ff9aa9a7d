using System.Numerics;
using Xunit.Abstractions;

namespace Unrolled.Tests.Serialization.Onnx;

/// <summary>Every committed fixture imports with the recorded spec and reproduces the producer's outputs.</summary>
public class OnnxFixtureTests(ITestOutputHelper output)
{
    // Float fixtures were computed by PyTorch (float32) or NumPy (float64, rounded): the float interpreter differs by
    // its own rounding. Errors are relative to max(|expected|, 1e-3): outputs near zero are differences of rounded sums.
    private const double FloatTolerance = 1e-5, DoubleTolerance = 1e-12, Floor = 1e-3;

    public static TheoryData<string> Accepted => OnnxFixtures.Accepted();

    public static TheoryData<string> Refused => OnnxFixtures.Refused();

    [Fact]
    public void There_are_fixtures_of_each_kind()
    {
        Assert.True(Accepted.Count >= 20, $"{Accepted.Count} accepted fixtures");
        Assert.True(Refused.Count >= 10, $"{Refused.Count} refused fixtures");
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Fixture_reads_to_its_recorded_spec(string name)
    {
        var spec = OnnxModel.ReadSpec(OnnxFixtures.PathOf(name));
        Assert.Equal(OnnxFixtures.Expected(name).GetProperty("spec").GetString(), spec.ToString());
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Fixture_reproduces_its_recorded_outputs(string name)
    {
        var expected = OnnxFixtures.Expected(name);
        double error = expected.GetProperty("precision").GetString() == "double"
            ? LargestError<double>(name, DoubleTolerance)
            : LargestError<float>(name, FloatTolerance);
        output.WriteLine($"{name}: largest relative error {error:E2}");
    }

    [Fact]
    public void Largest_errors_over_all_fixtures()
    {
        double single = 0, dual = 0;
        foreach (string name in Accepted)
        {
            if (OnnxFixtures.Expected(name).GetProperty("precision").GetString() == "double")
            {
                dual = Math.Max(dual, LargestError<double>(name, DoubleTolerance));
            }
            else
            {
                single = Math.Max(single, LargestError<float>(name, FloatTolerance));
            }
        }

        output.WriteLine($"largest relative error: float fixtures {single:E2}, double fixtures {dual:E2}");
        Assert.True(single > 0, "the float comparison compared nothing"); // float rounding always leaves some error
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Fixture_imports_into_a_network_of_its_spec_and_stream_reads_agree(string name)
    {
        var spec = OnnxModel.ReadSpec(OnnxFixtures.PathOf(name));
        using var stream = File.OpenRead(OnnxFixtures.PathOf(name));
        Assert.Equal(spec, OnnxModel.ReadSpec(stream));
        if (spec.Precision == Precision.Double)
        {
            var network = new ReferenceNetwork<double>(spec, seed: 5);
            OnnxModel.Import(network, OnnxFixtures.PathOf(name));
            Assert.Equal(OnnxModel.Load<double>(OnnxFixtures.PathOf(name)).Parameters.ToArray(), network.Parameters.ToArray());
        }
        else
        {
            var network = new ReferenceNetwork<float>(spec, seed: 5);
            OnnxModel.Import(network, OnnxFixtures.PathOf(name));
            Assert.Equal(OnnxModel.Load<float>(OnnxFixtures.PathOf(name)).Parameters.ToArray(), network.Parameters.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refused_fixture_is_refused_naming_the_node_and_op(string name)
    {
        var refused = OnnxFixtures.Expected(name).GetProperty("refused");
        string node = refused.GetProperty("node").GetString()!, op = refused.GetProperty("op").GetString()!;
        var error = Assert.Throws<NotSupportedException>(() => OnnxModel.ReadSpec(OnnxFixtures.PathOf(name)));
        output.WriteLine($"{name}: {error.Message}");
        if (node.Length > 0)
        {
            Assert.Contains($"Node '{node}' ({op})", error.Message);
        }
    }

    /// <summary>Runs the fixture's inputs one by one and as one batch; asserts and returns the largest relative error.</summary>
    private static double LargestError<T>(string name, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var expected = OnnxFixtures.Expected(name);
        double[][] inputs = OnnxFixtures.Rows(expected.GetProperty("inputs"));
        double[][] outputs = OnnxFixtures.Rows(expected.GetProperty("outputs"));
        var network = OnnxModel.Load<T>(OnnxFixtures.PathOf(name));
        T[] batch = inputs.SelectMany(row => row).Select(T.CreateTruncating).ToArray();
        var batchOutput = new T[outputs.Length * network.OutputCount];
        network.Forward(batch, batchOutput);

        double largest = 0;
        for (int s = 0; s < inputs.Length; s++)
        {
            var single = new T[network.OutputCount];
            network.Forward(batch.AsSpan(s * network.InputCount, network.InputCount), single);
            Assert.Equal(single, batchOutput.AsSpan(s * network.OutputCount, network.OutputCount).ToArray());
            for (int k = 0; k < single.Length; k++)
            {
                double actual = double.CreateTruncating(single[k]), wanted = outputs[s][k];
                double error = Math.Abs(actual - wanted) / Math.Max(Math.Abs(wanted), Floor);
                Assert.True(error <= tolerance, $"{name}: sample {s}, output {k}: {actual:R}, expected {wanted:R} (relative error {error:E2})");
                largest = Math.Max(largest, error);
            }
        }

        return largest;
    }
}
