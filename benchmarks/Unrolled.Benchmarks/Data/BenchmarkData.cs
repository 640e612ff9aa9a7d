namespace Unrolled.Benchmarks.Data;

/// <summary>
/// The inputs, targets and weights every benchmark class uses, from fixed seeds: the same numbers in every class and
/// every run, so that rows of one network in different classes (forward, sweep, training) are comparable.
/// </summary>
public static class BenchmarkData
{
    /// <summary>The seed of <see cref="INetwork{T}.Initialize"/> for every benchmarked network.</summary>
    public const int WeightSeed = 42;

    /// <summary>The seed of the inputs and targets.</summary>
    public const int DataSeed = 1234;

    /// <summary>A network of type <typeparamref name="TNet"/> initialized with <see cref="WeightSeed"/>.</summary>
    public static TNet CreateNetwork<TNet>()
        where TNet : INetwork<float>, new()
    {
        var network = new TNet();
        network.Initialize(WeightSeed);
        return network;
    }

    /// <summary>
    /// <paramref name="samples"/> inputs uniform in [-1, 1], row-major <c>[samples, spec.Inputs]</c>, then one target per
    /// sample: one-hot for cross-entropy, uniform in [-1, 1] otherwise.
    /// </summary>
    public static (float[] Inputs, float[] Targets) Create(NetworkSpec spec, int samples)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var random = new Random(DataSeed);
        var inputs = new float[samples * spec.Inputs];
        for (int k = 0; k < inputs.Length; k++)
        {
            inputs[k] = (random.NextSingle() * 2f) - 1f;
        }

        int outputs = spec.Outputs;
        var targets = new float[samples * outputs];
        bool oneHot = spec.Loss == LossFunction.CrossEntropy;
        for (int s = 0; s < samples; s++)
        {
            Span<float> target = targets.AsSpan(s * outputs, outputs);
            if (oneHot)
            {
                target[random.Next(outputs)] = 1f;
            }
            else
            {
                for (int k = 0; k < outputs; k++)
                {
                    target[k] = (random.NextSingle() * 2f) - 1f;
                }
            }
        }

        return (inputs, targets);
    }
}
