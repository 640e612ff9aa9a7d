using BenchmarkDotNet.Attributes;
using Unrolled.Benchmarks.Networks;

namespace Unrolled.Benchmarks;

// One class per network: the generated network's benchmarks, with the network's concrete type so that calls are
// direct. The baselines' benchmarks are inherited from NetworkBenchmarks<TNet>.
// Written from one template: keep them identical but for the type. BatchForward_Generated and
// BatchBackward_Generated are one call of the batch API over all BatchSize samples. Besides the template, the two
// networks of issue 11's training targets have a step with one Backward call over the mini-batch
// (TrainStepOneCall{N}_Generated): 64-32-10 at 32 samples, 784-128-10 at 256.

/// <summary>2-3-2 sigmoid, softmax output, cross-entropy.</summary>
public class Net2x3x2Benchmarks : NetworkBenchmarks<Net2x3x2>
{
    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void Forward_Generated() => Net.Forward(Input(0), Output(0));

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchForward)]
    public void BatchForward_Generated() => Net.Forward(Inputs, Outputs);

    [Benchmark]
    [BenchmarkCategory(Categories.Backward)]
    public float Backward_Generated() => Net.Backward(Input(0), Target(0));

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchBackward)]
    public float BatchBackward_Generated() => Net.Backward(Inputs, Targets);

    [Benchmark]
    [BenchmarkCategory(Categories.TrainStep)]
    public float TrainStep_Generated()
    {
        Net2x3x2 net = Net;
        int first = NextMiniBatch();
        net.ZeroGradients();
        float loss = 0f;
        for (int s = first; s < first + MiniBatchSize; s++)
        {
            loss += net.Backward(Input(s), Target(s));
        }

        ScaleAndStep(net.Parameters, net.Gradients, NetOptimizer);
        return loss;
    }
}

/// <summary>2-8-8-1 tanh, identity output, MSE.</summary>
public class Net2x8x8x1TanhBenchmarks : NetworkBenchmarks<Net2x8x8x1Tanh>
{
    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void Forward_Generated() => Net.Forward(Input(0), Output(0));

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchForward)]
    public void BatchForward_Generated() => Net.Forward(Inputs, Outputs);

    [Benchmark]
    [BenchmarkCategory(Categories.Backward)]
    public float Backward_Generated() => Net.Backward(Input(0), Target(0));

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchBackward)]
    public float BatchBackward_Generated() => Net.Backward(Inputs, Targets);

    [Benchmark]
    [BenchmarkCategory(Categories.TrainStep)]
    public float TrainStep_Generated()
    {
        Net2x8x8x1Tanh net = Net;
        int first = NextMiniBatch();
        net.ZeroGradients();
        float loss = 0f;
        for (int s = first; s < first + MiniBatchSize; s++)
        {
            loss += net.Backward(Input(s), Target(s));
        }

        ScaleAndStep(net.Parameters, net.Gradients, NetOptimizer);
        return loss;
    }
}

/// <summary>2-16-16-2 ReLU, linear output, MSE.</summary>
public class Net2x16x16x2LinearBenchmarks : NetworkBenchmarks<Net2x16x16x2Linear>
{
    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void Forward_Generated() => Net.Forward(Input(0), Output(0));

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchForward)]
    public void BatchForward_Generated() => Net.Forward(Inputs, Outputs);

    [Benchmark]
    [BenchmarkCategory(Categories.Backward)]
    public float Backward_Generated() => Net.Backward(Input(0), Target(0));

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchBackward)]
    public float BatchBackward_Generated() => Net.Backward(Inputs, Targets);

    [Benchmark]
    [BenchmarkCategory(Categories.TrainStep)]
    public float TrainStep_Generated()
    {
        Net2x16x16x2Linear net = Net;
        int first = NextMiniBatch();
        net.ZeroGradients();
        float loss = 0f;
        for (int s = first; s < first + MiniBatchSize; s++)
        {
            loss += net.Backward(Input(s), Target(s));
        }

        ScaleAndStep(net.Parameters, net.Gradients, NetOptimizer);
        return loss;
    }
}

/// <summary>2-16-16-2 ReLU, softmax output, cross-entropy.</summary>
public class Net2x16x16x2SoftmaxBenchmarks : NetworkBenchmarks<Net2x16x16x2Softmax>
{
    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void Forward_Generated() => Net.Forward(Input(0), Output(0));

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchForward)]
    public void BatchForward_Generated() => Net.Forward(Inputs, Outputs);

    [Benchmark]
    [BenchmarkCategory(Categories.Backward)]
    public float Backward_Generated() => Net.Backward(Input(0), Target(0));

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchBackward)]
    public float BatchBackward_Generated() => Net.Backward(Inputs, Targets);

    [Benchmark]
    [BenchmarkCategory(Categories.TrainStep)]
    public float TrainStep_Generated()
    {
        Net2x16x16x2Softmax net = Net;
        int first = NextMiniBatch();
        net.ZeroGradients();
        float loss = 0f;
        for (int s = first; s < first + MiniBatchSize; s++)
        {
            loss += net.Backward(Input(s), Target(s));
        }

        ScaleAndStep(net.Parameters, net.Gradients, NetOptimizer);
        return loss;
    }
}

