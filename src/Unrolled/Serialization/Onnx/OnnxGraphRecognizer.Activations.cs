using System.Collections.Generic;
using System.Globalization;

namespace Unrolled.Onnx;

// The activation after each dense layer, SiLU's Sigmoid + Mul pair, and ops that are refused by name.
internal sealed partial class OnnxGraphRecognizer
{
    /// <summary>Ops refused with a reason of their own rather than "not supported".</summary>
    private static readonly Dictionary<string, string> KnownRefusals = new Dictionary<string, string>
    {
        ["Conv"] = "convolutions are not supported; Unrolled reads dense layers (Gemm, MatMul + Add) and their activations",
        ["ConvTranspose"] = "convolutions are not supported; Unrolled reads dense layers (Gemm, MatMul + Add) and their activations",
        ["BatchNormalization"] = "batch normalization is not supported; fold it into the preceding layer's weights before exporting",
        ["LogSoftmax"] = "LogSoftmax is not an activation Unrolled has; export Softmax (Unrolled's CrossEntropy works from the logits)",
        ["If"] = "branches are not supported; an MLP is a single chain of layers",
        ["Loop"] = "loops are not supported; an MLP is a single chain of layers",
        ["Scan"] = "loops are not supported; an MLP is a single chain of layers",
        ["Reshape"] = "reshapes are not supported; a network reads and writes [batch, features] matrices",
        ["Transpose"] = "transposes of the data are not supported; a network reads and writes [batch, features] matrices",
    };

    /// <summary>An activation node after a dense layer: sets its activation and alpha.</summary>
    private bool Activate(OnnxNodeProto node, string value)
    {
        Activation activation;
        double alpha = double.NaN;
        switch (node.OpType)
        {
            case "Relu": activation = Activation.Relu; break;
            case "Sigmoid": activation = Activation.Sigmoid; break;
            case "Tanh": activation = Activation.Tanh; break;
            case "Softplus": activation = Activation.Softplus; break;
            case "LeakyRelu":
                activation = Activation.LeakyRelu;
                alpha = AlphaAttribute(node, 0.01f);
                break;
            case "Elu":
                activation = Activation.Elu;
                alpha = AlphaAttribute(node, 1.0f);
                break;
            case "Softmax":
                activation = Activation.Softmax;
                if (!SoftmaxAxis(node))
                {
                    return false;
                }

                break;
            case "PRelu":
                return PRelu(node, value);
            default:
                _result.Refuse(node, KnownRefusals.TryGetValue(node.OpType, out string? why)
                    ? why + "."
                    : $"the op {node.OpType} is not supported; Unrolled reads Gemm, MatMul (+ Add), Relu, Sigmoid, Tanh, LeakyRelu, Elu, PRelu, Softplus, SiLU (Sigmoid + Mul), Softmax, and the pass-through Identity, Flatten and Dropout.");
                return false;
        }

        if (node.Inputs.Count != 1 || node.Inputs[0] != value)
        {
            _result.Refuse(node, $"it does not read the value '{value}' as its only input.");
            return false;
        }

        return SetActivation(node, activation, alpha);
    }

    /// <summary>PRelu(value, slope): a learned slope per unit, the slope a constant of shape [units], [1, units] or a scalar broadcast to every unit.</summary>
    private bool PRelu(OnnxNodeProto node, string value)
    {
        LayerBuilder? layer = _layers.Count > 0 ? _layers[_layers.Count - 1] : null;
        if (node.Inputs.Count != 2 || node.Inputs[0] != value)
        {
            _result.Refuse(node, $"it does not read the value '{value}' as its input X and a slope as its second input.");
            return false;
        }

        if (layer is null || layer.Closed)
        {
            return SetActivation(node, Activation.PRelu, double.NaN); // refused there, with the reason
        }

        OnnxTensorProto? slope = Constant(node, 1, "the slope");
        if (slope is null || !BiasValues(node, slope, "the slope", layer.Description.Units, 1.0, out double[] slopes))
        {
            return false;
        }

        layer.Slopes = slopes;
        return SetActivation(node, Activation.PRelu, double.NaN); // the slopes' initial value is not in the graph
    }

