namespace Unrolled.Benchmarks.Baselines;

/// <summary>
/// The plain C# a developer would write by hand for any shape: float[] weights in the contract's layout
/// (W[fanIn, units] row-major, then b[units], layer after layer), nested loops, MathF activations.
/// Scratch is allocated once in the constructor, so Forward allocates nothing (and is not thread-safe).
/// </summary>
public sealed class HandLoopNetwork
{
    private readonly int _inputs;
    private readonly int[] _units;
    private readonly Activation[] _activations;
    private readonly int[] _weightOffsets;
    private readonly int[] _biasOffsets;
    private readonly float[] _parameters;
    private readonly float[] _current;
    private readonly float[] _next;

    public HandLoopNetwork(NetworkSpec spec, ReadOnlySpan<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _inputs = spec.Inputs;
        int layers = spec.Layers.Count;
        _units = new int[layers];
        _activations = new Activation[layers];
        _weightOffsets = new int[layers];
        _biasOffsets = new int[layers];
        int widest = spec.Inputs;
        for (int l = 0; l < layers; l++)
        {
            _units[l] = spec.Layers[l].Units;
            _activations[l] = spec.Layers[l].Activation;
            _weightOffsets[l] = spec.WeightOffset(l);
            _biasOffsets[l] = spec.BiasOffset(l);
            widest = Math.Max(widest, _units[l]);
        }

        _parameters = parameters.ToArray();
        _current = new float[widest];
        _next = new float[widest];
    }

    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        float[] p = _parameters;
        float[] x = _current;
        float[] y = _next;
        input.CopyTo(x);
        int fanIn = _inputs;
        for (int l = 0; l < _units.Length; l++)
        {
            int units = _units[l];
            int w = _weightOffsets[l];
            int b = _biasOffsets[l];
            for (int j = 0; j < units; j++)
            {
                y[j] = p[b + j];
            }

            for (int i = 0; i < fanIn; i++)
            {
                float xi = x[i];
                int row = w + (i * units);
                for (int j = 0; j < units; j++)
                {
                    y[j] += xi * p[row + j];
                }
            }

            Activate(_activations[l], y, units);
            (x, y) = (y, x);
            fanIn = units;
        }

        x.AsSpan(0, output.Length).CopyTo(output);
    }

    private static void Activate(Activation activation, float[] z, int units)
    {
        switch (activation)
        {
            case Activation.Identity:
                break;
            case Activation.Sigmoid:
                for (int j = 0; j < units; j++)
                {
                    z[j] = 1f / (1f + MathF.Exp(-z[j]));
                }

                break;
            case Activation.Tanh:
                for (int j = 0; j < units; j++)
                {
                    z[j] = MathF.Tanh(z[j]);
                }

                break;
            case Activation.Relu:
                for (int j = 0; j < units; j++)
                {
                    z[j] = MathF.Max(z[j], 0f);
                }

                break;
            case Activation.Softmax:
                float max = z[0];
                for (int j = 1; j < units; j++)
                {
                    max = MathF.Max(max, z[j]);
                }

                float sum = 0f;
                for (int j = 0; j < units; j++)
                {
                    z[j] = MathF.Exp(z[j] - max);
                    sum += z[j];
                }

                for (int j = 0; j < units; j++)
                {
                    z[j] /= sum;
                }

                break;
            default:
                throw new NotSupportedException($"{activation} is not used by the benchmarks.");
        }
    }
}
