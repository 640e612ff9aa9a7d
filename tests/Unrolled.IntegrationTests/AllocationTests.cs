using Unrolled.IntegrationTests.Networks;

namespace Unrolled.IntegrationTests;

/// <summary>After construction, generated networks allocate nothing: not in Forward, Loss, Backward or ZeroGradients.</summary>
public class AllocationTests
{
    [Theory]
    [InlineData(nameof(CirclesNet), 10_000)]
    [InlineData(nameof(SmoothNet), 10_000)]
    [InlineData(nameof(RegressionNet), 10_000)]
    [InlineData(nameof(MnistNet), 200)]
    [InlineData(nameof(WideNet), 50)]
    [InlineData(nameof(VeryWideNet), 20)]
    public void Forward_loss_and_backward_allocate_nothing(string name, int calls)
    {
        switch (EquivalenceTests.Create(name))
        {
            case INetwork<float> single:
                Assert.Equal(0, Measure(single, calls));
                break;
            case INetwork<double> dual:
                Assert.Equal(0, Measure(dual, calls));
                break;
        }
    }

    [Fact]
    public void The_interpreter_allocates_nothing_once_warm() =>
        Assert.Equal(0, Measure(new ReferenceNetwork<float>(CirclesNet.Spec), 10_000));

    private static long Measure<T>(INetwork<T> network, int calls)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var input = new T[network.InputCount];
        var output = new T[network.OutputCount];
        var target = new T[network.OutputCount];
        target[0] = T.One;
        Run(network, input, output, target, 10); // warm up: tiering, static constructors, pools

        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(network, input, output, target, calls);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void Run<T>(INetwork<T> network, T[] input, T[] output, T[] target, int calls)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        for (int i = 0; i < calls; i++)
        {
            input[i % input.Length] = T.CreateTruncating(i % 7) / T.CreateTruncating(7);
            network.Forward(input, output);
            network.Loss(input, target);
            network.ZeroGradients();
            network.Backward(input, target);
        }
    }
}
