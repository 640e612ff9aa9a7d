using System.Collections.Generic;
using System.Globalization;

namespace Unrolled.Onnx;

// The graph's input and output, the dense layers (Gemm, MatMul + Add) and the pass-through nodes.
internal sealed partial class OnnxGraphRecognizer
{
    /// <summary>A layer while it is being recognized: its weights in the contract's layout and its description.</summary>
    private sealed class LayerBuilder
    {
        public LayerBuilder(OnnxLayerDescription description, double[] weights, double[] bias)
        {
            Description = description;
            Weights = weights;
            Bias = bias;
        }

        public OnnxLayerDescription Description { get; }

        /// <summary>W[fanIn, units], row-major.</summary>
        public double[] Weights { get; }

        /// <summary>b[units]; emptied when the layer turns out to have none.</summary>
        public double[] Bias { get; set; }

        /// <summary>The PReLU slopes[units], or empty.</summary>
        public double[] Slopes { get; set; } = new double[0];

        /// <summary>The node that started the layer, for messages about it.</summary>
        public OnnxNodeProto? Node { get; set; }

        /// <summary>The node that set the activation (the Mul of SiLU), or null for Identity.</summary>
        public OnnxNodeProto? ActivationNode { get; set; }

        /// <summary>True once an activation (or a node after the layer that ends it) has been seen.</summary>
        public bool Closed { get; set; }
    }

    /// <summary>The graph's one input that is not an initializer; sets the precision and, when its shape says, the input count.</summary>
    private OnnxValueInfoProto? RealInput()
    {
        var inputs = new List<OnnxValueInfoProto>();
        foreach (var input in _graph.Inputs)
        {
            if (!_constants.ContainsKey(input.Name))
            {
                inputs.Add(input); // older exporters also list every initializer as an input
            }
        }

        if (inputs.Count != 1)
        {
            var names = inputs.ConvertAll(i => "'" + i.Name + "'");
            _result.Refuse(null, inputs.Count == 0
                ? "The graph has no input that is not an initializer."
                : $"The graph has {inputs.Count} inputs that are not initializers ({string.Join(", ", names)}); a network reads one.");
            return null;
        }

        OnnxValueInfoProto real = inputs[0];
        string what = $"The graph's input '{real.Name}'";
        if (!TryPrecision(real, what))
        {
            return null;
        }

        if (!real.HasShape)
        {
            return real; // the first layer's weights give the input count
        }

        // A wrong shape is refused, but the walk goes on so that the nodes that expect it (a Conv) are named too.
        if (real.Shape.Count != 2)
        {
            _result.Refuse(null, $"{what} has shape [{string.Join(", ", real.Shape.ConvertAll(d => d.ToString()))}]; a network reads a [batch, features] matrix.");
            return real;
        }

        OnnxDimension features = real.Shape[1];
        if (features.Value is null || features.Value <= 0 || features.Value > int.MaxValue)
        {
            _result.Refuse(null, $"{what} has {(features.Param is null ? "an unknown" : "the dynamic")} feature dimension '{features}'; only the batch dimension (the first) may be dynamic.");
            return real;
        }

        _result.Inputs = (int)features.Value.Value;
        return real;
    }

    private bool TryPrecision(OnnxValueInfoProto value, string what)
    {
        if (!value.IsTensor)
        {
            _result.Refuse(null, $"{what} is {(value.HasType ? "not a tensor" : "of no declared type")}; a network reads a float or double tensor.");
            return false;
        }

        if (value.ElementType != OnnxDataType.Float && value.ElementType != OnnxDataType.Double)
        {
            _result.Refuse(null, $"{what} holds {OnnxDataType.Name(value.ElementType)} values; a network reads FLOAT or DOUBLE.");
            return false;
        }

        _result.Precision = value.ElementType == OnnxDataType.Double ? Precision.Double : Precision.Single;
        return true;
    }

    private OnnxValueInfoProto? SingleOutput()
    {
        if (_graph.Outputs.Count != 1)
        {
            _result.Refuse(null, $"The graph has {_graph.Outputs.Count} outputs; a network has one.");
            return null;
        }

        OnnxValueInfoProto output = _graph.Outputs[0];
        if (output.IsTensor && output.ElementType != (_result.Precision == Precision.Double ? OnnxDataType.Double : OnnxDataType.Float))
        {
            _result.Refuse(null, $"The graph's output '{output.Name}' holds {OnnxDataType.Name(output.ElementType)} values, its input another type.");
            return null;
        }

        return output;
    }

