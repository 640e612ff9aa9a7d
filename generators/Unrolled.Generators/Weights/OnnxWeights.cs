using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Unrolled.Generators.Model;
using Unrolled.Onnx;

namespace Unrolled.Generators.Weights;

/// <summary>
/// An ONNX model's network, read at compile time with the same decoder and recognizer <c>OnnxModel</c> uses at run
/// time (linked as source), so that a file bakes exactly when <c>OnnxModel.Import</c> would load it.
/// </summary>
internal static class OnnxWeights
{
    public static WeightsFile Read(string path, byte[] bytes)
    {
        OnnxModelProto model;
        OnnxNetworkDescription description;
        try
        {
            model = OnnxProtoDecoder.Decode(bytes);
            description = OnnxGraphRecognizer.Recognize(model);
        }
        catch (InvalidDataException e)
        {
            return WeightsFile.Unreadable(path, WeightsText.Clause(e.Message), "export the model again");
        }

        if (description.Problems.Count > 0)
        {
            var problems = new List<string>();
            foreach (var problem in description.Problems)
            {
                problems.Add(WeightsText.Clause(problem.Message));
            }

            return new WeightsFile(path, WeightsFileStatus.NotANetwork, string.Join("; ", problems),
                "export a plain MLP (dense layers, at most one activation after each), or set the weights at run time", null);
        }

        var layers = new List<WeightsLayer>();
        foreach (var layer in description.Layers)
        {
            double alpha = double.IsNaN(layer.Alpha) || !LayerSpec.TakesAlpha(layer.Activation)
                ? LayerSpec.DefaultAlpha(layer.Activation)
                : layer.Alpha;
            layers.Add(new WeightsLayer(layer.Units, layer.Activation, alpha, layer.Describe(), layer.HasBias));
        }

        string producer = (model.ProducerName + " " + model.ProducerVersion).Trim();
        string provenance = "ONNX" + (producer.Length > 0 ? ", " + producer : "")
            + ", opset " + description.Opset.ToString(CultureInfo.InvariantCulture)
            + ", IR version " + description.IrVersion.ToString(CultureInfo.InvariantCulture);
        return WeightsFile.Read(path, new WeightsContent(
            WeightsFormat.Onnx,
            description.Inputs,
            layers.ToEquatableArray(),
            description.DeclaredLoss,
            description.Precision,
            description.Precision,
            description.Parameters.ToEquatableArray(),
            provenance));
    }
}