/// <summary>64-32-10 ReLU, softmax output, cross-entropy.</summary>
public class Net64x32x10Benchmarks : NetworkBenchmarks<Net64x32x10>
{
    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void Forward_Generated() => Net.Forward(Input(0), Output(0));

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchForward)]
    public void BatchForward_Generated() => Net.Forward(Inputs, Outputs);

    [Benchmark]
    [BenchmarkCategory(Categories.Backward)]
    public float Backward_Generated() => Net.Backward(Input(0), Target(0));

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchBackward)]
    public float BatchBackward_Generated() => Net.Backward(Inputs, Targets);

    [Benchmark]
    [BenchmarkCategory(Categories.TrainStep)]
    public float TrainStep_Generated()
    {
        Net64x32x10 net = Net;
        int first = NextMiniBatch();
        net.ZeroGradients();
        float loss = 0f;
        for (int s = first; s < first + MiniBatchSize; s++)
        {
            loss += net.Backward(Input(s), Target(s));
        }

        ScaleAndStep(net.Parameters, net.Gradients, NetOptimizer);
        return loss;
    }

    [Benchmark]
    [BenchmarkCategory(Categories.TrainStepOneCall)]
    public float TrainStepOneCall32_Generated()
    {
        const int samples = 32;
        Net64x32x10 net = Net;
        int first = NextOneCallMiniBatch(samples);
        net.ZeroGradients();
        float loss = net.Backward(InputRows(first, samples), TargetRows(first, samples));
        ScaleAndStep(net.Parameters, net.Gradients, NetOptimizer, samples);
        return loss;
    }
}

/// <summary>64-64-64-10 ReLU, linear output, MSE.</summary>
public class Net64x64x64x10Benchmarks : NetworkBenchmarks<Net64x64x64x10>
{
    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void Forward_Generated() => Net.Forward(Input(0), Output(0));

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchForward)]
    public void BatchForward_Generated() => Net.Forward(Inputs, Outputs);

    [Benchmark]
    [BenchmarkCategory(Categories.Backward)]
    public float Backward_Generated() => Net.Backward(Input(0), Target(0));

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchBackward)]
    public float BatchBackward_Generated() => Net.Backward(Inputs, Targets);

    [Benchmark]
    [BenchmarkCategory(Categories.TrainStep)]
    public float TrainStep_Generated()
    {
        Net64x64x64x10 net = Net;
        int first = NextMiniBatch();
        net.ZeroGradients();
        float loss = 0f;
        for (int s = first; s < first + MiniBatchSize; s++)
        {
            loss += net.Backward(Input(s), Target(s));
        }

        ScaleAndStep(net.Parameters, net.Gradients, NetOptimizer);
        return loss;
    }
}

/// <summary>784-128-10 ReLU, softmax output, cross-entropy.</summary>
public class Net784x128x10Benchmarks : NetworkBenchmarks<Net784x128x10>
{
    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void Forward_Generated() => Net.Forward(Input(0), Output(0));

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchForward)]
    public void BatchForward_Generated() => Net.Forward(Inputs, Outputs);

    [Benchmark]
    [BenchmarkCategory(Categories.Backward)]
    public float Backward_Generated() => Net.Backward(Input(0), Target(0));

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchBackward)]
    public float BatchBackward_Generated() => Net.Backward(Inputs, Targets);

    [Benchmark]
    [BenchmarkCategory(Categories.TrainStep)]
    public float TrainStep_Generated()
    {
        Net784x128x10 net = Net;
        int first = NextMiniBatch();
        net.ZeroGradients();
        float loss = 0f;
        for (int s = first; s < first + MiniBatchSize; s++)
        {
            loss += net.Backward(Input(s), Target(s));
        }

        ScaleAndStep(net.Parameters, net.Gradients, NetOptimizer);
        return loss;
    }

    [Benchmark]
    [BenchmarkCategory(Categories.TrainStepOneCall)]
    public float TrainStepOneCall256_Generated()
    {
        const int samples = 256;
        Net784x128x10 net = Net;
        int first = NextOneCallMiniBatch(samples);
        net.ZeroGradients();
        float loss = net.Backward(InputRows(first, samples), TargetRows(first, samples));
        ScaleAndStep(net.Parameters, net.Gradients, NetOptimizer, samples);
        return loss;
    }
}