    /// <summary>Identity, Dropout (inference: its mask unused) and Flatten of a [batch, features] matrix pass the value on unchanged.</summary>
    private bool PassThrough(OnnxNodeProto node, string value)
    {
        if (node.Inputs[0] != value)
        {
            _result.Refuse(node, $"it reads '{value}' as an input other than its first.");
            return false;
        }

        for (int i = 1; i < node.Outputs.Count; i++)
        {
            if (!Unused(node.Outputs[i]))
            {
                _result.Refuse(node, $"its output '{node.Outputs[i]}' is used; only its first output can pass through a network.");
                return false;
            }
        }

        if (node.OpType == "Flatten")
        {
            long axis = node.Attribute("axis")?.I ?? 1;
            if (axis != 1 && axis != -1)
            {
                _result.Refuse(node, $"it flattens at axis {axis}; of a [batch, features] matrix only axis 1 (or -1) leaves the batch alone.");
                return false;
            }
        }

        if (node.OpType == "Dropout" && node.Inputs.Count > 2 && node.Inputs[2].Length > 0)
        {
            // training_mode (opset 12+): a constant false is inference, anything else may drop.
            if (!_constants.TryGetValue(node.Inputs[2], out var mode) || !IsFalse(mode))
            {
                _result.Refuse(node, "its training_mode input is not a constant false; only inference-mode Dropout passes through.");
                return false;
            }
        }

        return true;
    }

    private static bool IsFalse(OnnxTensorProto tensor)
    {
        if (tensor.RawBuffer is not null)
        {
            return tensor.RawLength == 1 && tensor.RawBuffer[tensor.RawOffset] == 0;
        }

        return tensor.Int32Data.Count == 1 && tensor.Int32Data[0] == 0;
    }

    /// <summary>Gemm(A = value, B, C): Y = alpha A op(B) + beta C, with op(B) = B or Bᵀ.</summary>
    private bool Gemm(OnnxNodeProto node, string value, ref int width)
    {
        if (node.Inputs.Count < 2 || node.Inputs[0] != value)
        {
            _result.Refuse(node, $"it does not read '{value}' as its input A.");
            return false;
        }

        long transA = node.Attribute("transA")?.I ?? 0, transB = node.Attribute("transB")?.I ?? 0;
        if (transA != 0 || (transB != 0 && transB != 1))
        {
            _result.Refuse(node, $"transA is {transA} and transB {transB}; a dense layer has transA 0 and transB 0 or 1.");
            return false;
        }

        double alpha = FloatAttribute(node, "alpha", 1.0), beta = FloatAttribute(node, "beta", 1.0);
        OnnxTensorProto? b = Constant(node, 1, "B");
        if (b is null || !Matrix(node, b, "B", out int rows, out int columns))
        {
            return false;
        }

        int fanIn = transB == 1 ? columns : rows, units = transB == 1 ? rows : columns;
        if (!StartLayer(node, ref width, fanIn, units))
        {
            return false;
        }

        double[] source = Values(b, node);
        var weights = new double[fanIn * units];
        for (int i = 0; i < fanIn; i++)
        {
            for (int j = 0; j < units; j++)
            {
                weights[i * units + j] = alpha * source[transB == 1 ? j * fanIn + i : i * units + j];
            }
        }

        var layer = AddLayer(node, weights, fanIn, units);
        if (node.Inputs.Count > 2 && node.Inputs[2].Length > 0)
        {
            OnnxTensorProto? c = Constant(node, 2, "C");
            if (c is null || !BiasValues(node, c, "C", units, beta, out double[] bias))
            {
                return false;
            }

            layer.Bias = bias;
        }
        else
        {
            layer.Description.HasBias = false; // an Add may follow
        }

        return true;
    }

    /// <summary>MatMul(value, W) with W[fanIn, units]: a layer whose bias comes from the Add that follows.</summary>
    private bool MatMul(OnnxNodeProto node, string value, ref int width)
    {
        if (node.Inputs.Count != 2 || node.Inputs[0] != value)
        {
            _result.Refuse(node, $"it does not multiply '{value}' from the left by a weight matrix.");
            return false;
        }

        OnnxTensorProto? w = Constant(node, 1, "the weight");
        if (w is null || !Matrix(node, w, "the weight", out int fanIn, out int units) || !StartLayer(node, ref width, fanIn, units))
        {
            return false;
        }

        AddLayer(node, Values(w, node), fanIn, units).Description.HasBias = false;
        return true;
    }

    /// <summary>Add(value, b) or Add(b, value) right after a Gemm without C or a MatMul: the layer's bias.</summary>
    private bool Bias(OnnxNodeProto node, string value)
    {
        LayerBuilder? layer = _layers.Count > 0 ? _layers[_layers.Count - 1] : null;
        if (layer is null || layer.Closed || layer.Description.HasBias || node.Inputs.Count != 2)
        {
            _result.Refuse(node, "it is not the bias of a MatMul (or of a Gemm without C); no other Add fits a dense layer.");
            return false;
        }

        int other = node.Inputs[0] == value ? 1 : 0;
        OnnxTensorProto? b = Constant(node, other, "the bias");
        if (b is null || !BiasValues(node, b, "the bias", layer.Description.Units, 1.0, out double[] bias))
        {
            return false;
        }

        layer.Bias = bias;
        layer.Description.HasBias = true;
        return true;
    }

