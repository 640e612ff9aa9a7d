using System;
using System.Collections.Generic;
using System.Text;

namespace Unrolled;

/// <summary>
/// The shape of a network: inputs, dense layers, loss and precision. Generated networks expose theirs as
/// <c>Spec</c>; <c>ReferenceNetwork&lt;T&gt;</c> runs any of them.
/// </summary>
/// <remarks>
/// Parameters are laid out layer after layer: the weights <c>W[fanIn, units]</c> row-major (<c>W[i, j]</c> connects
/// input i to unit j, as in <c>h = f(x W + b)</c>), then the bias <c>b[units]</c>.
/// Shared as source with the generator: keep it free of anything netstandard2.0 lacks.
/// </remarks>
public sealed class NetworkSpec : IEquatable<NetworkSpec>
{
    private readonly LayerSpec[] _layers;
    private readonly int[] _weightOffsets;

    /// <summary>Describes a network and checks it against the shape rules.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentException">The shape breaks a rule; the message says which and how to fix it.</exception>
    public NetworkSpec(
        int inputs,
        IReadOnlyList<LayerSpec> layers,
        LossFunction loss = LossFunction.MeanSquaredError,
        Precision precision = Precision.Single)
    {
        if (layers is null)
        {
            throw new ArgumentNullException(nameof(layers));
        }

        _layers = new LayerSpec[layers.Count];
        var units = new int[layers.Count];
        var activations = new Activation[layers.Count];
        var alphas = new double[layers.Count];
        for (int i = 0; i < _layers.Length; i++)
        {
            _layers[i] = layers[i] ?? throw new ArgumentNullException(nameof(layers), $"Layer {i + 1} is null.");
            units[i] = _layers[i].Units;
            activations[i] = _layers[i].Activation;
            alphas[i] = _layers[i].DeclaredAlpha;
        }

        foreach (var problem in SpecRules.Validate("network", inputs, units, activations, alphas, loss, precision))
        {
            if (!problem.IsWarning)
            {
                throw new ArgumentException(problem.Message, problem.Rule switch
                {
                    SpecRule.InputsNotPositive => nameof(inputs),
                    SpecRule.UnknownValue when problem.Layer == 0 => problem.Arguments[0] == "Loss" ? nameof(loss) : nameof(precision),
                    _ => nameof(layers),
                });
            }
        }

        Inputs = inputs;
        Loss = loss;
        Precision = precision;
        _weightOffsets = new int[_layers.Length + 1];
        int offset = 0, fanIn = inputs;
        for (int i = 0; i < _layers.Length; i++)
        {
            _weightOffsets[i] = offset;
            offset += (fanIn + 1) * _layers[i].Units;
            fanIn = _layers[i].Units;
        }

        _weightOffsets[_layers.Length] = offset;
    }

    /// <summary>The number of inputs per sample.</summary>
    public int Inputs { get; }

    /// <summary>The layers, input side first.</summary>
    public IReadOnlyList<LayerSpec> Layers => _layers;

    /// <summary>The per-sample loss.</summary>
    public LossFunction Loss { get; }

    /// <summary>The floating-point type a generated network of this shape computes in.</summary>
    public Precision Precision { get; }

    /// <summary>The number of outputs per sample: the last layer's units.</summary>
    public int Outputs => _layers[_layers.Length - 1].Units;

    /// <summary>The number of weights and biases.</summary>
    public int ParameterCount => _weightOffsets[_layers.Length];

    /// <summary>The number of inputs of <paramref name="layer"/> (0-based).</summary>
    public int FanIn(int layer) => layer == 0 ? Inputs : _layers[layer - 1].Units;

    /// <summary>Where the weights <c>W[fanIn, units]</c> of <paramref name="layer"/> (0-based) start in the parameters.</summary>
    public int WeightOffset(int layer) => _weightOffsets[layer];

    /// <summary>Where the bias of <paramref name="layer"/> (0-based) starts in the parameters.</summary>
    public int BiasOffset(int layer) => _weightOffsets[layer] + FanIn(layer) * _layers[layer].Units;

    /// <inheritdoc/>
    public bool Equals(NetworkSpec? other)
    {
        if (other is null || Inputs != other.Inputs || Loss != other.Loss || Precision != other.Precision
            || _layers.Length != other._layers.Length)
        {
            return false;
        }

        for (int i = 0; i < _layers.Length; i++)
        {
            if (!_layers[i].Equals(other._layers[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NetworkSpec);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = unchecked((Inputs * 397) ^ ((int)Loss * 31) ^ (int)Precision);
        foreach (var layer in _layers)
        {
            hash = unchecked((hash * 397) ^ layer.GetHashCode());
        }

        return hash;
    }

    /// <summary>For example <c>2 -&gt; 3 Sigmoid -&gt; 2 Softmax, CrossEntropy, Single</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder().Append(Inputs);
        foreach (var layer in _layers)
        {
            text.Append(" -> ").Append(layer);
        }

        return text.Append(", ").Append(Loss).Append(", ").Append(Precision).ToString();
    }
}
