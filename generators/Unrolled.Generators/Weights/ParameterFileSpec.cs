using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Unrolled.Generators.Model;
using static System.FormattableString;

namespace Unrolled.Generators.Weights;

/// <summary>One layer as a parameter file states it, raw; a version 1 file gives no dropout and a bias for every layer.</summary>
/// <param name="Flags">Bit 0: the layer has a bias (<see cref="ParameterFileSpec.BiasFlag"/>); the other bits are 0.</param>
internal readonly record struct ParameterFileLayer(int Units, int Activation, double Alpha, double Dropout = 0, int Flags = ParameterFileSpec.BiasFlag)
{
    public bool Bias => (Flags & ParameterFileSpec.BiasFlag) != 0;

    public bool HasSlopes => ActivationTraits.Of((Activation)Activation)?.LearnsSlopes ?? false;
}

/// <summary>
/// The spec an Unrolled parameter file (.unrl or .json) states, raw: enum values may be undefined until
/// <see cref="Check"/> has run. The checks and their messages are ParameterFile's (its FileSpec).
/// </summary>
internal sealed class ParameterFileSpec
{
    /// <summary>Bit 0 of a version 2 layer's flags: the layer has a bias.</summary>
    public const int BiasFlag = 1;

    private readonly int _inputs;
    private readonly List<ParameterFileLayer> _layers;
    private readonly int _loss;
    private readonly int _precision;
    private readonly int _version;

    public ParameterFileSpec(int inputs, List<ParameterFileLayer> layers, int loss, int precision, int version)
    {
        _version = version;
        _inputs = inputs;
        _layers = layers;
        _loss = loss;
        _precision = precision;
    }

    /// <summary>Throws unless the spec is one a network can have and <paramref name="count"/> parameters fit it.</summary>
    /// <param name="where">What the messages start with: <c>$.spec: </c> for JSON, nothing for the binary form.</param>
    /// <exception cref="InvalidDataException">The spec is impossible, or the count disagrees with it.</exception>
    public void Check(decimal count, string where = "")
    {
        string? problem = Problem();
        if (problem is not null)
        {
            throw new InvalidDataException(where + problem);
        }

        decimal expected = ParameterCount();
        if (expected > 0x7FFFFFC7)
        {
            throw new InvalidDataException(
                where + "The file declares " + expected.ToString(CultureInfo.InvariantCulture) + " parameters, more than a network can have.");
        }

        if (count != expected)
        {
            throw new InvalidDataException(Invariant($"The file holds {count} parameters, but its spec has {expected}: the file is damaged."));
        }
    }

    /// <summary>
    /// The number of parameters of the spec (weights, biases and PReLU slopes of every layer), exactly: in decimal,
    /// which no file can overflow where a long could wrap (ParameterFile's FileSpec counts the same way).
    /// </summary>
    public decimal ParameterCount()
    {
        decimal count = 0;
        long fanIn = _inputs;
        foreach (var layer in _layers)
        {
            count += (fanIn + (layer.Bias ? 1 : 0) + (layer.HasSlopes ? 1 : 0)) * (long)layer.Units;
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
            layers.Add(new WeightsLayer(_layers[i].Units, (Activation)_layers[i].Activation, _layers[i].Alpha, Invariant($"layer {i + 1}"), _layers[i].Bias));
        }

        return new WeightsContent(format, _inputs, layers.ToEquatableArray(), (LossFunction?)_loss, values, (Precision)_precision, parameters, provenance);
    }

    /// <summary>Why a version 1 file cannot hold what it declares, as ParameterFile words it.</summary>
    public static string Version1Lacks(string feature, string what) =>
        $"Version 1 files have no {feature}: {what}; the file is damaged or mislabelled.";

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

            if (_version == 1 && _layers[i].HasSlopes)
            {
                return Version1Lacks("PRelu layers", Invariant($"layer {i + 1} declares {(Activation)_layers[i].Activation}"));
            }

            if ((_layers[i].Flags & ~BiasFlag) != 0)
            {
                return Invariant($"The file declares flags 0x{_layers[i].Flags:X8} in layer {i + 1}; only bit 0 (bias) is defined.");
            }

            if (!(_layers[i].Dropout >= 0 && _layers[i].Dropout < 1))
            {
                return Invariant($"The file declares dropout {_layers[i].Dropout:R} in layer {i + 1}, outside [0, 1): no network has that.");
            }
        }

        if (!Enum.IsDefined(typeof(LossFunction), _loss))
        {
            return Invariant($"The file declares loss value {_loss}, which is not a LossFunction.");
        }

        return Enum.IsDefined(typeof(Precision), _precision) ? null : Invariant($"The file declares precision value {_precision}, which is not a Precision.");
    }
}
