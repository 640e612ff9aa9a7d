using System.Collections.Generic;
using System.IO;

namespace Unrolled.Onnx;

/// <summary>
/// Decodes an ONNX file (a serialized ModelProto) into <see cref="OnnxModelProto"/>, reading the fields an MLP needs
/// and skipping, after checking their framing, all others. Field numbers are onnx.proto's.
/// </summary>
/// <remarks>
/// Malformed bytes throw <see cref="InvalidDataException"/> (from <see cref="ProtoReader"/>), never another
/// exception. Nesting is bounded by the schema (model, graph, node, attribute, tensor): subgraphs are not decoded.
/// Shared as source with the generator: keep it free of anything netstandard2.0 lacks.
/// </remarks>
internal static class OnnxProtoDecoder
{
    /// <summary>Decodes the whole of <paramref name="data"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed ModelProto.</exception>
    public static OnnxModelProto Decode(byte[] data)
    {
        if (data.Length == 0)
        {
            throw new InvalidDataException("Malformed ONNX file: the file is empty.");
        }

        var model = new OnnxModelProto();
        var reader = new ProtoReader(data, 0, data.Length, "ModelProto");
        while (reader.HasMore)
        {
            reader.ReadTag();
            switch (reader.Field)
            {
                case 1: model.IrVersion = reader.ReadInt64(); break;
                case 2: model.ProducerName = reader.ReadString(); break;
                case 3: model.ProducerVersion = reader.ReadString(); break;
                case 7: model.Graph = Graph(reader.ReadMessage("GraphProto"), data); break;
                case 8: model.OpsetImport.Add(OperatorSet(reader.ReadMessage("OperatorSetIdProto"))); break;
                case 14: model.MetadataProps.Add(Entry(reader.ReadMessage("StringStringEntryProto"))); break;
                default: reader.Skip(); break;
            }
        }

        return model;
    }

    private static OnnxOperatorSet OperatorSet(ProtoReader reader)
    {
        var set = new OnnxOperatorSet();
        while (reader.HasMore)
        {
            reader.ReadTag();
            switch (reader.Field)
            {
                case 1: set.Domain = reader.ReadString(); break;
                case 2: set.Version = reader.ReadInt64(); break;
                default: reader.Skip(); break;
            }
        }

        return set;
    }

    private static KeyValuePair<string, string> Entry(ProtoReader reader)
    {
        string key = "", value = "";
        while (reader.HasMore)
        {
            reader.ReadTag();
            switch (reader.Field)
            {
                case 1: key = reader.ReadString(); break;
                case 2: value = reader.ReadString(); break;
                default: reader.Skip(); break;
            }
        }

        return new KeyValuePair<string, string>(key, value);
    }

    private static OnnxGraphProto Graph(ProtoReader reader, byte[] data)
    {
        var graph = new OnnxGraphProto();
        while (reader.HasMore)
        {
            reader.ReadTag();
            switch (reader.Field)
            {
                case 1: graph.Nodes.Add(Node(reader.ReadMessage("NodeProto"), data)); break;
                case 2: graph.Name = reader.ReadString(); break;
                case 5: graph.Initializers.Add(Tensor(reader.ReadMessage("TensorProto"), data)); break;
                case 11: graph.Inputs.Add(ValueInfo(reader.ReadMessage("ValueInfoProto"))); break;
                case 12: graph.Outputs.Add(ValueInfo(reader.ReadMessage("ValueInfoProto"))); break;
                case 13: graph.ValueInfo.Add(ValueInfo(reader.ReadMessage("ValueInfoProto"))); break;
                case 15:
                    reader.ReadMessage("SparseTensorProto");
                    graph.SparseInitializerCount++;
                    break;
                default: reader.Skip(); break;
            }
        }

        return graph;
    }

    private static OnnxNodeProto Node(ProtoReader reader, byte[] data)
    {
        var node = new OnnxNodeProto();
        while (reader.HasMore)
        {
            reader.ReadTag();
            switch (reader.Field)
            {
                case 1: node.Inputs.Add(reader.ReadString()); break;
                case 2: node.Outputs.Add(reader.ReadString()); break;
                case 3: node.Name = reader.ReadString(); break;
                case 4: node.OpType = reader.ReadString(); break;
                case 5: node.Attributes.Add(Attribute(reader.ReadMessage("AttributeProto"), data)); break;
                case 7: node.Domain = reader.ReadString(); break;
                default: reader.Skip(); break;
            }
        }

        return node;
    }

