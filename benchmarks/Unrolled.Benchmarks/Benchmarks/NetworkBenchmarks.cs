using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Unrolled.Benchmarks.Baselines;

namespace Unrolled.Benchmarks;

/// <summary>
/// One network's baselines (reference interpreter, hand-written loops, TensorPrimitives) holding a copy of the
/// generated network's parameters, their benchmark methods, and the training-step helpers.
/// </summary>
/// <typeparam name="TNet">The generated network.</typeparam>
public abstract class NetworkBenchmarks<TNet> : NetworkBenchmarkBase<TNet>
    where TNet : class, INetwork<float>, new()
{
    /// <summary>Samples per training step.</summary>
    public const int MiniBatchSize = 32;

    /// <summary>Adam's step size in the training-step benchmarks.</summary>
    public const float LearningRate = 1e-3f;

    private int _nextMiniBatch;
    private int _nextReferenceMiniBatch;
    private int _oneCallSteps;

    protected ReferenceNetwork<float> Reference { get; private set; } = null!;

    protected HandLoopNetwork HandLoop { get; private set; } = null!;

    protected TensorPrimitivesNetwork Tensor { get; private set; } = null!;

    protected Adam<float> NetOptimizer { get; private set; } = null!;

    protected Adam<float> ReferenceOptimizer { get; private set; } = null!;

    protected override void SetUpBaselines()
    {
        NetworkSpec spec = Net.Spec;
        Reference = new ReferenceNetwork<float>(spec);
        Net.Parameters.CopyTo(Reference.Parameters);
        HandLoop = new HandLoopNetwork(spec, Net.Parameters);
        Tensor = new TensorPrimitivesNetwork(spec, Net.Parameters);
        NetOptimizer = new Adam<float>(Net.ParameterCount, LearningRate);
        ReferenceOptimizer = new Adam<float>(Reference.ParameterCount, LearningRate);
        CheckAgreement();
    }

    /// <summary>Every implementation must compute the same outputs, or the comparison means nothing.</summary>
    private void CheckAgreement()
    {
        Span<float> expected = stackalloc float[OutputCount];
        Span<float> actual = stackalloc float[OutputCount];
        for (int s = 0; s < 16; s++)
        {
            ReadOnlySpan<float> x = Input(s);
            Net.Forward(x, expected);
            Reference.Forward(x, actual);
            Compare("ReferenceNetwork", expected, actual);
            HandLoop.Forward(x, actual);
            Compare("HandLoopNetwork", expected, actual);
            Tensor.Forward(x, actual);
            Compare("TensorPrimitivesNetwork", expected, actual);
        }

        Net.ZeroGradients();
        Reference.ZeroGradients();
        float loss = Net.Backward(Input(0), Target(0));
        float referenceLoss = Reference.Backward(Input(0), Target(0));
        if (MathF.Abs(loss - referenceLoss) > 1e-4f * (1f + MathF.Abs(loss)))
        {
            throw new InvalidOperationException($"{typeof(TNet).Name}: loss {loss} but the reference says {referenceLoss}.");
        }

        Net.ZeroGradients();
        Reference.ZeroGradients();
    }

    private static void Compare(string who, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        for (int k = 0; k < expected.Length; k++)
        {
            if (!(MathF.Abs(expected[k] - actual[k]) <= 1e-4f * (1f + MathF.Abs(expected[k]))))
            {
                throw new InvalidOperationException($"{typeof(TNet).Name}: {who} output {k} is {actual[k]}, the generated network's is {expected[k]}.");
            }
        }
    }

    /// <summary>The first sample of the next mini-batch for the generated network (cycles through the data).</summary>
    protected int NextMiniBatch()
    {
        int first = _nextMiniBatch;
        _nextMiniBatch = (first + MiniBatchSize) % BatchSize;
        return first;
    }

    /// <summary>
    /// The first sample of the next mini-batch of <paramref name="samples"/> (a divisor of <see cref="NetworkBenchmarkBase{TNet}.BatchSize"/>)
    /// for the one-call training steps: cycles through the data.
    /// </summary>
    protected int NextOneCallMiniBatch(int samples) => (_oneCallSteps++ % (BatchSize / samples)) * samples;

    /// <summary>A mini-batch step on the generated network's gradients: g /= 32, then Adam.</summary>
    protected void ScaleAndStep(Span<float> parameters, Span<float> gradients, Adam<float> optimizer) =>
        ScaleAndStep(parameters, gradients, optimizer, MiniBatchSize);

    /// <summary>A step after a mini-batch of <paramref name="samples"/>: g /= samples, then Adam.</summary>
    protected static void ScaleAndStep(Span<float> parameters, Span<float> gradients, Adam<float> optimizer, int samples)
    {
        TensorPrimitives.Multiply(gradients, 1f / samples, gradients);
        optimizer.Step(parameters, gradients);
    }

    // ---- Forward, one sample ----

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Categories.Forward)]
    public void Forward_Reference() => Reference.Forward(Input(0), Output(0));

    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void Forward_HandLoop() => HandLoop.Forward(Input(0), Output(0));

    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void Forward_TensorPrimitives() => Tensor.Forward(Input(0), Output(0));

    // ---- Forward, a batch of 1,024 samples, reported per sample ----

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchForward)]
    public void BatchForward_Reference()
    {
        for (int s = 0; s < BatchSize; s++)
        {
            Reference.Forward(Input(s), Output(s));
        }
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchForward)]
    public void BatchForward_HandLoop()
    {
        for (int s = 0; s < BatchSize; s++)
        {
            HandLoop.Forward(Input(s), Output(s));
        }
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    [BenchmarkCategory(Categories.BatchForward)]
    public void BatchForward_TensorPrimitives()
    {
        for (int s = 0; s < BatchSize; s++)
        {
            Tensor.Forward(Input(s), Output(s));
        }
    }

    // ---- Backprop, one sample: forward, loss, backward, gradients added to the running sum ----
    // (Zeroing the gradients belongs to the optimizer step, once per mini-batch: TrainStep times it.)

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Categories.Backward)]
    public float Backward_Reference() => Reference.Backward(Input(0), Target(0));

    // ---- Training step: 32 samples backward, gradient / 32, Adam ----

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Categories.TrainStep)]
    public float TrainStep_Reference()
    {
        int first = _nextReferenceMiniBatch;
        _nextReferenceMiniBatch = (first + MiniBatchSize) % BatchSize;
        Reference.ZeroGradients();
        float loss = 0f;
        for (int s = first; s < first + MiniBatchSize; s++)
        {
            loss += Reference.Backward(Input(s), Target(s));
        }

        ScaleAndStep(Reference.Parameters, Reference.Gradients, ReferenceOptimizer);
        return loss;
    }
}
