using System.Collections.Generic;
using System.Globalization;

namespace Unrolled.Onnx;

/// <summary>
/// Encodes a network as an ONNX model: per layer a Gemm (transB = 0, the weight stored as W[fanIn, units], the
/// contract's layout, so no value is moved; without C for a layer without bias) and its activation node, opset 13,
/// IR version 8, the batch dimension symbolic, the spec in metadata_props and producer "Unrolled".
/// </summary>
/// <remarks>
/// Node and value names say which layer they belong to: <c>layer1_gemm</c>, <c>layer1_relu</c>; initializers
/// <c>layer1.weight</c>, <c>layer1.bias</c>, <c>layer1.slope</c>; the graph reads <c>input</c> and writes
/// <c>output</c>. SiLU is written as Sigmoid + Mul, LeakyRelu and Elu with their alpha attribute, PRelu with its
/// slope [units], Softmax with axis -1. Dropout is training only: the inference graph has no node for it (the
/// metadata records the rate).
/// Shared as source with the generator: keep it free of anything netstandard2.0 lacks.
/// </remarks>
internal static class OnnxModelWriter
{
    /// <summary>The IR version written: 8 (ONNX 1.10+, read by ONNX Runtime 1.10 and later).</summary>
    public const long IrVersion = 8;

    /// <summary>The default-domain opset written.</summary>
    public const long Opset = 13;

    /// <summary>The model's producer_name.</summary>
    public const string ProducerName = "Unrolled";

    /// <summary>The ONNX bytes of <paramref name="spec"/> with <paramref name="parameters"/> in the contract's layout.</summary>
    /// <param name="spec">The network's shape.</param>
    /// <param name="parameters">Its parameters; stored as floats for <see cref="Precision.Single"/> (they must be floats already to round-trip).</param>
    /// <param name="producerVersion">The producer_version to record.</param>
    public static byte[] Write(NetworkSpec spec, double[] parameters, string producerVersion)
    {
        int elementType = spec.Precision == Precision.Double ? OnnxDataType.Double : OnnxDataType.Float;
        var graph = new ProtoWriter();
        string value = "input";
        int last = spec.Layers.Count - 1;
        var initializers = new List<ProtoWriter>();
        for (int l = 0; l <= last; l++)
        {
            LayerSpec layer = spec.Layers[l];
            string prefix = "layer" + (l + 1).ToString(CultureInfo.InvariantCulture);
            int fanIn = spec.FanIn(l), units = layer.Units;
            initializers.Add(Tensor(prefix + ".weight", new long[] { fanIn, units }, elementType, parameters, spec.WeightOffset(l), fanIn * units));
            var gemmInputs = new List<string> { value, prefix + ".weight" };
            if (spec.HasBias(l))
            {
                initializers.Add(Tensor(prefix + ".bias", new long[] { units }, elementType, parameters, spec.BiasOffset(l), units));
                gemmInputs.Add(prefix + ".bias");
            }

            if (spec.HasSlopes(l))
            {
                initializers.Add(Tensor(prefix + ".slope", new long[] { units }, elementType, parameters, spec.SlopeOffset(l), units));
            }

            string gemmOutput = l == last && layer.Activation == Activation.Identity ? "output" : prefix + "_z";
            graph.WriteMessage(1, Node(prefix + "_gemm", "Gemm", gemmInputs.ToArray(), gemmOutput));
            value = gemmOutput;
            if (layer.Activation != Activation.Identity)
            {
                string output = l == last ? "output" : prefix + "_a";
                WriteActivation(graph, prefix, layer, value, output);
                value = output;
            }
        }

        graph.WriteString(2, "unrolled");
        foreach (var tensor in initializers)
        {
            graph.WriteMessage(5, tensor);
        }

        graph.WriteMessage(11, ValueInfo("input", elementType, spec.Inputs));
        graph.WriteMessage(12, ValueInfo("output", elementType, spec.Outputs));

        var model = new ProtoWriter();
        model.WriteInt64(1, IrVersion);
        model.WriteString(2, ProducerName);
        model.WriteString(3, producerVersion);
        model.WriteMessage(7, graph);
        var opset = new ProtoWriter();
        opset.WriteString(1, "");
        opset.WriteInt64(2, Opset);
        model.WriteMessage(8, opset);
        model.WriteMessage(14, Entry(OnnxSpecMetadata.SpecKey, OnnxSpecMetadata.Format(spec.Inputs, spec.Layers, spec.Loss, spec.Precision)));
        model.WriteMessage(14, Entry(OnnxSpecMetadata.LossKey, spec.Loss.ToString()));
        return model.ToArray();
    }

