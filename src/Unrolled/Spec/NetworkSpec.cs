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
/// input i to unit j, as in <c>h = f(x W + b)</c>), then the bias <c>b[units]</c> unless the layer has none
/// (<see cref="LayerSpec.Bias"/> false), then for <see cref="Activation.PRelu"/> the learned slopes <c>slope[units]</c>.
/// A layer holds <c>fanIn * units + (bias ? units : 0) + (PReLU ? units : 0)</c> parameters; dropout adds none.
/// <see cref="WeightOffset"/>, <see cref="BiasOffset"/> and <see cref="SlopeOffset"/> say where each block starts.
/// Shared as source with the generator: keep it free of anything netstandard2.0 lacks.
/// </remarks>
public sealed class NetworkSpec : IEquatable<NetworkSpec>
{
    private readonly LayerSpec[] _layers;

    // Per layer where its weights, bias and slopes start (-1 where it has none); one more weight offset: the end.
    private readonly int[] _weightOffsets;
    private readonly int[] _biasOffsets;
    private readonly int[] _slopeOffsets;

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
        var dropouts = new double[layers.Count];
        var biases = new bool[layers.Count];
        for (int i = 0; i < _layers.Length; i++)
        {
            _layers[i] = layers[i] ?? throw new ArgumentNullException(nameof(layers), $"Layer {i + 1} is null.");
            units[i] = _layers[i].Units;
            activations[i] = _layers[i].Activation;
            alphas[i] = _layers[i].DeclaredAlpha;
            dropouts[i] = _layers[i].Dropout;
            biases[i] = _layers[i].Bias;
        }

        var problems = SpecRules.Validate(
            "network", inputs, units, activations, alphas, loss, precision, dropouts: dropouts, biases: biases);
        foreach (var problem in problems)
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
        _biasOffsets = new int[_layers.Length];
        _slopeOffsets = new int[_layers.Length];
        int offset = 0, fanIn = inputs;
        for (int i = 0; i < _layers.Length; i++)
        {
            int width = _layers[i].Units;
            _weightOffsets[i] = offset;
            offset += fanIn * width;
            _biasOffsets[i] = _layers[i].Bias ? offset : -1;
            offset += _layers[i].Bias ? width : 0;
            _slopeOffsets[i] = _layers[i].HasSlopes ? offset : -1;
            offset += _layers[i].HasSlopes ? width : 0;
            fanIn = width;
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

    /// <summary>The number of parameters: weights, biases and PReLU slopes.</summary>
    public int ParameterCount => _weightOffsets[_layers.Length];

    /// <summary>Whether any layer drops outputs during training (<see cref="LayerSpec.Dropout"/> above 0).</summary>
    public bool HasDropout
    {
        get
        {
            foreach (var layer in _layers)
            {
                if (layer.Dropout > 0)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The number of inputs of <paramref name="layer"/> (0-based).</summary>
    public int FanIn(int layer) => layer == 0 ? Inputs : _layers[layer - 1].Units;

    /// <summary>Where the weights <c>W[fanIn, units]</c> of <paramref name="layer"/> (0-based) start in the parameters.</summary>
    public int WeightOffset(int layer) => _weightOffsets[layer];

    /// <summary>Whether <paramref name="layer"/> (0-based) has a bias (<see cref="LayerSpec.Bias"/>).</summary>
    public bool HasBias(int layer) => _layers[layer].Bias;

    /// <summary>Where the bias <c>b[units]</c> of <paramref name="layer"/> (0-based) starts in the parameters: right after its weights.</summary>
    /// <exception cref="InvalidOperationException">The layer has no bias (see <see cref="HasBias"/>).</exception>
    public int BiasOffset(int layer) => _biasOffsets[layer] >= 0
        ? _biasOffsets[layer]
        : throw new InvalidOperationException("Layer " + SpecRules.Invariant(layer + 1) + " has no bias (declared with Bias = false).");

    /// <summary>Whether <paramref name="layer"/> (0-based) learns a slope per unit (<see cref="Activation.PRelu"/>).</summary>
    public bool HasSlopes(int layer) => _layers[layer].HasSlopes;

    /// <summary>
    /// Where the PReLU slopes <c>slope[units]</c> of <paramref name="layer"/> (0-based) start in the parameters: after
    /// its bias, or after its weights when it has none.
    /// </summary>
    /// <exception cref="InvalidOperationException">The layer is not a PReLU layer (see <see cref="HasSlopes"/>).</exception>
    public int SlopeOffset(int layer) => _slopeOffsets[layer] >= 0
        ? _slopeOffsets[layer]
        : throw new InvalidOperationException("Layer " + SpecRules.Invariant(layer + 1) + " has no learned slopes (only PRelu layers do).");

    /// <summary>The number of parameters of <paramref name="layer"/> (0-based): its weights, bias and slopes.</summary>
    public int LayerParameterCount(int layer) => _weightOffsets[layer + 1] - _weightOffsets[layer];

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

    /// <summary>For example <c>2 -&gt; 3 Sigmoid Dropout(0.2) -&gt; 2 Softmax, CrossEntropy, Single</c> (layers as <see cref="LayerSpec.ToString"/>).</summary>
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
