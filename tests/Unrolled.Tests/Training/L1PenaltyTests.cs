using System.Numerics;

namespace Unrolled.Tests.Training;

/// <summary>The L1 subgradient l1 * sign(w) (sign(0) = 0) on the weights, and optimizers that add it before weight_decay.</summary>
public class L1PenaltyTests
{
    // 2 -> 3 PRelu -> 2 NoBias: W1 [0, 6), b1 [6, 9), slopes1 [9, 12), W2 [12, 18).
    private static readonly NetworkSpec Spec = new(2, [new LayerSpec(3, Activation.PRelu), new LayerSpec(2, bias: false)], precision: Precision.Double);

    private static double[] Parameters => [0.5, -1.0, 0.0, -0.0, 2.0, -3.0, 0.25, -0.5, 0.0, 0.1, -0.2, 0.0, 1.5, 0.0, -0.75, 0.3, -0.1, double.NaN];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Weights_and_optionally_biases_are_penalized_never_prelu_slopes(bool includeBiases)
    {
        var l1 = new L1Penalty<double>(Spec, 0.01, includeBiases);
        Assert.Equal(18, l1.ParameterCount);
        Assert.All(Enumerable.Range(0, 6).Concat(Enumerable.Range(12, 6)), k => Assert.True(l1.Penalizes(k)));
        Assert.All(Enumerable.Range(6, 3), k => Assert.Equal(includeBiases, l1.Penalizes(k)));
        Assert.All(Enumerable.Range(9, 3), k => Assert.False(l1.Penalizes(k)));
    }

    [Fact]
    public void The_subgradient_is_sign_w_times_l1_with_sign_0_equal_to_0()
    {
        var l1 = new L1Penalty<double>(Spec, 0.01, includeBiases: true);
        double[] gradients = Enumerable.Range(0, 18).Select(k => k / 8.0).ToArray();
        var destination = new double[18];
        l1.AddSubgradient(Parameters, gradients, destination);
        double[] sign = [1, -1, 0, 0, 1, -1, /* biases */ 1, -1, 0, /* slopes */ 0, 0, 0, /* W2 */ 1, 0, -1, 1, -1, 0 /* NaN */];
        for (int k = 0; k < 18; k++)
        {
            Assert.Equal(gradients[k] + (sign[k] > 0 ? 0.01 : sign[k] < 0 ? -0.01 : 0), destination[k]);
        }

        // In place, as the trainer uses it.
        l1.AddSubgradient(Parameters, gradients, gradients);
        Assert.Equal(destination, gradients);
    }

    [Fact]
    public void The_value_is_l1_times_the_sum_of_absolute_penalized_parameters()
    {
        double[] p = Parameters;
        p[17] = 0.4;
        Assert.Equal(0.01 * (0.5 + 1 + 2 + 3 + 1.5 + 0.75 + 0.3 + 0.1 + 0.4), new L1Penalty<double>(Spec, 0.01).Value(p), 15);
    }

    private static readonly string[] Names = ["Sgd", "Sgd+wd", "Momentum", "Nesterov", "Adam", "Adam+wd", "RMSprop", "RMSprop centered+momentum+wd"];

    public static TheoryData<string> Optimizers => new(Names);

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void An_optimizer_with_L1_steps_as_without_it_on_the_penalized_gradient(string name)
    {
        var l1 = new L1Penalty<double>(Spec, 0.03);
        IOptimizer<double> withL1 = Create(name, l1), without = Create(name, null);
        double[] a = Parameters, b = Parameters;
        a[17] = b[17] = 0.2;
        var random = new SeededRandom(5);
        for (int step = 0; step < 4; step++)
        {
            double[] g = Enumerable.Range(0, 18).Select(_ => random.NextDouble(-1, 1)).ToArray();
            var penalized = new double[18];
            l1.AddSubgradient(b, g, penalized);
            withL1.Step(a, g);
            without.Step(b, penalized);
            Assert.Equal(b, a);
        }
    }

    [Fact]
    public void Sgd_adds_the_L1_subgradient_before_weight_decay_as_PyTorch_does()
    {
        var spec = new NetworkSpec(1, [new LayerSpec(2)], precision: Precision.Double); // W [0, 2), b [2, 4)
        double[] p = [0.5, 0.0, -0.25, 0.0], g = [0.1, 0.2, 0.3, 0.4];
        new Sgd<double>(0.1, 0.01, new L1Penalty<double>(spec, 0.05)).Step(p, g);
        // g' = (g + l1 sign(w)) + wd p on weights; g + wd p on biases; sign(0) = 0.
        Assert.Equal([0.5 - 0.1 * (0.1 + 0.05 + 0.01 * 0.5), 0.0 - 0.1 * 0.2, -0.25 - 0.1 * (0.3 + 0.01 * -0.25), 0.0 - 0.1 * 0.4], p);
    }

    [Fact]
    public void A_penalty_for_another_network_is_refused()
    {
        var l1 = new L1Penalty<double>(Spec, 0.01);
        Assert.Throws<ArgumentException>(() => new Adam<double>(17, 0.1, 0.9, 0.999, 1e-8, l1: l1));
        Assert.Throws<ArgumentException>(() => new Momentum<double>(19, 0.1, 0.9, l1));
        Assert.Throws<ArgumentException>(() => new Sgd<double>(0.1, 0, l1).Step(new double[17], new double[17]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new L1Penalty<double>(Spec, -0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => new L1Penalty<double>(Spec, double.NaN));
    }

    [Fact]
    public void Steps_with_L1_allocate_nothing()
    {
        var l1 = new L1Penalty<double>(Spec, 0.01);
        var optimizers = Names.Select(name => Create(name, l1)).ToArray();
        double[] p = new double[18], g = new double[18];
        foreach (var optimizer in optimizers)
        {
            optimizer.Step(p, g);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var optimizer in optimizers)
        {
            optimizer.Step(p, g);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static IOptimizer<double> Create(string name, L1Penalty<double>? l1) => name switch
    {
        "Sgd" => new Sgd<double>(0.1, 0, l1),
        "Sgd+wd" => new Sgd<double>(0.1, 0.02, l1),
        "Momentum" => new Momentum<double>(18, 0.1, 0.9, l1),
        "Nesterov" => new Nesterov<double>(18, 0.1, 0.9, 0.01, l1),
        "Adam" => new Adam<double>(18, 0.01, 0.9, 0.999, 1e-8, l1: l1),
        "Adam+wd" => new Adam<double>(18, 0.01, 0.9, 0.999, 1e-8, 0.05, l1),
        "RMSprop" => new RMSprop<double>(18, 0.01, 0.99, 1e-8, l1: l1),
        _ => new RMSprop<double>(18, 0.01, 0.9, 1e-8, 0.01, 0.5, centered: true, l1: l1),
    };
}