    private static void WriteActivation(ProtoWriter graph, string prefix, LayerSpec layer, string input, string output)
    {
        switch (layer.Activation)
        {
            case Activation.Silu:
                string sigmoid = prefix + "_sigmoid";
                graph.WriteMessage(1, Node(sigmoid, "Sigmoid", new[] { input }, sigmoid + "_out"));
                graph.WriteMessage(1, Node(prefix + "_silu", "Mul", new[] { input, sigmoid + "_out" }, output));
                break;
            case Activation.LeakyRelu:
            case Activation.Elu:
                string op = layer.Activation == Activation.Elu ? "Elu" : "LeakyRelu";
                graph.WriteMessage(1, Node(prefix + "_" + op.ToLowerInvariant(), op, new[] { input }, output, FloatAttribute("alpha", (float)layer.Alpha)));
                break;
            case Activation.Softmax:
                graph.WriteMessage(1, Node(prefix + "_softmax", "Softmax", new[] { input }, output, IntAttribute("axis", -1)));
                break;
            case Activation.PRelu:
                graph.WriteMessage(1, Node(prefix + "_prelu", "PRelu", new[] { input, prefix + ".slope" }, output));
                break;
            default:
                // Relu, Sigmoid, Tanh, Softplus: the ONNX op has the activation's name.
                string name = layer.Activation.ToString();
                graph.WriteMessage(1, Node(prefix + "_" + name.ToLowerInvariant(), name, new[] { input }, output));
                break;
        }
    }

    private static ProtoWriter Node(string name, string op, string[] inputs, string output, ProtoWriter? attribute = null)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.WriteString(1, input);
        }

        node.WriteString(2, output);
        node.WriteString(3, name);
        node.WriteString(4, op);
        if (attribute is not null)
        {
            node.WriteMessage(5, attribute);
        }

        return node;
    }

    private static ProtoWriter FloatAttribute(string name, float value)
    {
        var attribute = new ProtoWriter();
        attribute.WriteString(1, name);
        attribute.WriteFloat(2, value);
        attribute.WriteInt64(20, (long)OnnxAttributeType.Float);
        return attribute;
    }

    private static ProtoWriter IntAttribute(string name, long value)
    {
        var attribute = new ProtoWriter();
        attribute.WriteString(1, name);
        attribute.WriteInt64(3, value);
        attribute.WriteInt64(20, (long)OnnxAttributeType.Int);
        return attribute;
    }

    private static ProtoWriter Tensor(string name, long[] dims, int elementType, double[] parameters, int offset, int count)
    {
        int size = elementType == OnnxDataType.Double ? 8 : 4;
        var raw = new byte[count * size];
        for (int i = 0; i < count; i++)
        {
            if (size == 8)
            {
                ProtoWriter.PutDouble(raw, i * 8, parameters[offset + i]);
            }
            else
            {
                ProtoWriter.PutFloat(raw, i * 4, (float)parameters[offset + i]);
            }
        }

        var tensor = new ProtoWriter();
        tensor.WritePackedInt64(1, dims);
        tensor.WriteInt64(2, elementType);
        tensor.WriteString(8, name);
        tensor.WriteBytes(9, raw);
        return tensor;
    }

    /// <summary>A [batch, <paramref name="features"/>] tensor type, the batch dimension symbolic.</summary>
    private static ProtoWriter ValueInfo(string name, int elementType, int features)
    {
        var batch = new ProtoWriter();
        batch.WriteString(2, "batch");
        var width = new ProtoWriter();
        width.WriteInt64(1, features);
        var shape = new ProtoWriter();
        shape.WriteMessage(1, batch);
        shape.WriteMessage(1, width);
        var tensorType = new ProtoWriter();
        tensorType.WriteInt64(1, elementType);
        tensorType.WriteMessage(2, shape);
        var type = new ProtoWriter();
        type.WriteMessage(1, tensorType);
        var info = new ProtoWriter();
        info.WriteString(1, name);
        info.WriteMessage(2, type);
        return info;
    }

    private static ProtoWriter Entry(string key, string value)
    {
        var entry = new ProtoWriter();
        entry.WriteString(1, key);
        entry.WriteString(2, value);
        return entry;
    }
}
