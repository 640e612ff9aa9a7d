using System;
using System.Collections.Generic;
using System.IO;
using Unrolled.Generators.Model;
using static System.FormattableString;

namespace Unrolled.Generators.Weights;

/// <summary>
/// The spec an Unrolled parameter file (.unrl or .json) states, raw: enum values may be undefined until
/// <see cref="Check"/> has run. The checks and their messages are ParameterFile's (its FileSpec).
/// </summary>
internal sealed class ParameterFileSpec
{
    private readonly int _inputs;
    private readonly List<(int Units, int Activation, double Alpha)> _layers;
    private readonly int _loss;
    private readonly int _precision;

    public ParameterFileSpec(int inputs, List<(int Units, int Activation, double Alpha)> layers, int loss, int precision)
    {
        _inputs = inputs;
        _layers = layers;
        _loss = loss;
        _precision = precision;
    }

    /// <summary>Throws unless the spec is one a network can have and <paramref name="count"/> parameters fit it.</summary>
    /// <param name="where">What the messages start with: <c>$.spec: </c> for JSON, nothing for the binary form.</param>
    /// <exception cref="InvalidDataException">The spec is impossible, or the count disagrees with it.</exception>
    public void Check(long count, string where = "")
    {
        string? problem = Problem();
        if (problem is not null)
        {
            throw new InvalidDataException(where + problem);
        }

        long expected = ParameterCount();
        if (expected > 0x7FFFFFC7)
        {
            throw new InvalidDataException(Invariant($"{where}The file declares {expected} parameters, more than a network can have."));
        }

        if (count != expected)
        {
            throw new InvalidDataException(Invariant($"The file holds {count} parameters, but its spec has {expected}: the file is damaged."));
        }
    }

    /// <summary>The number of parameters of the spec (weights and biases of every layer).</summary>
    public long ParameterCount()
    {
        long count = 0, fanIn = _inputs;
        foreach (var layer in _layers)
        {
            count += (fanIn + 1) * layer.Units;
            fanIn = layer.Units;
        }

        return count;
    }

    /// <summary>Throws at the first value that is NaN or infinite: weights baked into code must be finite.</summary>
    /// <exception cref="InvalidDataException">A value is not finite; the message says where it is.</exception>
    public void CheckFinite(double[] parameters)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            if (double.IsNaN(parameters[i]) || double.IsInfinity(parameters[i]))
            {
                var units = _layers.ConvertAll(l => l.Units);
                throw new InvalidDataException(Invariant(
                    $"{WeightsText.Parameter(i, _inputs, units)} is {parameters[i]}; weights baked into code must be finite"));
            }
        }
    }

    public WeightsContent ToContent(WeightsFormat format, EquatableArray<double> parameters, Precision? values, string provenance)
    {
        var layers = new List<WeightsLayer>();
        for (int i = 0; i < _layers.Count; i++)
        {
            layers.Add(new WeightsLayer(_layers[i].Units, (Activation)_layers[i].Activation, _layers[i].Alpha, Invariant($"layer {i + 1}")));
        }

        return new WeightsContent(format, _inputs, layers.ToEquatableArray(), (LossFunction?)_loss, values, (Precision)_precision, parameters, provenance);
    }

    /// <summary>What makes the spec impossible, worded as ParameterFile words it, or null.</summary>
    private string? Problem()
    {
        if (_inputs <= 0)
        {
            return Invariant($"The file declares {_inputs} inputs: no network has that.");
        }

        if (_layers.Count == 0)
        {
            return "The file declares no layer: no network has that.";
        }

        for (int i = 0; i < _layers.Count; i++)
        {
            if (_layers[i].Units <= 0)
            {
                return Invariant($"The file declares {_layers[i].Units} units in layer {i + 1}: no network has that.");
            }

            if (!Enum.IsDefined(typeof(Activation), _layers[i].Activation))
            {
                return Invariant($"The file declares activation value {_layers[i].Activation} in layer {i + 1}, which is not an Activation.");
            }
        }

        if (!Enum.IsDefined(typeof(LossFunction), _loss))
        {
            return Invariant($"The file declares loss value {_loss}, which is not a LossFunction.");
        }

        return Enum.IsDefined(typeof(Precision), _precision) ? null : Invariant($"The file declares precision value {_precision}, which is not a Precision.");
    }
}
