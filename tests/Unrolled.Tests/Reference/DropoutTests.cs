namespace Unrolled.Tests.Reference;

/// <summary>Inverted dropout in Backward only: its scaling, its seeded stream, fixed masks, and no effect on inference.</summary>
public class DropoutTests
{
    private const int Wide = 20000;

    /// <summary>1 -> Wide identity units with dropout (each a copy of the input) -> 1 identity unit averaging them.</summary>
    private static ReferenceNetwork<double> Averager(double p)
    {
        var spec = new NetworkSpec(1, [new LayerSpec(Wide, dropout: p), new LayerSpec(1)], precision: Precision.Double);
        var net = new ReferenceNetwork<double>(spec);
        net.Parameters.Clear();
        net.Parameters[..Wide].Fill(1.0);                                  // W1 = 1, b1 = 0: a = x
        net.Parameters.Slice(spec.WeightOffset(1), Wide).Fill(1.0 / Wide); // W2 = 1 / Wide, b2 = 0: y = mean(a)
        return net;
    }

    private static NetworkSpec Mlp(double p, LossFunction loss = LossFunction.MeanSquaredError, double outputDropout = 0) => new(
        3, [new LayerSpec(6, Activation.Tanh, dropout: p), new LayerSpec(5, Activation.PRelu, dropout: p),
            new LayerSpec(3, loss == LossFunction.CrossEntropy ? Activation.Softmax : Activation.Sigmoid, dropout: outputDropout)],
        loss, Precision.Double);

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void About_one_minus_p_of_the_units_are_kept_scaled_by_one_over_one_minus_p(double p)
    {
        var net = Averager(p);
        net.SeedDropout(17);
        double loss = net.Backward([1.0], [0.0]); // (mean of the dropped outputs - 0)^2

        var keep = new bool[Wide];
        net.CopyDropoutMask(0, keep);
        double kept = keep.Count(k => k) / (double)Wide;
        double sigma = Math.Sqrt(p * (1 - p) / Wide);
        Assert.InRange(kept, 1 - p - 5 * sigma, 1 - p + 5 * sigma);

        // dL/dW2_j = 2 mean * a'_j: every dropped output is exactly 0 or 1 / (1 - p), as the mask says.
        double mean = Math.Sqrt(loss);
        double[] w2 = net.Gradients.Slice(Wide + Wide, Wide).ToArray().Select(g => g / (2 * mean)).ToArray();
        for (int j = 0; j < Wide; j++)
        {
            Assert.Equal(keep[j] ? 1 / (1 - p) : 0, w2[j], 12);
        }

        // Inverted dropout keeps the expectation: the mean of the dropped outputs is the undropped 1, within its noise.
        Assert.InRange(mean, 1 - 5 * sigma / (1 - p), 1 + 5 * sigma / (1 - p));
    }

    [Fact]
    public void The_same_seed_draws_the_same_masks_and_another_seed_others()
    {
        double[] Run(long seed)
        {
            var net = new ReferenceNetwork<double>(Mlp(0.5), seed: 1);
            net.SeedDropout(seed);
            var (input, target) = Testing.NetworkOracle.Batch<double>(net.Spec, new SeededRandom(2), samples: 16);
            net.Backward(input, target);
            return net.Gradients.ToArray();
        }

        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }

    [Fact]
    public void Forward_and_Loss_never_drop_and_draw_nothing()
    {
        var with = new ReferenceNetwork<double>(Mlp(0.5), seed: 3);
        var without = new ReferenceNetwork<double>(Mlp(0), seed: 3);
        Assert.Equal(without.Parameters.ToArray(), with.Parameters.ToArray());
        var (input, target) = Testing.NetworkOracle.Batch<double>(with.Spec, new SeededRandom(4), samples: 8);
        var a = new double[8 * 3];
        var b = new double[8 * 3];
        with.Forward(input, a);
        without.Forward(input, b);
        Assert.Equal(b, a);
        Assert.Equal(without.Loss(input, target), with.Loss(input, target));

        // Forward and Loss leave the stream alone: the masks Backward draws next are those of a fresh stream.
        var fresh = new ReferenceNetwork<double>(Mlp(0.5), seed: 3);
        with.Backward(input, target);
        fresh.Backward(input, target);
        Assert.Equal(fresh.Gradients.ToArray(), with.Gradients.ToArray());
    }