    /// <summary>Ends the previous layer (as Identity if nothing activated it) and checks the new one's fan-in.</summary>
    private bool StartLayer(OnnxNodeProto node, ref int width, int fanIn, int units)
    {
        if (_layers.Count > 0 && !FinishLastLayer())
        {
            return false;
        }

        if (width == 0)
        {
            _result.Inputs = fanIn;
        }
        else if (fanIn != width)
        {
            _result.Refuse(node, $"its weight takes {fanIn} inputs but the value it reads has {width} features.");
            return false;
        }

        width = units;
        return true;
    }

    private LayerBuilder AddLayer(OnnxNodeProto node, double[] weights, int fanIn, int units)
    {
        var description = new OnnxLayerDescription { Units = units, FanIn = fanIn, NodeName = node.Name, OpType = node.OpType };
        var layer = new LayerBuilder(description, weights, new double[units]) { Node = node };
        _layers.Add(layer);
        return layer;
    }

    /// <summary>Closes the last layer: without an Add (or C) by now it is a layer without bias.</summary>
    private bool FinishLastLayer()
    {
        LayerBuilder layer = _layers[_layers.Count - 1];
        layer.Closed = true;
        if (!layer.Description.HasBias)
        {
            layer.Bias = new double[0];
        }

        return true;
    }

    private OnnxTensorProto? Constant(OnnxNodeProto node, int index, string what)
    {
        string name = index < node.Inputs.Count ? node.Inputs[index] : "";
        if (!_constants.TryGetValue(name, out var tensor))
        {
            _result.Refuse(node, $"{what} '{name}' is not an initializer or Constant; a dense layer's weights are constants.");
            return null;
        }

        if (tensor.IsExternal)
        {
            _result.Refuse(node, $"{what} '{name}' is stored in an external file; save the model with its tensors inside (external data is not read).");
            return null;
        }

        int expected = _result.Precision == Precision.Double ? OnnxDataType.Double : OnnxDataType.Float;
        if (tensor.DataType != expected)
        {
            _result.Refuse(node, $"{what} '{name}' holds {OnnxDataType.Name(tensor.DataType)} values but the input is {OnnxDataType.Name(expected)}; a network has one precision.");
            return null;
        }

        return tensor;
    }

    private bool Matrix(OnnxNodeProto node, OnnxTensorProto tensor, string what, out int rows, out int columns)
    {
        rows = columns = 0;
        OnnxTensorValues.ElementCount(tensor, TensorOf(node)); // throws on negative or oversized dims
        if (tensor.Dims.Count != 2 || tensor.Dims[0] == 0 || tensor.Dims[1] == 0)
        {
            _result.Refuse(node, $"{what} '{tensor.Name}' has dims [{Dims(tensor)}]; a dense layer's weight is a non-empty matrix.");
            return false;
        }

        rows = (int)tensor.Dims[0];
        columns = (int)tensor.Dims[1];
        return true;
    }

    /// <summary>
    /// A bias (or PReLU slope) of shape [units] or [1, units], or a scalar ([] or [1]) broadcast to every unit, times
    /// <paramref name="scale"/>.
    /// </summary>
    private bool BiasValues(OnnxNodeProto node, OnnxTensorProto tensor, string what, int units, double scale, out double[] bias)
    {
        bias = new double[units];
        OnnxTensorValues.ElementCount(tensor, TensorOf(node));
        List<long> dims = tensor.Dims;
        bool scalar = dims.Count == 0 || (dims.Count == 1 && dims[0] == 1 && units != 1);
        bool vector = (dims.Count == 1 && dims[0] == units) || (dims.Count == 2 && dims[0] == 1 && dims[1] == units);
        if (!scalar && !vector)
        {
            _result.Refuse(node, $"{what} '{tensor.Name}' has dims [{Dims(tensor)}]; a bias of {units} units is [{units}] or [1, {units}] (or a scalar).");
            return false;
        }

        double[] values = Values(tensor, node);
        for (int j = 0; j < units; j++)
        {
            bias[j] = scale * values[scalar ? 0 : j];
        }

        return true;
    }

    private static double[] Values(OnnxTensorProto tensor, OnnxNodeProto node) =>
        OnnxTensorValues.Read(tensor, TensorOf(node), finite: true);

    /// <summary>For messages about a tensor a node reads: <c>read by node 'fc1' (Gemm)</c>.</summary>
    private static string TensorOf(OnnxNodeProto node) => "read by node " + node.Describe();

    private static string Dims(OnnxTensorProto tensor) =>
        string.Join(", ", tensor.Dims.ConvertAll(d => d.ToString(CultureInfo.InvariantCulture)));
}
