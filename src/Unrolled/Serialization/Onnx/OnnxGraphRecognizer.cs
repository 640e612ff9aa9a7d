using System.Collections.Generic;
using System.IO;

namespace Unrolled.Onnx;

/// <summary>
/// Finds an MLP in a decoded ONNX model: it follows the value from the graph's one real input to its output through
/// dense layers (Gemm, or MatMul + Add), one activation after each, and pass-through nodes, and describes what it
/// found as an <see cref="OnnxNetworkDescription"/>. Whatever does not fit is refused with a message naming the node,
/// its op and why; the description's Problems list them.
/// </summary>
/// <remarks>
/// Reads opsets 9 to 18 of the default domain and IR versions 3 to 10. Tensors whose bytes are malformed (dims that
/// disagree with the data, NaN or infinite weights) throw <see cref="InvalidDataException"/>, as the decoder does.
/// Shared as source with the generator: keep it free of anything netstandard2.0 lacks.
/// </remarks>
internal sealed partial class OnnxGraphRecognizer
{
    /// <summary>The oldest and newest default-domain opsets read.</summary>
    public const int MinOpset = 9, MaxOpset = 18;

    /// <summary>The oldest and newest IR versions read.</summary>
    public const int MinIrVersion = 3, MaxIrVersion = 10;

    private readonly OnnxGraphProto _graph;
    private readonly OnnxNetworkDescription _result;
    private readonly Dictionary<string, OnnxTensorProto> _constants = new Dictionary<string, OnnxTensorProto>();
    private readonly Dictionary<string, List<int>> _consumers = new Dictionary<string, List<int>>();
    private readonly HashSet<string> _graphOutputs = new HashSet<string>();
    private readonly bool[] _visited;
    private readonly List<LayerBuilder> _layers = new List<LayerBuilder>();

    private OnnxGraphRecognizer(OnnxGraphProto graph, OnnxNetworkDescription result)
    {
        _graph = graph;
        _result = result;
        _visited = new bool[graph.Nodes.Count];
    }

    /// <summary>Recognizes the network in <paramref name="model"/>.</summary>
    /// <exception cref="InvalidDataException">A tensor the network uses is malformed.</exception>
    public static OnnxNetworkDescription Recognize(OnnxModelProto model)
    {
        var result = new OnnxNetworkDescription { IrVersion = model.IrVersion, ProducerName = model.ProducerName };
        if (model.IrVersion < MinIrVersion || model.IrVersion > MaxIrVersion)
        {
            result.Refuse(null, $"The model's ir_version is {model.IrVersion}; this library reads IR versions {MinIrVersion} to {MaxIrVersion}.");
        }

        CheckOpsets(model, result);
        if (model.Graph is null)
        {
            result.Refuse(null, "The model has no graph.");
            return result;
        }

        var recognizer = new OnnxGraphRecognizer(model.Graph, result);
        if (recognizer.Walk() && result.Problems.Count == 0)
        {
            recognizer.Finish(model);
        }

        return result;
    }

    private static void CheckOpsets(OnnxModelProto model, OnnxNetworkDescription result)
    {
        foreach (var set in model.OpsetImport)
        {
            if (IsDefaultDomain(set.Domain))
            {
                result.Opset = set.Version;
            }
        }

        if (result.Opset == 0)
        {
            result.Refuse(null, "The model imports no operator set of the default domain (ai.onnx).");
        }
        else if (result.Opset < MinOpset || result.Opset > MaxOpset)
        {
            result.Refuse(null, $"The model uses opset {result.Opset} of ai.onnx; this library reads opsets {MinOpset} to {MaxOpset}.");
        }
    }

    private static bool IsDefaultDomain(string domain) => domain.Length == 0 || domain == "ai.onnx";

    /// <summary>Follows the network from its input to its output; false when it had to stop at a problem.</summary>
    private bool Walk()
    {
        IndexGraph();
        if (_graph.SparseInitializerCount > 0)
        {
            _result.Refuse(null, "The graph has sparse initializers; this library reads dense tensors only.");
            return false;
        }

        OnnxValueInfoProto? input = RealInput();
        OnnxValueInfoProto? output = SingleOutput();
        if (input is null || output is null)
        {
            return false;
        }

        string value = input.Name;
        int width = _result.Inputs; // 0 while the input's shape does not give it: the first layer's weights then do
        while (true)
        {
            List<int> next = Consumers(value);
            if (next.Count == 0)
            {
                break;
            }

            if (next.Count == 2 && MatchSilu(value, next, out int sigmoid, out int mul))
            {
                _visited[sigmoid] = _visited[mul] = true;
                OnnxNodeProto product = _graph.Nodes[mul];
                if (!SetActivation(product, Activation.Silu, double.NaN))
                {
                    return false;
                }

                value = product.Outputs[0];
                continue;
            }

            if (next.Count > 1)
            {
                OnnxNodeProto first = _graph.Nodes[next[0]];
                _result.Refuse(first, $"the value '{value}' feeds {next.Count} nodes ({Describe(next)}); an MLP is a single chain of layers, without branches.");
                return false;
            }

            OnnxNodeProto node = _graph.Nodes[next[0]];
            _visited[next[0]] = true;
            if (!Step(node, value, ref width, out value))
            {
                return false;
            }
        }

        return CheckEnd(value, output);
    }