    [Fact]
    public void Backward_with_dropout_differs_from_backward_without()
    {
        var with = new ReferenceNetwork<double>(Mlp(0.5), seed: 3);
        var without = new ReferenceNetwork<double>(Mlp(0), seed: 3);
        var (input, target) = Testing.NetworkOracle.Batch<double>(with.Spec, new SeededRandom(4), samples: 4);
        Assert.NotEqual(without.Backward(input, target), with.Backward(input, target));
        Assert.NotEqual(without.Gradients.ToArray(), with.Gradients.ToArray());
    }

    [Fact]
    public void A_fixed_mask_is_used_until_released_and_draws_nothing()
    {
        var net = new ReferenceNetwork<double>(Mlp(0.5), seed: 5);
        bool[] first = [true, false, true, true, false, false], second = [false, true, true, false, true];
        net.SetDropoutMask(0, first);
        net.SetDropoutMask(1, second);
        var (input, target) = Testing.NetworkOracle.Batch<double>(net.Spec, new SeededRandom(6), samples: 1);
        double loss = net.Backward(input, target);
        Assert.Equal(loss, net.Backward(input, target));
        var copy = new bool[6];
        net.CopyDropoutMask(0, copy);
        Assert.Equal(first, copy);

        // Nothing was drawn while the masks were fixed: the stream is where a fresh network's is.
        net.ReleaseDropoutMasks();
        var fresh = new ReferenceNetwork<double>(Mlp(0.5), seed: 5);
        net.ZeroGradients();
        Assert.Equal(fresh.Backward(input, target), net.Backward(input, target));
        Assert.Equal(fresh.Gradients.ToArray(), net.Gradients.ToArray());
    }

    [Fact]
    public void A_dropped_unit_passes_no_gradient()
    {
        var net = new ReferenceNetwork<double>(Mlp(0.5), seed: 5);
        net.SetDropoutMask(0, [true, false, true, false, true, false]);
        net.SetDropoutMask(1, [false, false, false, false, false]);
        var (input, target) = Testing.NetworkOracle.Batch<double>(net.Spec, new SeededRandom(6), samples: 1);
        net.Backward(input, target);
        var spec = net.Spec;
        Assert.All(net.Gradients.Slice(0, spec.WeightOffset(2)).ToArray(), g => Assert.Equal(0.0, g)); // layer 2 outputs all dropped
        Assert.All(net.Gradients.Slice(spec.WeightOffset(2), 5 * 3).ToArray(), g => Assert.Equal(0.0, g));
        Assert.Contains(net.Gradients.Slice(spec.BiasOffset(2), 3).ToArray(), g => g != 0);
    }

    [Theory]
    [InlineData(LossFunction.MeanSquaredError, false)]
    [InlineData(LossFunction.MeanSquaredError, true)]
    [InlineData(LossFunction.CrossEntropy, false)]
    public void Gradient_check_with_a_fixed_mask_and_with_a_replayed_stream(LossFunction loss, bool fixedMask)
    {
        var net = new ReferenceNetwork<double>(Mlp(0.4, loss, outputDropout: loss == LossFunction.MeanSquaredError ? 0.3 : 0), seed: 9);
        Testing.NetworkOracle.RandomParameters<double>(net.Spec, new SeededRandom(10), net.Parameters);
        if (fixedMask)
        {
            net.SetDropoutMask(0, [true, true, false, true, false, true]);
            net.SetDropoutMask(1, [true, false, true, true, true]);
            net.SetDropoutMask(2, [false, true, true]);
        }

        var (input, target) = Testing.NetworkOracle.Batch<double>(net.Spec, new SeededRandom(11), samples: 1);
        var report = GradientCheck.Run(net, input, target, relativeFloor: 1e-4, dropoutSeed: 12);
        Assert.True(report.MaxRelativeError < 1e-7 && report.MaxAbsoluteError < 1e-9, report.ToString());
    }

