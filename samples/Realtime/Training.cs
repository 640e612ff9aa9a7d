using Unrolled;

namespace Realtime;

/// <summary>Teaches the network its curve before the real-time part starts (this part may allocate).</summary>
internal static class Training
{
    /// <summary>The curve the network learns: a tanh soft clipper whose gain the drive knob sets, normalized to 1 at 1.</summary>
    public static double Target(double sample, double drive)
    {
        double gain = 1 + 9 * drive;
        return Math.Tanh(gain * sample) / Math.Tanh(gain);
    }

    /// <summary>Fits the curve on a grid of (sample, drive) points; returns the final training loss.</summary>
    public static double Fit(Waveshaper shaper)
    {
        const int Side = 64;
        var features = new float[Side * Side * 2];
        var targets = new float[Side * Side];
        for (int i = 0; i < Side; i++)
        {
            for (int j = 0; j < Side; j++)
            {
                int n = i * Side + j;
                double sample = -1 + 2.0 * i / (Side - 1);
                double drive = j / (double)(Side - 1);
                features[2 * n] = (float)sample;
                features[2 * n + 1] = (float)drive;
                // Kept inside tanh's range so that the output layer never has to saturate.
                targets[n] = (float)(0.98 * Target(sample, drive));
            }
        }

        var data = new Dataset<float>(features, Waveshaper.InputCount, targets, Waveshaper.OutputCount);
        shaper.Initialize(seed: 7);
        var trainer = new Trainer<float>(shaper, new Adam<float>(Waveshaper.ParameterCount, 0.01f), new TrainerOptions
        {
            Epochs = 60,
            BatchSize = 32,
            Seed = 7,
            Schedule = LearningRateSchedule.Constant,
        });
        var history = trainer.Fit(data);
        return history.Last.TrainLoss;
    }

    /// <summary>The root-mean-square difference between the shaped signal and the curve it approximates.</summary>
    public static double RmsError(ReadOnlySpan<float> signal, ReadOnlySpan<float> drive, ReadOnlySpan<float> shaped)
    {
        double sum = 0;
        for (int i = 0; i < signal.Length; i++)
        {
            double error = shaped[i] - 0.98 * Target(signal[i], drive[i]);
            sum += error * error;
        }

        return Math.Sqrt(sum / signal.Length);
    }
}
