using System.Collections.Generic;

namespace Unrolled.Onnx;

// The parts of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto) that an MLP needs, as plain classes. Field numbers
// are given beside each member; OnnxProtoDecoder fills these from the wire format and skips every other field.
// Shared as source with the generator: keep it free of anything netstandard2.0 lacks.

/// <summary>ModelProto: the file's top-level message.</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
internal sealed class OnnxModelProto
{
    /// <summary>ir_version = 1.</summary>
    public long IrVersion { get; set; }

    /// <summary>producer_name = 2.</summary>
    public string ProducerName { get; set; } = "";

    /// <summary>producer_version = 3.</summary>
    public string ProducerVersion { get; set; } = "";

    /// <summary>graph = 7 (null when absent).</summary>
    public OnnxGraphProto? Graph { get; set; }

    /// <summary>opset_import = 8.</summary>
    public List<OnnxOperatorSet> OpsetImport { get; } = new List<OnnxOperatorSet>();

    /// <summary>metadata_props = 14, in file order.</summary>
    public List<KeyValuePair<string, string>> MetadataProps { get; } = new List<KeyValuePair<string, string>>();
}

/// <summary>OperatorSetIdProto: domain = 1 ("" and "ai.onnx" are the default domain), version = 2.</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
internal sealed class OnnxOperatorSet
{
    public string Domain { get; set; } = "";

    public long Version { get; set; }
}

/// <summary>GraphProto.</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
internal sealed class OnnxGraphProto
{
    /// <summary>node = 1, in the file's (topological) order.</summary>
    public List<OnnxNodeProto> Nodes { get; } = new List<OnnxNodeProto>();

    /// <summary>name = 2.</summary>
    public string Name { get; set; } = "";

    /// <summary>initializer = 5.</summary>
    public List<OnnxTensorProto> Initializers { get; } = new List<OnnxTensorProto>();

    /// <summary>sparse_initializer = 15: only counted, to refuse them.</summary>
    public int SparseInitializerCount { get; set; }

    /// <summary>input = 11 (older exporters list the initializers here too).</summary>
    public List<OnnxValueInfoProto> Inputs { get; } = new List<OnnxValueInfoProto>();

    /// <summary>output = 12.</summary>
    public List<OnnxValueInfoProto> Outputs { get; } = new List<OnnxValueInfoProto>();

    /// <summary>value_info = 13: shapes of intermediate values, informative only.</summary>
    public List<OnnxValueInfoProto> ValueInfo { get; } = new List<OnnxValueInfoProto>();
}

/// <summary>NodeProto.</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
internal sealed class OnnxNodeProto
{
    /// <summary>input = 1; an empty name is an omitted optional input.</summary>
    public List<string> Inputs { get; } = new List<string>();

    /// <summary>output = 2; an empty name is an omitted optional output.</summary>
    public List<string> Outputs { get; } = new List<string>();

    /// <summary>name = 3 (may be empty).</summary>
    public string Name { get; set; } = "";

    /// <summary>op_type = 4.</summary>
    public string OpType { get; set; } = "";

    /// <summary>domain = 7 ("" is the default domain).</summary>
    public string Domain { get; set; } = "";

    /// <summary>attribute = 5.</summary>
    public List<OnnxAttributeProto> Attributes { get; } = new List<OnnxAttributeProto>();

    /// <summary>For messages: <c>'name' (OpType)</c>, or the first output's name when the node has none.</summary>
    public string Describe() => "'" + (Name.Length > 0 ? Name : Outputs.Count > 0 ? "<unnamed, output " + Outputs[0] + ">" : "<unnamed>") + "' (" + OpType + ")";

    /// <summary>The attribute called <paramref name="name"/>, or null.</summary>
    public OnnxAttributeProto? Attribute(string name)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Name == name)
            {
                return attribute;
            }
        }

        return null;
    }
}

/// <summary>AttributeProto.AttributeType values used here.</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
internal enum OnnxAttributeType
{
    Undefined = 0,
    Float = 1,
    Int = 2,
    String = 3,
    Tensor = 4,
    Graph = 5,
    Floats = 6,
    Ints = 7,
    Strings = 8,
    Tensors = 9,
    Graphs = 10,
}