    [Fact]
    public void The_equivalence_oracle_replays_the_masks_for_both_networks()
    {
        // What the generated-vs-interpreter suites will run: an implementation seeded alike draws the same masks.
        var net = new ReferenceNetwork<double>(Mlp(0.5), seed: 1);
        net.Backward(new double[3], new double[3]); // its stream is no longer where a fresh interpreter's is
        Assert.Equal(0, Testing.NetworkOracle.Check<double>(net, 0, seed: 3, ActivationMode.Exact));
    }

    [Fact]
    public void The_gradient_check_needs_a_network_that_replays_its_masks()
    {
        var net = new Opaque(new ReferenceNetwork<double>(Mlp(0.4), seed: 9));
        var error = Assert.Throws<ArgumentException>(() => GradientCheck.Run(net, new double[3], new double[3]));
        Assert.Contains("IDropoutNetwork", error.Message);
    }

    [Fact]
    public void Dropout_on_a_cross_entropy_output_changes_nothing_the_loss_reads_from_the_logits()
    {
        var with = new ReferenceNetwork<double>(Mlp(0, LossFunction.CrossEntropy, outputDropout: 0.5), seed: 2);
        var without = new ReferenceNetwork<double>(Mlp(0, LossFunction.CrossEntropy), seed: 2);
        var (input, target) = Testing.NetworkOracle.Batch<double>(with.Spec, new SeededRandom(3), samples: 5);
        Assert.Equal(without.Backward(input, target), with.Backward(input, target));
        Assert.Equal(without.Gradients.ToArray(), with.Gradients.ToArray());
    }

    [Fact]
    public void Masks_are_checked_and_only_layers_with_dropout_have_one()
    {
        var net = new ReferenceNetwork<float>(new NetworkSpec(2, [new LayerSpec(3, dropout: 0.5), new LayerSpec(1)]));
        Assert.Throws<ArgumentException>(() => net.SetDropoutMask(1, [true]));
        Assert.Throws<ArgumentException>(() => net.SetDropoutMask(0, [true, false]));
        Assert.Throws<ArgumentOutOfRangeException>(() => net.CopyDropoutMask(2, new bool[1]));
    }

    [Fact]
    public void Backward_with_dropout_allocates_nothing_after_warm_up()
    {
        var net = new ReferenceNetwork<float>(new NetworkSpec(4, [new LayerSpec(32, Activation.Relu, dropout: 0.3), new LayerSpec(2)]));
        float[] input = [0.1f, -0.2f, 0.3f, 0.4f], target = [1f, 0f];
        net.Backward(input, target);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2000; i++)
        {
            net.Backward(input, target);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>A network that hides the interpreter's <see cref="IDropoutNetwork"/>.</summary>
    private sealed class Opaque(ReferenceNetwork<double> inner) : INetwork<double>
    {
        public NetworkSpec Spec => inner.Spec;

        public int InputCount => inner.InputCount;

        public int OutputCount => inner.OutputCount;

        public int ParameterCount => inner.ParameterCount;

        public Span<double> Parameters => inner.Parameters;

        public Span<double> Gradients => inner.Gradients;

        public void Forward(ReadOnlySpan<double> input, Span<double> output) => inner.Forward(input, output);

        public double Loss(ReadOnlySpan<double> input, ReadOnlySpan<double> target) => inner.Loss(input, target);

        public double Backward(ReadOnlySpan<double> input, ReadOnlySpan<double> target) => inner.Backward(input, target);

        public void ZeroGradients() => inner.ZeroGradients();

        public void Initialize(int seed) => inner.Initialize(seed);
    }
}
