using System.Numerics.Tensors;

namespace Unrolled.Benchmarks.Baselines;

/// <summary>
/// The same network written with <see cref="TensorPrimitives"/> (SIMD spans from System.Numerics.Tensors): per layer
/// z = b, then for each input i z += x_i * W[i, :] (one MultiplyAdd over a contiguous row), then the activation
/// (TensorPrimitives.Sigmoid/Tanh/Max/SoftMax). Scratch is allocated once; Forward allocates nothing and is not thread-safe.
/// </summary>
/// <remarks>TensorPrimitives.SoftMax does not subtract the maximum logit first; fine for the benchmark's inputs.</remarks>
public sealed class TensorPrimitivesNetwork
{
    private readonly int _inputs;
    private readonly int[] _units;
    private readonly Activation[] _activations;
    private readonly int[] _weightOffsets;
    private readonly int[] _biasOffsets;
    private readonly float[] _parameters;
    private readonly float[] _current;
    private readonly float[] _next;

    public TensorPrimitivesNetwork(NetworkSpec spec, ReadOnlySpan<float> parameters)
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
        ReadOnlySpan<float> p = _parameters;
        ReadOnlySpan<float> x = input;
        Span<float> current = _current;
        Span<float> next = _next;
        int fanIn = _inputs;
        for (int l = 0; l < _units.Length; l++)
        {
            int units = _units[l];
            Span<float> z = next[..units];
            ReadOnlySpan<float> w = p.Slice(_weightOffsets[l], fanIn * units);
            p.Slice(_biasOffsets[l], units).CopyTo(z);
            for (int i = 0; i < fanIn; i++)
            {
                TensorPrimitives.MultiplyAdd(w.Slice(i * units, units), x[i], z, z);
            }

            switch (_activations[l])
            {
                case Activation.Identity:
                    break;
                case Activation.Sigmoid:
                    TensorPrimitives.Sigmoid(z, z);
                    break;
                case Activation.Tanh:
                    TensorPrimitives.Tanh(z, z);
                    break;
                case Activation.Relu:
                    TensorPrimitives.Max(z, 0f, z);
                    break;
                case Activation.Softmax:
                    TensorPrimitives.SoftMax(z, z);
                    break;
                default:
                    throw new NotSupportedException($"{_activations[l]} is not used by the benchmarks.");
            }

            x = z;
            Span<float> swap = current;
            current = next;
            next = swap;
            fanIn = units;
        }

        x.CopyTo(output);
    }
}
