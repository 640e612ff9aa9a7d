using System.Numerics;

namespace Unrolled.Tests.Training;

/// <summary>
/// Each optimizer against its update rule written out element by element in double, from the formula in its docs
/// (not from the implementation's vectorized form), over three steps on a 3-element vector.
/// </summary>
public class OptimizerTests
{
    private static readonly double[] Start = [0.5, -1.0, 2.0];

    private static readonly double[][] Grads =
    [
        [0.1, -0.2, 0.3],
        [-0.4, 0.5, 0.6],
        [0.2, 0.0, -0.1],
    ];

    /// <summary>Runs <paramref name="optimizer"/> over <see cref="Grads"/> from <see cref="Start"/>, returning p after each step.</summary>
    private static double[][] Run<T>(IOptimizer<T> optimizer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] p = Start.Select(T.CreateTruncating).ToArray();
        var after = new List<double[]>();
        foreach (double[] g in Grads)
        {
            optimizer.Step(p, g.Select(T.CreateTruncating).ToArray());
            after.Add(p.Select(double.CreateTruncating).ToArray());
        }

        return [.. after];
    }

    private static void AssertClose(double[][] expected, double[][] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int s = 0; s < expected.Length; s++)
        {
            for (int i = 0; i < expected[s].Length; i++)
            {
                Assert.True(Math.Abs(expected[s][i] - actual[s][i]) <= tolerance,
                    $"step {s + 1}, p[{i}]: expected {expected[s][i]:R}, got {actual[s][i]:R}");
            }
        }
    }

    private static double[][] SgdByHand(double lr, double wd)
    {
        double[] p = (double[])Start.Clone();
        var after = new List<double[]>();
        foreach (double[] g in Grads)
        {
            for (int i = 0; i < 3; i++)
            {
                double gi = g[i] + wd * p[i];
                p[i] -= lr * gi;
            }

            after.Add((double[])p.Clone());
        }

        return [.. after];
    }

    [Fact]
    public void Sgd_follows_its_rule()
    {
        var actual = Run(new Sgd<double>(0.1));
        AssertClose(SgdByHand(0.1, 0), actual, 1e-15);
        Assert.Equal(0.49, actual[0][0], 15); // 0.5 - 0.1 * 0.1
    }

    [Fact]
    public void Sgd_weight_decay_adds_the_L2_gradient()
    {
        var actual = Run(new Sgd<double>(0.1, 0.01));
        AssertClose(SgdByHand(0.1, 0.01), actual, 1e-15);
        Assert.Equal(0.4895, actual[0][0], 15); // 0.5 - 0.1 * (0.1 + 0.01 * 0.5)
        AssertClose(SgdByHand(0.1, 0.01), Run(new Sgd<float>(0.1f, 0.01f)), 1e-6);
    }

    [Fact]
    public void Sgd_weight_decay_covers_vectors_longer_than_its_stack_chunk()
    {
        const int n = 1000;
        var p = new double[n];
        var g = new double[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = Math.Sin(i);
            g[i] = Math.Cos(3 * i);
        }

        double[] expected = p.Select((pi, i) => pi - 0.05 * (g[i] + 0.2 * pi)).ToArray();
        new Sgd<double>(0.05, 0.2).Step(p, g);
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(expected[i] - p[i]) < 1e-15, $"p[{i}]");
        }
    }

    private static double[][] NesterovByHand(double lr, double mu, double wd)
    {
        double[] p = (double[])Start.Clone();
        var b = new double[3];
        var after = new List<double[]>();
        for (int t = 0; t < Grads.Length; t++)
        {
            for (int i = 0; i < 3; i++)
            {
                double g = Grads[t][i] + wd * p[i];
                b[i] = t == 0 ? g : mu * b[i] + g; // PyTorch: the buffer starts as a copy of the first gradient
                g += mu * b[i];
                p[i] -= lr * g;
            }

            after.Add((double[])p.Clone());
        }

        return [.. after];
    }

    [Fact]
    public void Nesterov_follows_the_PyTorch_rule()
    {
        var actual = Run(new Nesterov<double>(3, 0.1, 0.9));
        AssertClose(NesterovByHand(0.1, 0.9, 0), actual, 1e-15);
        Assert.Equal(0.5 - 0.1 * 1.9 * 0.1, actual[0][0], 15); // first step: p - lr (1 + mu) g
        AssertClose(NesterovByHand(0.1, 0.9, 0), Run(new Nesterov<float>(3, 0.1f, 0.9f)), 1e-6);
    }

    [Fact]
    public void Nesterov_with_weight_decay_follows_the_PyTorch_rule() =>
        AssertClose(NesterovByHand(0.05, 0.5, 0.1), Run(new Nesterov<double>(3, 0.05, 0.5, 0.1)), 1e-15);

    private static double[][] AdamByHand(double lr, double b1, double b2, double eps, double wd, bool decoupled)
    {
        double[] p = (double[])Start.Clone();
        var m = new double[3];
        var v = new double[3];
        var after = new List<double[]>();
        for (int t = 1; t <= Grads.Length; t++)
        {
            for (int i = 0; i < 3; i++)
            {
                double g = Grads[t - 1][i];
                if (decoupled)
                {
                    p[i] -= lr * wd * p[i];
                }
                else
                {
                    g += wd * p[i];
                }

                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.Pow(b1, t));
                double vHat = v[i] / (1 - Math.Pow(b2, t));
                p[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }

            after.Add((double[])p.Clone());
        }

        return [.. after];
    }

    [Fact]
    public void Adam_follows_its_rule_with_bias_correction()
    {
        var adam = new Adam<double>(3, 0.01);
        var actual = Run(adam);
        AssertClose(AdamByHand(0.01, 0.9, 0.999, 1e-8, 0, false), actual, 1e-14);

        // With bias correction the first step is lr * g / (|g| + eps): almost exactly lr against the gradient's sign.
        Assert.Equal(0.5 - 0.01 * 0.1 / (0.1 + 1e-8), actual[0][0], 14);
        Assert.Equal(-1.0 + 0.01 * 0.2 / (0.2 + 1e-8), actual[0][1], 14);
        Assert.Equal(3, adam.StepCount);
        Assert.Equal(0.9 * (0.9 * 0.1 * 0.1 + 0.1 * -0.4) + 0.1 * 0.2, adam.FirstMoment[0], 15);
    }

    [Fact]
    public void Adam_in_float_stays_within_rounding_of_the_double_rule() =>
        AssertClose(AdamByHand(0.01, 0.9, 0.999, 1e-8, 0, false), Run(new Adam<float>(3, 0.01f)), 2e-6);

    [Fact]
    public void Adam_weight_decay_is_added_to_the_gradient() =>
        AssertClose(AdamByHand(0.01, 0.8, 0.99, 1e-6, 0.5, false), Run(new Adam<double>(3, 0.01, 0.8, 0.99, 1e-6, 0.5)), 1e-14);

    [Fact]
    public void AdamW_decouples_weight_decay()
    {
        var expected = AdamByHand(0.01, 0.9, 0.999, 1e-8, 0.01, true);
        AssertClose(expected, Run(new AdamW<double>(3, 0.01)), 1e-14);
        AssertClose(AdamByHand(0.02, 0.8, 0.99, 1e-6, 0.5, true), Run(new AdamW<double>(3, 0.02, 0.8, 0.99, 1e-6, 0.5)), 1e-14);

        // The first step: p (1 - lr wd) - lr g / (|g| + eps).
        Assert.Equal(0.5 * (1 - 0.01 * 0.01) - 0.01 * 0.1 / (0.1 + 1e-8), expected[0][0], 15);

        // Decoupled and coupled decay differ: the test of each would catch a swap.
        Assert.NotEqual(AdamByHand(0.02, 0.8, 0.99, 1e-6, 0.5, false)[2][0], expected[2][0], 6);
    }

    /// <summary>
    /// Three steps of PyTorch (1.13, Debian's python3-torch) from p = [0.5, -1.0, 2.0] with the gradients of
    /// <see cref="Grads"/>: <c>torch.optim.Adam([p], lr=0.01)</c> and <c>torch.optim.AdamW([p], lr=0.01)</c> (so
    /// weight_decay 0.01), all other arguments default, in float64 and float32; printed with Python's repr.
    /// </summary>
    private static readonly double[][] TorchAdam64 =
    [
        [0.4900000009999999, -0.9900000005, 1.9900000003333334],
        [0.4955950357485128, -0.9944221530217233, 1.9803481802785634],
        [0.49669677234642673, -0.9978404897175931, 1.9739113664390646],
    ];

    private static readonly double[][] TorchAdamW64 =
    [
        [0.4899500009999999, -0.9899000005, 1.9898000003333334],
        [0.49549604074841286, -0.9942231630216734, 1.9799492002785302],
        [0.49654822774225194, -0.997542077401241, 1.9733143915190035],
    ];

    private static readonly double[][] TorchAdam32 =
    [
        [0.49000000953674316, -0.9900000095367432, 1.9900000095367432],
        [0.4955950379371643, -0.9944221377372742, 1.9803482294082642],
        [0.4966967701911926, -0.9978404641151428, 1.9739114046096802],
    ];

    private static readonly double[][] TorchAdamW32 =
    [
        [0.4899500012397766, -0.9898999929428101, 1.989799976348877],
        [0.4954960346221924, -0.9942231178283691, 1.9799492359161377],
        [0.49654820561408997, -0.9975420236587524, 1.9733144044876099],
    ];

    [Fact]
    public void Adam_and_AdamW_match_values_computed_by_PyTorch()
    {
        AssertClose(TorchAdam64, Run(new Adam<double>(3, 0.01)), 1e-15);
        AssertClose(TorchAdamW64, Run(new AdamW<double>(3, 0.01)), 1e-15);

        // float32: within one unit in the last place of values near 1-2 (2.4e-7).
        AssertClose(TorchAdam32, Run(new Adam<float>(3, 0.01f)), 2.4e-7);
        AssertClose(TorchAdamW32, Run(new AdamW<float>(3, 0.01f)), 2.4e-7);

        // The hand-written rule agrees with PyTorch too, so the two kinds of expected values check each other.
        AssertClose(TorchAdam64, AdamByHand(0.01, 0.9, 0.999, 1e-8, 0, false), 1e-15);
        AssertClose(TorchAdamW64, AdamByHand(0.01, 0.9, 0.999, 1e-8, 0.01, true), 1e-15);
    }

    private static double[][] RmsPropByHand(double lr, double alpha, double eps, double wd, double mu, bool centered)
    {
        double[] p = (double[])Start.Clone();
        var v = new double[3];
        var gAve = new double[3];
        var b = new double[3];
        var after = new List<double[]>();
        foreach (double[] grad in Grads)
        {
            for (int i = 0; i < 3; i++)
            {
                double g = grad[i] + wd * p[i];
                v[i] = alpha * v[i] + (1 - alpha) * g * g;
                double denominator;
                if (centered)
                {
                    gAve[i] = alpha * gAve[i] + (1 - alpha) * g;
                    denominator = Math.Sqrt(v[i] - gAve[i] * gAve[i]) + eps;
                }
                else
                {
                    denominator = Math.Sqrt(v[i]) + eps;
                }

                if (mu > 0)
                {
                    b[i] = mu * b[i] + g / denominator;
                    p[i] -= lr * b[i];
                }
                else
                {
                    p[i] -= lr * g / denominator;
                }
            }

            after.Add((double[])p.Clone());
        }

        return [.. after];
    }

    [Fact]
    public void RMSprop_follows_the_PyTorch_default_rule()
    {
        var actual = Run(new RMSprop<double>(3, 0.01));
        AssertClose(RmsPropByHand(0.01, 0.99, 1e-8, 0, 0, false), actual, 1e-14);

        // First step: v = 0.01 g^2, so p moves by lr * g / (0.1 |g| + eps): ten times the learning rate.
        Assert.Equal(0.5 - 0.01 * 0.1 / (0.1 * 0.1 + 1e-8), actual[0][0], 14);
        AssertClose(RmsPropByHand(0.01, 0.99, 1e-8, 0, 0, false), Run(new RMSprop<float>(3, 0.01f)), 1e-5);
    }

    [Fact]
    public void RMSprop_with_weight_decay_momentum_and_centering_follows_the_PyTorch_rule()
    {
        AssertClose(RmsPropByHand(0.01, 0.9, 1e-6, 0.1, 0, false), Run(new RMSprop<double>(3, 0.01, 0.9, 1e-6, 0.1)), 1e-14);
        AssertClose(RmsPropByHand(0.01, 0.9, 1e-6, 0, 0.5, false), Run(new RMSprop<double>(3, 0.01, 0.9, 1e-6, momentum: 0.5)), 1e-14);
        AssertClose(RmsPropByHand(0.01, 0.9, 1e-6, 0.1, 0.5, true), Run(new RMSprop<double>(3, 0.01, 0.9, 1e-6, 0.1, 0.5, centered: true)), 1e-13);
    }

    public static TheoryData<string> OptimizerNames => ["Sgd", "SgdDecay", "Nesterov", "Adam", "AdamW", "RMSprop", "RMSpropFull"];

    private static IOptimizer<T> Create<T>(string name, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T F(double x) => T.CreateTruncating(x);
        return name switch
        {
            "Sgd" => new Sgd<T>(F(0.1)),
            "SgdDecay" => new Sgd<T>(F(0.1), F(0.01)),
            "Nesterov" => new Nesterov<T>(count, F(0.1), F(0.9), F(0.01)),
            "Adam" => new Adam<T>(count, F(0.01), F(0.9), F(0.999), F(1e-8), F(0.01)),
            "AdamW" => new AdamW<T>(count, F(0.01)),
            "RMSprop" => new RMSprop<T>(count, F(0.01)),
            "RMSpropFull" => new RMSprop<T>(count, F(0.01), F(0.9), F(1e-8), F(0.01), F(0.5), centered: true),
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void Learning_rate_changes_take_effect_at_the_next_step(string name)
    {
        var changed = Create<double>(name, 3);
        var reference = Create<double>(name, 3);
        double[] p1 = (double[])Start.Clone(), p2 = (double[])Start.Clone();
        changed.Step(p1, Grads[0]);
        reference.Step(p2, Grads[0]);
        Assert.Equal(p2, p1);

        changed.LearningRate = 0.5 * changed.LearningRate;
        changed.Step(p1, Grads[1]);
        reference.Step(p2, Grads[1]);
        Assert.NotEqual(p2, p1);

        changed.LearningRate = 0; // a schedule may end at zero: nothing moves
        double[] frozen = (double[])p1.Clone();
        changed.Step(p1, Grads[2]);
        Assert.Equal(frozen, p1);
    }

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void Reset_makes_the_optimizer_behave_as_new(string name)
    {
        var used = Create<double>(name, 3);
        double[] scratch = (double[])Start.Clone();
        used.Step(scratch, Grads[0]);
        used.Step(scratch, Grads[1]);
        used.Reset();

        double[] p1 = (double[])Start.Clone(), p2 = (double[])Start.Clone();
        var fresh = Create<double>(name, 3);
        used.Step(p1, Grads[2]);
        fresh.Step(p2, Grads[2]);
        Assert.Equal(p2, p1);
    }

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void Step_rejects_spans_of_the_wrong_length(string name)
    {
        var optimizer = Create<float>(name, 3);
        var error = Assert.Throws<ArgumentException>(() => optimizer.Step(new float[3], new float[2]));
        Assert.Equal("gradients", error.ParamName);
        if (name is not ("Sgd" or "SgdDecay"))
        {
            Assert.Throws<ArgumentException>(() => optimizer.Step(new float[4], new float[4]));
        }
    }

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void Step_allocates_nothing(string name)
    {
        const int count = 300; // more than Sgd's stack chunk
        AssertNoAllocations(Create<float>(name, count), count);
        AssertNoAllocations(Create<double>(name, count), count);
    }

    private static void AssertNoAllocations<T>(IOptimizer<T> optimizer, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var p = new T[count];
        var g = new T[count];
        for (int i = 0; i < count; i++)
        {
            p[i] = T.CreateTruncating(Math.Sin(i));
            g[i] = T.CreateTruncating(1e-3 * Math.Cos(i));
        }

        for (int i = 0; i < 100; i++)
        {
            optimizer.Step(p, g);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            optimizer.Step(p, g);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.All(p, x => Assert.True(T.IsFinite(x)));
    }

    public static TheoryData<string, string> InvalidHyperParameters => new()
    {
        { "Sgd lr 0", "learningRate" },
        { "Sgd lr NaN", "learningRate" },
        { "Sgd wd -1", "weightDecay" },
        { "Nesterov count -1", "parameterCount" },
        { "Nesterov lr -1", "learningRate" },
        { "Nesterov momentum 0", "momentum" },
        { "Nesterov momentum 1", "momentum" },
        { "Nesterov wd inf", "weightDecay" },
        { "Adam lr inf", "learningRate" },
        { "Adam beta1 1", "beta1" },
        { "Adam beta1 -0.1", "beta1" },
        { "Adam beta2 1", "beta2" },
        { "Adam eps -1", "epsilon" },
        { "Adam wd -0.1", "weightDecay" },
        { "AdamW count -1", "parameterCount" },
        { "AdamW beta2 NaN", "beta2" },
        { "AdamW wd -1", "weightDecay" },
        { "RMSprop lr 0", "learningRate" },
        { "RMSprop alpha 1", "alpha" },
        { "RMSprop eps NaN", "epsilon" },
        { "RMSprop momentum 1", "momentum" },
        { "RMSprop wd -1", "weightDecay" },
    };

    [Theory]
    [MemberData(nameof(InvalidHyperParameters))]
    public void Constructors_reject_out_of_range_hyper_parameters_naming_them(string call, string parameter)
    {
        Action create = call switch
        {
            "Sgd lr 0" => () => _ = new Sgd<double>(0),
            "Sgd lr NaN" => () => _ = new Sgd<double>(double.NaN),
            "Sgd wd -1" => () => _ = new Sgd<double>(0.1, -1),
            "Nesterov count -1" => () => _ = new Nesterov<double>(-1, 0.1, 0.9),
            "Nesterov lr -1" => () => _ = new Nesterov<double>(3, -1, 0.9),
            "Nesterov momentum 0" => () => _ = new Nesterov<double>(3, 0.1, 0),
            "Nesterov momentum 1" => () => _ = new Nesterov<double>(3, 0.1, 1),
            "Nesterov wd inf" => () => _ = new Nesterov<double>(3, 0.1, 0.9, double.PositiveInfinity),
            "Adam lr inf" => () => _ = new Adam<double>(3, double.PositiveInfinity),
            "Adam beta1 1" => () => _ = new Adam<double>(3, 0.1, 1, 0.999, 1e-8),
            "Adam beta1 -0.1" => () => _ = new Adam<double>(3, 0.1, -0.1, 0.999, 1e-8),
            "Adam beta2 1" => () => _ = new Adam<double>(3, 0.1, 0.9, 1, 1e-8),
            "Adam eps -1" => () => _ = new Adam<double>(3, 0.1, 0.9, 0.999, -1),
            "Adam wd -0.1" => () => _ = new Adam<double>(3, 0.1, 0.9, 0.999, 1e-8, -0.1),
            "AdamW count -1" => () => _ = new AdamW<double>(-1, 0.1),
            "AdamW beta2 NaN" => () => _ = new AdamW<double>(3, 0.1, 0.9, double.NaN, 1e-8, 0.01),
            "AdamW wd -1" => () => _ = new AdamW<double>(3, 0.1, 0.9, 0.999, 1e-8, -1),
            "RMSprop lr 0" => () => _ = new RMSprop<double>(3, 0),
            "RMSprop alpha 1" => () => _ = new RMSprop<double>(3, 0.1, 1, 1e-8),
            "RMSprop eps NaN" => () => _ = new RMSprop<double>(3, 0.1, 0.99, double.NaN),
            "RMSprop momentum 1" => () => _ = new RMSprop<double>(3, 0.1, 0.99, 1e-8, momentum: 1),
            "RMSprop wd -1" => () => _ = new RMSprop<double>(3, 0.1, 0.99, 1e-8, weightDecay: -1),
            _ => throw new ArgumentException(call),
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(parameter, error.Message);
    }

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void Learning_rate_setter_rejects_negative_and_non_finite_values(string name)
    {
        var optimizer = Create<float>(name, 3);
        Assert.Equal("LearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = -0.1f).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = float.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = float.PositiveInfinity);
        optimizer.LearningRate = 0.25f;
        Assert.Equal(0.25f, optimizer.LearningRate);
    }

    [Fact]
    public void Defaults_are_PyTorchs()
    {
        var adam = new Adam<double>(1, 1e-3);
        Assert.Equal((0.9, 0.999, 1e-8, 0.0), (adam.Beta1, adam.Beta2, adam.Epsilon, adam.WeightDecay));
        var adamW = new AdamW<double>(1, 1e-3);
        Assert.Equal((0.9, 0.999, 1e-8, 0.01), (adamW.Beta1, adamW.Beta2, adamW.Epsilon, adamW.WeightDecay));
        var rmsprop = new RMSprop<double>(1, 1e-2);
        Assert.Equal((0.99, 1e-8, 0.0, 0.0, false), (rmsprop.Alpha, rmsprop.Epsilon, rmsprop.WeightDecay, rmsprop.MomentumFactor, rmsprop.Centered));
    }
}