    private static OnnxAttributeProto Attribute(ProtoReader reader, byte[] data)
    {
        var attribute = new OnnxAttributeProto();
        while (reader.HasMore)
        {
            reader.ReadTag();
            switch (reader.Field)
            {
                case 1: attribute.Name = reader.ReadString(); break;
                case 2:
                    attribute.F = reader.ReadFloat();
                    attribute.HasF = true;
                    break;
                case 3:
                    attribute.I = reader.ReadInt64();
                    attribute.HasI = true;
                    break;
                case 4: attribute.S = reader.ReadString(); break;
                case 5: attribute.T = Tensor(reader.ReadMessage("TensorProto"), data); break;
                case 6:
                case 11:
                    reader.ReadMessage("GraphProto");
                    attribute.HasGraph = true;
                    break;
                case 7: reader.ReadRepeatedFloat(attribute.Floats); break;
                case 8: reader.ReadRepeatedInt64(attribute.Ints); break;
                case 20: attribute.Type = (OnnxAttributeType)reader.ReadInt32(); break;
                default: reader.Skip(); break;
            }
        }

        return attribute;
    }

    private static OnnxTensorProto Tensor(ProtoReader reader, byte[] data)
    {
        var tensor = new OnnxTensorProto();
        while (reader.HasMore)
        {
            reader.ReadTag();
            switch (reader.Field)
            {
                case 1: reader.ReadRepeatedInt64(tensor.Dims); break;
                case 2: tensor.DataType = reader.ReadInt32(); break;
                case 4: reader.ReadRepeatedFloat(tensor.FloatData); break;
                case 5: reader.ReadRepeatedInt64(tensor.Int32Data); break;
                case 7: reader.ReadRepeatedInt64(tensor.Int64Data); break;
                case 8: tensor.Name = reader.ReadString(); break;
                case 9:
                    tensor.RawOffset = reader.ReadBytes(out int length);
                    tensor.RawLength = length;
                    tensor.RawBuffer = data;
                    break;
                case 10: reader.ReadRepeatedDouble(tensor.DoubleData); break;
                case 13:
                    reader.ReadMessage("StringStringEntryProto");
                    tensor.IsExternal = true;
                    break;
                case 14:
                    if (reader.ReadInt32() == 1)
                    {
                        tensor.IsExternal = true;
                    }

                    break;
                default: reader.Skip(); break;
            }
        }

        return tensor;
    }

    private static OnnxValueInfoProto ValueInfo(ProtoReader reader)
    {
        var info = new OnnxValueInfoProto();
        while (reader.HasMore)
        {
            reader.ReadTag();
            switch (reader.Field)
            {
                case 1: info.Name = reader.ReadString(); break;
                case 2:
                    info.HasType = true;
                    TypeProto(reader.ReadMessage("TypeProto"), info);
                    break;
                default: reader.Skip(); break;
            }
        }

        return info;
    }

    /// <summary>TypeProto: only tensor_type = 1 is decoded; sequence, map, optional and other types leave IsTensor false.</summary>
    private static void TypeProto(ProtoReader reader, OnnxValueInfoProto info)
    {
        while (reader.HasMore)
        {
            reader.ReadTag();
            if (reader.Field != 1)
            {
                reader.Skip();
                continue;
            }

            info.IsTensor = true;
            ProtoReader tensor = reader.ReadMessage("TypeProto.Tensor");
            while (tensor.HasMore)
            {
                tensor.ReadTag();
                switch (tensor.Field)
                {
                    case 1: info.ElementType = tensor.ReadInt32(); break;
                    case 2:
                        info.HasShape = true;
                        Shape(tensor.ReadMessage("TensorShapeProto"), info.Shape);
                        break;
                    default: tensor.Skip(); break;
                }
            }
        }
    }

    private static void Shape(ProtoReader reader, List<OnnxDimension> shape)
    {
        while (reader.HasMore)
        {
            reader.ReadTag();
            if (reader.Field != 1)
            {
                reader.Skip();
                continue;
            }

            var dimension = new OnnxDimension();
            ProtoReader dim = reader.ReadMessage("TensorShapeProto.Dimension");
            while (dim.HasMore)
            {
                dim.ReadTag();
                switch (dim.Field)
                {
                    case 1:
                        dimension.Value = dim.ReadInt64();
                        dimension.Param = null;
                        break;
                    case 2:
                        dimension.Param = dim.ReadString();
                        dimension.Value = null;
                        break;
                    default: dim.Skip(); break;
                }
            }

            shape.Add(dimension);
        }
    }
}
