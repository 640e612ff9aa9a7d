using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Unrolled.Generators.Diagnostics;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Weights;

/// <summary>
/// The declared shape is the contract: reports every way a weights file differs from its declaration (inputs, layer
/// count, each layer's units and activation with its alpha, the loss when the file states one, the precision), each
/// naming both sides, in the order OnnxModel.Import and ParameterFile.Load compare them.
/// </summary>
internal static class WeightsShapeCheck
{
    public static void Compare(NetworkModel model, string path, WeightsContent file, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (file.Inputs != model.Inputs)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsInputsDiffer, location,
                model.Name, Invariant(model.Inputs), path, Invariant(file.Inputs)));
        }

        if (file.Layers.Count != model.Layers.Count)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsLayerCountDiffers, location,
                model.Name, Invariant(model.Layers.Count), path, Invariant(file.Layers.Count), Chain(file)));
        }
        else
        {
            for (int i = 0; i < file.Layers.Count; i++)
            {
                CompareLayer(model, i, path, file, location, diagnostics);
            }
        }

        if (file.Loss is { } loss && loss != model.Loss)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsOptionDiffers, location,
                model.Name, "loss " + model.Loss, path, "loss " + loss));
        }

        string? precision = file.ValuePrecision is { } values && values != model.Precision
            ? (values == Precision.Single ? "float32" : "float64") + (file.Format == WeightsFormat.Onnx ? " tensors" : " values") + " (precision " + values + ")"
            : file.SpecPrecision != model.Precision ? "precision " + file.SpecPrecision : null;
        if (precision is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsOptionDiffers, location,
                model.Name, "precision " + model.Precision, path, precision));
        }
    }

    private static void CompareLayer(NetworkModel model, int i, string path, WeightsContent file, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        LayerModel declared = model.Layers[i];
        WeightsLayer stated = file.Layers[i];
        string side = path + "'s " + stated.Source;
        if (stated.Units != declared.Units)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsUnitsDiffer, location,
                Invariant(i + 1), model.Name, Invariant(declared.Units), side, Invariant(stated.Units)));
        }

        if (stated.Bias != declared.Bias)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsBiasDiffers, location,
                Invariant(i + 1), model.Name, declared.Bias ? "declares a bias" : "declares no bias (Bias = false)",
                side, stated.Bias ? "has one" : "has none"));
        }

        // PReLU's alpha is only its slopes' initial value; the file's slopes are parameters.
        if (stated.Activation != declared.Activation || (!declared.HasSlopes && !stated.Alpha.Equals(declared.Alpha)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsActivationDiffers, location,
                Invariant(i + 1), model.Name, Describe(declared.Activation, declared.Alpha), side, Describe(stated.Activation, stated.Alpha)));
        }
    }

    /// <summary><c>Relu</c>, or <c>LeakyRelu(0.2)</c> for an activation that takes an alpha, as LayerSpec writes them.</summary>
    private static string Describe(Activation activation, double alpha) =>
        LayerSpec.TakesAlpha(activation) ? activation + "(" + alpha.ToString("R", CultureInfo.InvariantCulture) + ")"
        : alpha == 0 ? activation.ToString()
        : activation + " with alpha " + alpha.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The file's layers as one line: <c>64 -> 32 Relu -> 10 Softmax</c>.</summary>
    private static string Chain(WeightsContent file)
    {
        var text = new StringBuilder(Invariant(file.Inputs));
        foreach (var layer in file.Layers)
        {
            text.Append(" -> ").Append(Invariant(layer.Units)).Append(' ').Append(Describe(layer.Activation, layer.Alpha));
        }

        return text.ToString();
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
