using System.Collections.Generic;

namespace Unrolled.Onnx;

// After the walk: the parameters in the contract's layout, the loss, exact alphas and dropout from metadata_props, and
// the shape rules every network obeys (SpecRules, the same the generator applies to declarations).
internal sealed partial class OnnxGraphRecognizer
{
    private void Finish(OnnxModelProto model)
    {
        int count = 0;
        foreach (var layer in _layers)
        {
            count += layer.Weights.Length + layer.Bias.Length + layer.Slopes.Length;
            _result.Layers.Add(layer.Description);
        }

        // Per layer W, then b (when it has one), then the PReLU slopes: NetworkSpec's layout.
        var parameters = new double[count];
        int offset = 0;
        foreach (var layer in _layers)
        {
            foreach (double[] block in new[] { layer.Weights, layer.Bias, layer.Slopes })
            {
                block.CopyTo(parameters, offset);
                offset += block.Length;
            }
        }

        _result.Parameters = parameters;
        ReadMetadata(model);
        Validate();
    }

    private void ReadMetadata(OnnxModelProto model)
    {
        string? specText = null, lossText = null;
        foreach (var entry in model.MetadataProps)
        {
            if (entry.Key == OnnxSpecMetadata.SpecKey)
            {
                specText = entry.Value;
            }
            else if (entry.Key == OnnxSpecMetadata.LossKey)
            {
                lossText = entry.Value;
            }
        }

        if (lossText is not null)
        {
            if (OnnxSpecMetadata.TryLoss(lossText, out LossFunction loss))
            {
                _result.DeclaredLoss = loss;
            }
            else
            {
                _result.Refuse(null, $"metadata_props '{OnnxSpecMetadata.LossKey}' is '{lossText}', which is not a LossFunction (MeanSquaredError, CrossEntropy, BinaryCrossEntropy).");
            }
        }

        if (specText is null)
        {
            return;
        }

        OnnxSpecMetadata.Parsed? parsed = OnnxSpecMetadata.Parse(specText, out string error);
        string? difference = parsed is null ? error : Difference(parsed);
        if (difference is not null)
        {
            _result.Refuse(null, $"metadata_props '{OnnxSpecMetadata.SpecKey}' is '{specText}', which does not describe this graph: {difference}.");
            return;
        }

        for (int i = 0; i < _layers.Count; i++)
        {
            if (LayerSpec.TakesAlpha(parsed!.Layers[i].Activation))
            {
                // Exact: the graph has LeakyRelu's and Elu's only as floats, and PReLU's initial slope not at all.
                _result.Layers[i].Alpha = parsed.Layers[i].Alpha;
            }

            _result.Layers[i].Dropout = parsed.Layers[i].Dropout; // training only: the inference graph has none
        }

        if (_result.DeclaredLoss is not null && _result.DeclaredLoss != parsed!.Loss)
        {
            _result.Refuse(null, $"metadata_props '{OnnxSpecMetadata.LossKey}' says {_result.DeclaredLoss} but '{OnnxSpecMetadata.SpecKey}' says {parsed.Loss}.");
            return;
        }

        _result.DeclaredLoss = parsed!.Loss;
    }

    /// <summary>How the metadata's spec differs from the graph, or null; alphas agree when they are the same float.</summary>
    private string? Difference(OnnxSpecMetadata.Parsed parsed)
    {
        if (parsed.Inputs != _result.Inputs)
        {
            return $"it has {parsed.Inputs} inputs, the graph {_result.Inputs}";
        }

        if (parsed.Precision != _result.Precision)
        {
            return $"it has precision {parsed.Precision}, the graph {_result.Precision}";
        }

        if (parsed.Layers.Count != _layers.Count)
        {
            return $"it has {parsed.Layers.Count} layers, the graph {_layers.Count}";
        }

        for (int i = 0; i < _layers.Count; i++)
        {
            var stated = parsed.Layers[i];
            OnnxLayerDescription layer = _layers[i].Description;
            bool alphaInGraph = LayerSpec.TakesAlpha(stated.Activation) && stated.Activation != Activation.PRelu;
            if (stated.Units != layer.Units || stated.Activation != layer.Activation
                || (alphaInGraph && (float)stated.Alpha != (float)layer.Alpha))
            {
                return $"its layer {i + 1} is {stated.Units} {stated.Activation}, the graph's {layer.Describe()} has {layer.Units} units with {layer.Activation}";
            }

            if (stated.Bias != layer.HasBias)
            {
                return $"its layer {i + 1} has {(stated.Bias ? "a bias" : "no bias")}, the graph's {layer.Describe()} {(layer.HasBias ? "has one" : "has none")}";
            }
        }

        return null;
    }

    /// <summary>Applies the shape rules (alpha and dropout ranges, a loss that fits the output) to what was found.</summary>
    private void Validate()
    {
        var units = new List<int>();
        var activations = new List<Activation>();
        var alphas = new List<double>();
        var dropouts = new List<double>();
        var biases = new List<bool>();
        foreach (var layer in _result.Layers)
        {
            units.Add(layer.Units);
            activations.Add(layer.Activation);
            alphas.Add(layer.Alpha);
            dropouts.Add(layer.Dropout);
            biases.Add(layer.HasBias);
        }

        string name = _graph.Name.Length > 0 ? _graph.Name : "ONNX graph";
        var problems = SpecRules.Validate(
            name, _result.Inputs, units, activations, alphas, _result.Loss, _result.Precision, dropouts: dropouts, biases: biases);
        foreach (var problem in problems)
        {
            if (!problem.IsWarning)
            {
                LayerBuilder? layer = problem.Layer > 0 ? _layers[problem.Layer - 1] : null;
                _result.Refuse(layer?.ActivationNode ?? layer?.Node, problem.Message);
            }
        }
    }
}
