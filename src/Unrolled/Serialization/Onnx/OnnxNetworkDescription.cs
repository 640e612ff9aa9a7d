using System.Collections.Generic;

namespace Unrolled.Onnx;

/// <summary>
/// What <see cref="OnnxGraphRecognizer"/> found in an ONNX graph: an MLP in the contract's terms, plain data the
/// runtime turns into a <see cref="NetworkSpec"/> and the generator compares with a declaration.
/// </summary>
/// <remarks>
/// When <see cref="Problems"/> is not empty the file is refused: <see cref="Layers"/> and <see cref="Parameters"/>
/// are then empty, and each problem names its node. Shared as source with the generator: keep it free of anything
/// netstandard2.0 lacks.
/// </remarks>
internal sealed class OnnxNetworkDescription
{
    /// <summary>The number of inputs per sample (the second dimension of the graph's one real input).</summary>
    public int Inputs { get; set; }

    /// <summary>The dense layers, input side first.</summary>
    public List<OnnxLayerDescription> Layers { get; } = new List<OnnxLayerDescription>();

    /// <summary>FLOAT inputs and weights give <see cref="Precision.Single"/>, DOUBLE ones <see cref="Precision.Double"/>.</summary>
    public Precision Precision { get; set; }

    /// <summary>The loss the file's metadata_props name (<c>unrolled.loss</c>), or null when they name none.</summary>
    public LossFunction? DeclaredLoss { get; set; }

    /// <summary>
    /// The loss to use: <see cref="DeclaredLoss"/>, else CrossEntropy for a Softmax output and MeanSquaredError
    /// otherwise (an inference graph does not record how it was trained).
    /// </summary>
    public LossFunction Loss => DeclaredLoss
        ?? (Layers.Count > 0 && Layers[Layers.Count - 1].Activation == Activation.Softmax ? LossFunction.CrossEntropy : LossFunction.MeanSquaredError);

    /// <summary>
    /// The parameters in the contract's layout: per layer W[fanIn, units] row-major, then b[units] (only for a layer
    /// with a bias), then the PReLU slopes[units] (only for a PRelu layer). Gemm's alpha and beta are folded in and
    /// transB=1 weights transposed. Empty when refused.
    /// </summary>
    public double[] Parameters { get; set; } = new double[0];

    /// <summary>Why the file cannot be used, one entry per problem, in graph order; empty when it can.</summary>
    public List<OnnxProblem> Problems { get; } = new List<OnnxProblem>();

    /// <summary>The model's ir_version.</summary>
    public long IrVersion { get; set; }

    /// <summary>The version of the default ("ai.onnx") operator set the model imports.</summary>
    public long Opset { get; set; }

    /// <summary>The model's producer_name, e.g. <c>pytorch</c>, <c>tf2onnx</c> or <c>Unrolled</c>.</summary>
    public string ProducerName { get; set; } = "";

    /// <summary>Adds a problem about <paramref name="node"/> (null for the model or graph as a whole).</summary>
    public void Refuse(OnnxNodeProto? node, string why) =>
        Problems.Add(node is null
            ? new OnnxProblem("", "", why)
            : new OnnxProblem(node.Name, node.OpType, "Node " + node.Describe() + ": " + why));
}

/// <summary>One dense layer: a Gemm, or a MatMul and its Add, followed by at most one activation.</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
internal sealed class OnnxLayerDescription
{
    /// <summary>The number of units (the weight's output dimension).</summary>
    public int Units { get; set; }

    /// <summary>The number of inputs of the layer.</summary>
    public int FanIn { get; set; }

    /// <summary>The activation; <see cref="Activation.Identity"/> when none follows the layer.</summary>
    public Activation Activation { get; set; }

    /// <summary>
    /// The activation's alpha (LeakyRelu, Elu): the attribute's float as the shortest decimal that reads back to it
    /// (0.2f gives 0.2), or the exact double the metadata recorded; NaN for activations without one, and for PRelu
    /// unless the metadata records the slopes' initial value (the learned slopes are parameters).
    /// </summary>
    public double Alpha { get; set; } = double.NaN;

    /// <summary>The dropout rate the metadata records (an inference graph has none); 0 otherwise.</summary>
    public double Dropout { get; set; }

    /// <summary>False for a Gemm without C or a MatMul without Add: a layer without bias parameters.</summary>
    public bool HasBias { get; set; } = true;

    /// <summary>The name of the Gemm or MatMul node, for messages such as <c>Gemm 'fc2' has 64 units</c>.</summary>
    public string NodeName { get; set; } = "";

    /// <summary>The op of that node: <c>Gemm</c> or <c>MatMul</c>.</summary>
    public string OpType { get; set; } = "";

    /// <summary>The name of the activation node (the Mul for SiLU), or empty for Identity.</summary>
    public string ActivationNodeName { get; set; } = "";

    /// <summary>For messages: <c>Gemm 'fc2'</c>.</summary>
    public string Describe() => OpType + " '" + NodeName + "'";
}

/// <summary>
/// One reason a graph cannot become a network: the node (empty for the model as a whole), its op, and a message that
/// names both and says why.
/// </summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
internal readonly struct OnnxProblem
{
    public OnnxProblem(string nodeName, string opType, string message)
    {
        NodeName = nodeName;
        OpType = opType;
        Message = message;
    }

    /// <summary>The node's name, or empty.</summary>
    public string NodeName { get; }

    /// <summary>The node's op_type, or empty.</summary>
    public string OpType { get; }

    /// <summary>The whole message, e.g. <c>Node 'conv1' (Conv): convolutions are not supported ...</c>.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public override string ToString() => Message;
}