    /// <summary>Handles one node that reads <paramref name="value"/>; false (after a refusal) when the walk must stop.</summary>
    private bool Step(OnnxNodeProto node, string value, ref int width, out string produced)
    {
        produced = node.Outputs.Count > 0 ? node.Outputs[0] : "";
        if (!IsDefaultDomain(node.Domain))
        {
            _result.Refuse(node, $"its domain is '{node.Domain}'; only operators of the default domain (ai.onnx) are read.");
            return false;
        }

        foreach (var attribute in node.Attributes)
        {
            if (attribute.HasGraph || attribute.Type == OnnxAttributeType.Graph || attribute.Type == OnnxAttributeType.Graphs)
            {
                _result.Refuse(node, $"its attribute '{attribute.Name}' is a subgraph; an MLP has no branches or loops.");
                return false;
            }
        }

        if (produced.Length == 0)
        {
            _result.Refuse(node, "it has no output.");
            return false;
        }

        switch (node.OpType)
        {
            case "Identity":
            case "Dropout":
            case "Flatten":
                return PassThrough(node, value);
            case "Gemm":
                return Gemm(node, value, ref width);
            case "MatMul":
                return MatMul(node, value, ref width);
            case "Add":
                return Bias(node, value);
            default:
                return Activate(node, value);
        }
    }

    /// <summary>The walk ended at <paramref name="value"/>: it must be the graph's output, and every node must be on the path.</summary>
    private bool CheckEnd(string value, OnnxValueInfoProto output)
    {
        bool sound = true;
        if (value != output.Name)
        {
            _result.Refuse(null, $"The path from the input ends at the value '{value}', which is not the graph's output '{output.Name}'.");
            sound = false;
        }

        for (int i = 0; i < _visited.Length; i++)
        {
            if (!_visited[i])
            {
                _result.Refuse(_graph.Nodes[i], "it is not on the path from the input to the output; an MLP is a single chain of layers.");
                sound = false;
            }
        }

        if (_layers.Count == 0 && sound)
        {
            _result.Refuse(null, "The graph has no dense layer (Gemm, or MatMul + Add).");
            sound = false;
        }

        return sound && FinishLastLayer();
    }

    /// <summary>Constants by name (initializers and Constant nodes), who reads each value, and the graph's outputs.</summary>
    private void IndexGraph()
    {
        foreach (var tensor in _graph.Initializers)
        {
            _constants[tensor.Name] = tensor;
        }

        for (int i = 0; i < _graph.Nodes.Count; i++)
        {
            OnnxNodeProto node = _graph.Nodes[i];
            OnnxAttributeProto? value = node.OpType == "Constant" && IsDefaultDomain(node.Domain) ? node.Attribute("value") : null;
            if (value?.T is not null && node.Outputs.Count == 1)
            {
                value.T.Name = node.Outputs[0];
                _constants[node.Outputs[0]] = value.T;
                _visited[i] = true; // a Constant is part of the layer that reads it
                continue;
            }

            foreach (string name in node.Inputs)
            {
                if (name.Length == 0)
                {
                    continue;
                }

                if (!_consumers.TryGetValue(name, out var list))
                {
                    _consumers[name] = list = new List<int>();
                }

                if (!list.Contains(i))
                {
                    list.Add(i);
                }
            }
        }

        foreach (var output in _graph.Outputs)
        {
            _graphOutputs.Add(output.Name);
        }
    }

    private List<int> Consumers(string value)
    {
        var result = new List<int>();
        if (_consumers.TryGetValue(value, out var list))
        {
            foreach (int index in list)
            {
                if (!_visited[index])
                {
                    result.Add(index);
                }
            }
        }

        return result;
    }

    /// <summary>True when nothing reads <paramref name="value"/> and it is not a graph output (an unused optional output).</summary>
    private bool Unused(string value) => value.Length == 0 || (!_consumers.ContainsKey(value) && !_graphOutputs.Contains(value));

    private string Describe(List<int> nodes)
    {
        var names = new List<string>();
        foreach (int index in nodes)
        {
            names.Add(_graph.Nodes[index].Describe());
        }

        return string.Join(", ", names);
    }
}
