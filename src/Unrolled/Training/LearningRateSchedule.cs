namespace Unrolled;

/// <summary>
/// The learning rate of each epoch, from the optimizer's learning rate when training starts. A
/// <see cref="Trainer{T}"/> sets the optimizer's rate from it before each epoch. Subclass it for other schedules.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The initial rate at every epoch.</summary>
    public static LearningRateSchedule Constant { get; } = new ConstantSchedule();

    /// <summary>
    /// The initial rate times <paramref name="gamma"/> after every <paramref name="everyEpochs"/> epochs:
    /// rate(e) = initial x gamma^floor((e - 1) / everyEpochs) for epoch e = 1, 2, ... (PyTorch's <c>StepLR</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="everyEpochs"/> is not positive, or <paramref name="gamma"/> is not in (0, 1].</exception>
    public static LearningRateSchedule Step(int everyEpochs, double gamma)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(everyEpochs);
        if (!(gamma > 0 && gamma <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be in (0, 1].");
        }

        return new StepSchedule(everyEpochs, gamma);
    }

    /// <summary>
    /// Cosine annealing from the initial rate at the first epoch to <paramref name="minimum"/> at the last:
    /// rate(e) = minimum + (initial - minimum) x (1 + cos(pi (e - 1) / (epochs - 1))) / 2, the initial rate when there is one epoch.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> is negative or not finite.</exception>
    public static LearningRateSchedule Cosine(double minimum = 0.0)
    {
        if (!(minimum >= 0) || !double.IsFinite(minimum))
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "The minimum must be finite and not negative.");
        }

        return new CosineSchedule(minimum);
    }

    /// <summary>The rate for <paramref name="epoch"/> (1-based) of <paramref name="epochs"/>, starting from <paramref name="initialRate"/>.</summary>
    public abstract double Rate(int epoch, int epochs, double initialRate);

    private sealed class ConstantSchedule : LearningRateSchedule
    {
        public override double Rate(int epoch, int epochs, double initialRate) => initialRate;

        public override string ToString() => "Constant";
    }

    private sealed class StepSchedule(int everyEpochs, double gamma) : LearningRateSchedule
    {
        public override double Rate(int epoch, int epochs, double initialRate) =>
            initialRate * Math.Pow(gamma, (epoch - 1) / everyEpochs);

        public override string ToString() => $"Step(every {everyEpochs} epochs x {gamma})";
    }

    private sealed class CosineSchedule(double minimum) : LearningRateSchedule
    {
        public override double Rate(int epoch, int epochs, double initialRate) => epochs <= 1
            ? initialRate
            : minimum + (initialRate - minimum) * (1 + Math.Cos(Math.PI * (epoch - 1) / (epochs - 1))) / 2;

        public override string ToString() => $"Cosine(to {minimum})";
    }
}