/// <summary>AttributeProto: name = 1, f = 2, i = 3, s = 4, t = 5, floats = 7, ints = 8, type = 20.</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
internal sealed class OnnxAttributeProto
{
    public string Name { get; set; } = "";

    /// <summary>type = 20; 0 when an old writer left it out (then the field present tells).</summary>
    public OnnxAttributeType Type { get; set; }

    public float F { get; set; }

    public bool HasF { get; set; }

    public long I { get; set; }

    public bool HasI { get; set; }

    public string S { get; set; } = "";

    public OnnxTensorProto? T { get; set; }

    /// <summary>True when g = 6 or graphs = 11 is present: a subgraph (If, Loop, Scan bodies), always refused.</summary>
    public bool HasGraph { get; set; }

    public List<float> Floats { get; } = new List<float>();

    public List<long> Ints { get; } = new List<long>();
}

/// <summary>TensorProto.DataType values this library reads.</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
internal static class OnnxDataType
{
    public const int Float = 1;
    public const int Int64 = 7;
    public const int Bool = 9;
    public const int Double = 11;

    /// <summary>The name onnx.proto gives <paramref name="type"/>, for messages.</summary>
    public static string Name(int type)
    {
        string[] names =
        {
            "UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64", "STRING", "BOOL", "FLOAT16",
            "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16",
        };
        return type >= 0 && type < names.Length ? names[type] : "data type " + type;
    }
}

/// <summary>TensorProto: the fields that hold a dense tensor's values inside the file.</summary>
/// <remarks>
/// raw_data is kept as a range of the file's bytes (nothing copied). OnnxTensorValues turns the tensor into doubles
/// and checks that its data agrees with its dims.
/// Shared as source with the generator: keep it free of anything netstandard2.0 lacks.
/// </remarks>
internal sealed class OnnxTensorProto
{
    /// <summary>dims = 1.</summary>
    public List<long> Dims { get; } = new List<long>();

    /// <summary>data_type = 2.</summary>
    public int DataType { get; set; }

    /// <summary>float_data = 4.</summary>
    public List<float> FloatData { get; } = new List<float>();

    /// <summary>int32_data = 5 (bool and small integer types).</summary>
    public List<long> Int32Data { get; } = new List<long>();

    /// <summary>int64_data = 7.</summary>
    public List<long> Int64Data { get; } = new List<long>();

    /// <summary>name = 8.</summary>
    public string Name { get; set; } = "";

    /// <summary>raw_data = 9: the file's bytes, and where in them the field starts; null when absent.</summary>
    public byte[]? RawBuffer { get; set; }

    public int RawOffset { get; set; }

    public int RawLength { get; set; }

    /// <summary>double_data = 10.</summary>
    public List<double> DoubleData { get; } = new List<double>();

    /// <summary>external_data = 13 entries, or data_location = 14 set to EXTERNAL (1).</summary>
    public bool IsExternal { get; set; }

    /// <summary>For messages, e.g. <c>tensor 'fc1.weight' read by node 'fc1' (Gemm)</c> with <paramref name="context"/> the part after the name.</summary>
    public string Describe(string context) => "tensor '" + Name + "'" + (context.Length > 0 ? " " + context : "");
}

/// <summary>ValueInfoProto with its TypeProto.Tensor: name = 1, type = 2 { tensor_type = 1 { elem_type = 1, shape = 2 } }.</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
internal sealed class OnnxValueInfoProto
{
    public string Name { get; set; } = "";

    /// <summary>True when the type is a tensor type (not a sequence, map or optional).</summary>
    public bool IsTensor { get; set; }

    /// <summary>True when the type field is present.</summary>
    public bool HasType { get; set; }

    public int ElementType { get; set; }

    /// <summary>True when the tensor type gives a shape (a rank-0 shape is a scalar).</summary>
    public bool HasShape { get; set; }

    public List<OnnxDimension> Shape { get; } = new List<OnnxDimension>();
}

/// <summary>TensorShapeProto.Dimension: dim_value = 1 or dim_param = 2 (symbolic), or neither (unknown).</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
internal sealed class OnnxDimension
{
    public long? Value { get; set; }

    public string? Param { get; set; }

    /// <summary>For messages: the number, the symbol, or "?".</summary>
    public override string ToString() => Value.HasValue ? Value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : Param ?? "?";
}