    /// <summary>Softmax over the last axis of [batch, units]: axis 1 or -1 (opset &lt; 13 defaults to 1, 13 and later to -1).</summary>
    private bool SoftmaxAxis(OnnxNodeProto node)
    {
        long axis = node.Attribute("axis")?.I ?? (_result.Opset < 13 ? 1 : -1);
        if (axis == 1 || axis == -1)
        {
            return true;
        }

        _result.Refuse(node, $"it normalizes along axis {axis}; of a [batch, units] matrix only axis 1 (or -1), the units, is a softmax layer.");
        return false;
    }

    /// <summary>
    /// SiLU as exporters write it: Sigmoid(x) → s and Mul(x, s) (either order), x feeding exactly those two nodes and
    /// s nothing but the Mul. True on a match, with the two nodes' indices.
    /// </summary>
    private bool MatchSilu(string value, List<int> next, out int sigmoidIndex, out int mulIndex)
    {
        for (int k = 0; k < 2; k++)
        {
            sigmoidIndex = next[k];
            mulIndex = next[1 - k];
            OnnxNodeProto sigmoid = _graph.Nodes[sigmoidIndex], mul = _graph.Nodes[mulIndex];
            if (sigmoid.OpType != "Sigmoid" || mul.OpType != "Mul" || !IsDefaultDomain(sigmoid.Domain) || !IsDefaultDomain(mul.Domain)
                || sigmoid.Inputs.Count != 1 || sigmoid.Outputs.Count != 1 || mul.Inputs.Count != 2 || mul.Outputs.Count != 1)
            {
                continue;
            }

            string s = sigmoid.Outputs[0];
            bool pair = (mul.Inputs[0] == value && mul.Inputs[1] == s) || (mul.Inputs[0] == s && mul.Inputs[1] == value);
            if (pair && !_graphOutputs.Contains(s) && _consumers.TryGetValue(s, out var readers) && readers.Count == 1)
            {
                return true;
            }
        }

        sigmoidIndex = mulIndex = -1;
        return false;
    }

    private bool SetActivation(OnnxNodeProto node, Activation activation, double alpha)
    {
        LayerBuilder? layer = _layers.Count > 0 ? _layers[_layers.Count - 1] : null;
        if (layer is null)
        {
            _result.Refuse(node, "it applies an activation before any dense layer; a network starts with a Gemm or MatMul.");
            return false;
        }

        if (layer.Closed)
        {
            _result.Refuse(node, $"{layer.Description.Describe()} already has the activation {layer.Description.Activation}; a layer has one activation.");
            return false;
        }

        if (!FinishLastLayer())
        {
            return false;
        }

        layer.Description.Activation = activation;
        layer.Description.Alpha = alpha;
        layer.Description.ActivationNodeName = node.Name;
        layer.ActivationNode = node;
        return true;
    }

    /// <summary>The node's alpha attribute (a float) as the shortest decimal that reads back to the same float.</summary>
    private static double AlphaAttribute(OnnxNodeProto node, float fallback)
    {
        OnnxAttributeProto? attribute = node.Attribute("alpha");
        return ShortestDecimal(attribute is null ? fallback : attribute.F);
    }

    /// <summary>A float attribute, or <paramref name="fallback"/> when the node does not set it.</summary>
    private static double FloatAttribute(OnnxNodeProto node, string name, double fallback)
    {
        OnnxAttributeProto? attribute = node.Attribute(name);
        return attribute is null ? fallback : attribute.F;
    }

    /// <summary>
    /// The double whose shortest decimal form reads back to <paramref name="value"/> as a float: 0.2f gives 0.2, not
    /// 0.20000000298, so that a declared <c>Alpha = 0.2</c> matches the file. Infinities and NaN pass unchanged.
    /// </summary>
    internal static double ShortestDecimal(float value)
    {
        if (float.IsNaN(value) || float.IsInfinity(value))
        {
            return value;
        }

        for (int digits = 1; digits <= 9; digits++)
        {
            string text = value.ToString("E" + (digits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) == value)
            {
                return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return value;
    }
}
