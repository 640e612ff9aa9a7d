using System.Numerics;
using Unrolled.IntegrationTests.Networks;

namespace Unrolled.IntegrationTests;

/// <summary>Batches in one call give what the same samples give one at a time, without allocating.</summary>
[Trait("Category", "SimdPaths")]
public class BatchTests
{
    private const int Samples = 37;

    [Theory]
    [MemberData(nameof(EquivalenceTests.Networks), MemberType = typeof(EquivalenceTests))]
    public void A_batch_gives_the_results_of_its_samples_one_by_one(string name)
    {
        switch (EquivalenceTests.Create(name))
        {
            case INetwork<float> single:
                AssertBatchMatchesSingles(single, (INetwork<float>)EquivalenceTests.Create(name));
                break;
            case INetwork<double> dual:
                AssertBatchMatchesSingles(dual, (INetwork<double>)EquivalenceTests.Create(name));
                break;
        }
    }

    [Fact]
    public void Batch_calls_allocate_nothing()
    {
        var net = new SmoothNet();
        var inputs = new double[32 * SmoothNet.InputCount];
        var outputs = new double[32 * SmoothNet.OutputCount];
        var targets = new double[32 * SmoothNet.OutputCount];
        for (int s = 0; s < 32; s++)
        {
            targets[(s * 3) + (s % 3)] = 1;
        }

        // Measured on the second round: the first may see the runtime's own first-call work (tiering, on-stack replacement).
        for (int round = 0; round < 2; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int step = 0; step < 1_000; step++)
            {
                net.Forward(inputs, outputs);
                net.Loss(inputs, targets);
                net.Backward(inputs, targets);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (round == 1)
            {
                Assert.Equal(0, allocated);
            }
        }
    }

    [Fact]
    public void An_empty_batch_does_nothing_and_a_ragged_one_throws()
    {
        var net = new CirclesNet();
        net.Forward([], []);
        Assert.Equal(0f, net.Backward([], []));
        var error = Assert.Throws<ArgumentException>(() => net.Forward(new float[6], new float[4]));
        Assert.Equal("output", error.ParamName);
        Assert.Contains("3 sample(s)", error.Message);
        Assert.Throws<ArgumentException>(() => net.Backward(new float[5], new float[4]));
    }

    private static void AssertBatchMatchesSingles<T>(INetwork<T> batched, INetwork<T> oneByOne)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(23);
        int inputs = batched.InputCount, outputs = batched.OutputCount;
        var x = Enumerable.Range(0, Samples * inputs).Select(_ => T.CreateTruncating(random.NextDouble(-1, 1))).ToArray();
        var t = new T[Samples * outputs];
        for (int s = 0; s < Samples; s++)
        {
            Unrolled.Testing.NetworkOracle.Target(batched.Spec, random, t.AsSpan(s * outputs, outputs));
        }

        var batchOutputs = new T[Samples * outputs];
        batched.Forward(x, batchOutputs);
        T batchLoss = batched.Loss(x, t);
        T batchBackward = batched.Backward(x, t);

        var single = new T[outputs];
        T sumLoss = T.Zero, sumBackward = T.Zero;
        for (int s = 0; s < Samples; s++)
        {
            var xs = x.AsSpan(s * inputs, inputs);
            var ts = t.AsSpan(s * outputs, outputs);
            oneByOne.Forward(xs, single);
            for (int k = 0; k < outputs; k++)
            {
                // Lane blocks use the vectorized activations, single samples may use the Math ones: a few ulp apart.
                AssertClose(single[k], batchOutputs[(s * outputs) + k]);
            }
            sumLoss += oneByOne.Loss(xs, ts);
            sumBackward += oneByOne.Backward(xs, ts);
        }

        AssertClose(sumLoss, batchLoss);
        AssertClose(sumBackward, batchBackward);
        for (int k = 0; k < batched.ParameterCount; k++)
        {
            AssertClose(oneByOne.Gradients[k], batched.Gradients[k]);
        }
    }

    private static void AssertClose<T>(T expected, T actual)
        where T : IFloatingPointIeee754<T>
    {
        T tolerance = T.CreateTruncating(1e-6) * T.Max(T.One, T.Abs(expected));
        Assert.True(T.Abs(expected - actual) <= tolerance, $"expected {expected}, got {actual}");
    }
}
