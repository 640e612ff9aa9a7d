using Unrolled.IntegrationTests.Networks;

namespace Unrolled.IntegrationTests;

/// <summary>Forward and Loss read only the parameters: many threads on one instance see what one thread sees.</summary>
public class ThreadSafetyTests
{
    private const int Threads = 8;
    private const int SamplesPerThread = 2_000;

    [Fact]
    public void Many_threads_calling_forward_on_one_instance_get_the_single_threaded_outputs()
    {
        var net = new SmoothNet();
        var inputs = new double[Threads * SamplesPerThread][];
        var random = new SeededRandom(5);
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = [random.NextDouble(-3, 3), random.NextDouble(-3, 3), random.NextDouble(-3, 3)];
        }

        var expected = inputs.Select(x => { var y = new double[3]; net.Forward(x, y); return y; }).ToArray();
        double[] target = [0, 1, 0];
        var expectedLoss = inputs.Select(x => net.Loss(x, target)).ToArray();

        var actual = new double[inputs.Length][];
        var actualLoss = new double[inputs.Length];
        using var start = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait(); // all threads hammer the instance at once
            for (int s = 0; s < SamplesPerThread; s++)
            {
                // Interleave the threads' samples so that neighbouring calls overlap in time.
                int i = (s * Threads) + t;
                var y = new double[3];
                net.Forward(inputs[i], y);
                actual[i] = y;
                actualLoss[i] = net.Loss(inputs[i], target);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(expected[i], actual[i]);
            Assert.Equal(expectedLoss[i], actualLoss[i]);
        }
    }
}
