using Unrolled.Onnx;

namespace Unrolled.Tests.Serialization.Onnx;

/// <summary>Builds small ONNX files field by field (with the library's ProtoWriter), so tests can write what exporters would not.</summary>
internal sealed class TestOnnxModel
{
    public long IrVersion { get; set; } = 8;

    public long Opset { get; set; } = 13;

    public List<ProtoWriter> Nodes { get; } = [];

    public List<ProtoWriter> Initializers { get; } = [];

    public List<ProtoWriter> Inputs { get; } = [];

    public List<ProtoWriter> Outputs { get; } = [];

    public List<(string Key, string Value)> Metadata { get; } = [];

    /// <summary>x [N, 3] -> Gemm 'fc' (W [3, 2], B [2]) -> Relu 'relu' -> y [N, 2], or with <paramref name="activation"/> instead of Relu.</summary>
    public static TestOnnxModel Dense(string activation = "Relu", params ProtoWriter[] attributes)
    {
        var model = new TestOnnxModel();
        model.Inputs.Add(ValueInfo("x", OnnxDataType.Float, "N", 3));
        model.Outputs.Add(ValueInfo("y", OnnxDataType.Float, "N", 2));
        model.Initializers.Add(Tensor("W", [3, 2], [0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f]));
        model.Initializers.Add(Tensor("B", [2], [0.05f, -0.05f]));
        model.Nodes.Add(Node("fc", "Gemm", ["x", "W", "B"], ["z"]));
        model.Nodes.Add(Node(activation.ToLowerInvariant(), activation, ["z"], ["y"], attributes));
        return model;
    }

    public byte[] Build()
    {
        var graph = new ProtoWriter();
        Nodes.ForEach(n => graph.WriteMessage(1, n));
        graph.WriteString(2, "test");
        Initializers.ForEach(t => graph.WriteMessage(5, t));
        Inputs.ForEach(i => graph.WriteMessage(11, i));
        Outputs.ForEach(o => graph.WriteMessage(12, o));
        var model = new ProtoWriter();
        model.WriteInt64(1, IrVersion);
        model.WriteString(2, "tests");
        model.WriteMessage(7, graph);
        var opset = new ProtoWriter();
        opset.WriteString(1, "");
        opset.WriteInt64(2, Opset);
        model.WriteMessage(8, opset);
        foreach (var (key, value) in Metadata)
        {
            var entry = new ProtoWriter();
            entry.WriteString(1, key);
            entry.WriteString(2, value);
            model.WriteMessage(14, entry);
        }

        return model.ToArray();
    }

    public static ProtoWriter Node(string name, string op, string[] inputs, string[] outputs, params ProtoWriter[] attributes)
    {
        var node = new ProtoWriter();
        Array.ForEach(inputs, i => node.WriteString(1, i));
        Array.ForEach(outputs, o => node.WriteString(2, o));
        node.WriteString(3, name);
        node.WriteString(4, op);
        Array.ForEach(attributes, a => node.WriteMessage(5, a));
        return node;
    }

    public static ProtoWriter FloatAttribute(string name, float value)
    {
        var attribute = new ProtoWriter();
        attribute.WriteString(1, name);
        attribute.WriteFloat(2, value);
        attribute.WriteInt64(20, 1);
        return attribute;
    }

    public static ProtoWriter IntAttribute(string name, long value)
    {
        var attribute = new ProtoWriter();
        attribute.WriteString(1, name);
        attribute.WriteInt64(3, value);
        attribute.WriteInt64(20, 2);
        return attribute;
    }

    /// <summary>A FLOAT tensor in raw_data, or with <paramref name="rawOverride"/> as its raw_data bytes.</summary>
    public static ProtoWriter Tensor(string name, long[] dims, float[] values, byte[]? rawOverride = null)
    {
        var raw = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            ProtoWriter.PutFloat(raw, 4 * i, values[i]);
        }

        var tensor = new ProtoWriter();
        tensor.WritePackedInt64(1, dims);
        tensor.WriteInt64(2, OnnxDataType.Float);
        tensor.WriteString(8, name);
        tensor.WriteBytes(9, rawOverride ?? raw);
        return tensor;
    }

    /// <summary>A tensor type; each dim is an int (dim_value) or a string (dim_param).</summary>
    public static ProtoWriter ValueInfo(string name, int elementType, params object[] dims)
    {
        var shape = new ProtoWriter();
        foreach (object dim in dims)
        {
            var d = new ProtoWriter();
            if (dim is string symbol)
            {
                d.WriteString(2, symbol);
            }
            else
            {
                d.WriteInt64(1, Convert.ToInt64(dim));
            }

            shape.WriteMessage(1, d);
        }

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
}
