using Unrolled.Onnx;

namespace Unrolled.Tests.Serialization.Onnx;

/// <summary>Well-formed models that are not networks this library expresses are refused with the node, its op and why.</summary>
public class OnnxRefusalTests
{
    [Theory]
    [InlineData(8, 7, "this library reads opsets 9 to 18")]
    [InlineData(19, 9, "this library reads opsets 9 to 18")]
    [InlineData(13, 2, "this library reads IR versions 3 to 10")]
    [InlineData(13, 11, "this library reads IR versions 3 to 10")]
    public void Opsets_and_ir_versions_outside_the_range_are_refused(long opset, long ir, string message)
    {
        var model = TestOnnxModel.Dense();
        model.Opset = opset;
        model.IrVersion = ir;
        Refused(model, message);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(18)]
    public void The_ends_of_the_opset_range_are_read(long opset)
    {
        var model = TestOnnxModel.Dense();
        model.Opset = opset;
        Assert.Equal(3, OnnxModel.ReadSpec(new MemoryStream(model.Build())).Inputs);
    }

    [Fact]
    public void An_input_without_a_shape_takes_its_width_from_the_first_weight()
    {
        var model = TestOnnxModel.Dense();
        var input = new ProtoWriter();
        input.WriteString(1, "x");
        var tensorType = new ProtoWriter();
        tensorType.WriteInt64(1, OnnxDataType.Float);
        var type = new ProtoWriter();
        type.WriteMessage(1, tensorType);
        input.WriteMessage(2, type);
        model.Inputs[0] = input;
        Assert.Equal("3 -> 2 Relu, MeanSquaredError, Single", OnnxModel.ReadSpec(new MemoryStream(model.Build())).ToString());
    }

    [Fact]
    public void Inputs_of_other_shapes_or_types_are_refused()
    {
        var model = TestOnnxModel.Dense();
        model.Inputs[0] = TestOnnxModel.ValueInfo("x", 10, "N", 3);
        Refused(model, "The graph's input 'x' holds FLOAT16 values; a network reads FLOAT or DOUBLE.");

        model.Inputs[0] = TestOnnxModel.ValueInfo("x", OnnxDataType.Float, "N", 1, 3);
        Refused(model, "The graph's input 'x' has shape [N, 1, 3]; a network reads a [batch, features] matrix.");

        model.Inputs[0] = TestOnnxModel.ValueInfo("x", OnnxDataType.Double, "N", 3);
        Refused(model, "The graph's output 'y' holds FLOAT values, its input another type.");
    }

    [Fact]
    public void Two_activations_on_one_layer_are_refused()
    {
        var model = TestOnnxModel.Dense();
        model.Nodes[1] = TestOnnxModel.Node("relu", "Relu", ["z"], ["r"]);
        model.Nodes.Add(TestOnnxModel.Node("tanh", "Tanh", ["r"], ["y"]));
        Refused(model, "Node 'tanh' (Tanh): Gemm 'fc' already has the activation Relu; a layer has one activation.");
    }

    [Fact]
    public void An_activation_before_any_layer_is_refused()
    {
        var model = TestOnnxModel.Dense();
        model.Nodes.Insert(0, TestOnnxModel.Node("pre", "Sigmoid", ["x"], ["xs"]));
        model.Nodes[1] = TestOnnxModel.Node("fc", "Gemm", ["xs", "W", "B"], ["z"]);
        Refused(model, "Node 'pre' (Sigmoid): it applies an activation before any dense layer");
    }

    [Theory]
    [InlineData("transA", 1, "transA is 1 and transB 0")]
    [InlineData("transB", 2, "transA is 0 and transB 2")]
    public void Gemm_with_unusual_transposes_is_refused(string attribute, long value, string message)
    {
        var model = TestOnnxModel.Dense();
        model.Nodes[0] = TestOnnxModel.Node("fc", "Gemm", ["x", "W", "B"], ["z"], TestOnnxModel.IntAttribute(attribute, value));
        Refused(model, "Node 'fc' (Gemm): " + message);
    }

    [Fact]
    public void A_weight_that_does_not_fit_the_input_is_refused()
    {
        var model = TestOnnxModel.Dense();
        model.Inputs[0] = TestOnnxModel.ValueInfo("x", OnnxDataType.Float, "N", 4);
        Refused(model, "Node 'fc' (Gemm): its weight takes 3 inputs but the value it reads has 4 features.");
    }

    [Fact]
    public void A_weight_computed_at_run_time_is_refused()
    {
        var model = TestOnnxModel.Dense();
        model.Initializers.RemoveAt(0);
        model.Inputs.Add(TestOnnxModel.ValueInfo("W", OnnxDataType.Float, 3, 2));
        Refused(model, "The graph has 2 inputs that are not initializers ('x', 'W'); a network reads one.");
    }

    [Fact]
    public void Two_outputs_are_refused()
    {
        var model = TestOnnxModel.Dense();
        model.Outputs.Add(TestOnnxModel.ValueInfo("z", OnnxDataType.Float, "N", 2));
        Refused(model, "The graph has 2 outputs; a network has one.");
    }

    [Fact]
    public void Unknown_ops_are_refused_by_name()
    {
        Refused(TestOnnxModel.Dense("HardSigmoid"), "Node 'hardsigmoid' (HardSigmoid): the op HardSigmoid is not supported; Unrolled reads Gemm");
        Refused(TestOnnxModel.Dense("LogSoftmax"), "Node 'logsoftmax' (LogSoftmax): LogSoftmax is not an activation Unrolled has");
    }

    [Fact]
    public void Rule_breaking_alphas_are_refused_at_their_node() =>
        Refused(TestOnnxModel.Dense("LeakyRelu", TestOnnxModel.FloatAttribute("alpha", 1.5f)),
            "Node 'leakyrelu' (LeakyRelu): Alpha of LeakyRelu must be in [0, 1); layer 1 of 'test' sets 1.5");

    [Fact]
    public void A_hidden_softmax_is_read_as_a_layer()
    {
        var model = TestOnnxModel.Dense("Softmax");
        model.Nodes[1] = TestOnnxModel.Node("softmax", "Softmax", ["z"], ["s"]);
        model.Initializers.Add(TestOnnxModel.Tensor("W2", [2, 2], [1f, 0f, 0f, 1f]));
        model.Initializers.Add(TestOnnxModel.Tensor("B2", [2], [0f, 0f]));
        model.Nodes.Add(TestOnnxModel.Node("fc2", "Gemm", ["s", "W2", "B2"], ["y"]));
        Assert.Equal("3 -> 2 Softmax -> 2 Identity, MeanSquaredError, Single", OnnxModel.ReadSpec(new MemoryStream(model.Build())).ToString());
    }

    [Fact]
    public void A_loss_that_does_not_fit_the_output_or_is_unknown_is_refused()
    {
        var model = TestOnnxModel.Dense();
        model.Metadata.Add(("unrolled.loss", "CrossEntropy"));
        Refused(model, "CrossEntropy needs a Softmax output layer, but the last layer of 'test' uses Relu");

        model.Metadata[0] = ("unrolled.loss", "Hinge");
        Refused(model, "metadata_props 'unrolled.loss' is 'Hinge', which is not a LossFunction");
    }

    [Fact]
    public void Metadata_that_contradicts_the_graph_is_refused()
    {
        var model = TestOnnxModel.Dense();
        model.Metadata.Add(("unrolled.spec", "3 -> 4 Relu, MeanSquaredError, Single"));
        Refused(model, "metadata_props 'unrolled.spec' is '3 -> 4 Relu, MeanSquaredError, Single', which does not describe this graph: its layer 1 is 4 Relu, the graph's Gemm 'fc' has 2 units with Relu.");

        model.Metadata[0] = ("unrolled.spec", "three layers");
        Refused(model, "which does not describe this graph: it does not have the form");
    }

    [Fact]
    public void Metadata_gives_alphas_exactly_when_they_agree_with_the_attribute_as_floats()
    {
        var model = TestOnnxModel.Dense("LeakyRelu", TestOnnxModel.FloatAttribute("alpha", (float)0.123456789012));
        Assert.Equal(0.12345679, OnnxModel.ReadSpec(new MemoryStream(model.Build())).Layers[0].Alpha); // shortest decimal of the float
        model.Metadata.Add(("unrolled.spec", "3 -> 2 LeakyRelu(0.123456789012), MeanSquaredError, Single"));
        Assert.Equal(0.123456789012, OnnxModel.ReadSpec(new MemoryStream(model.Build())).Layers[0].Alpha);
    }

    [Fact]
    public void A_used_dropout_mask_and_a_training_mode_dropout_are_refused()
    {
        var model = TestOnnxModel.Dense();
        model.Nodes[1] = TestOnnxModel.Node("drop", "Dropout", ["z", "", "train"], ["d"]);
        model.Nodes.Add(TestOnnxModel.Node("relu", "Relu", ["d"], ["y"]));
        var training = new ProtoWriter();
        training.WriteInt64(2, OnnxDataType.Bool);
        training.WriteString(8, "train");
        training.WriteBytes(9, [1]);
        model.Initializers.Add(training);
        Refused(model, "Node 'drop' (Dropout): its training_mode input is not a constant false");

        model.Initializers.RemoveAt(model.Initializers.Count - 1);
        training = new ProtoWriter();
        training.WriteInt64(2, OnnxDataType.Bool);
        training.WriteString(8, "train");
        training.WriteBytes(9, [0]);
        model.Initializers.Add(training);
        Assert.Equal("3 -> 2 Relu, MeanSquaredError, Single", OnnxModel.ReadSpec(new MemoryStream(model.Build())).ToString());

        model = TestOnnxModel.Dense();
        model.Nodes[1] = TestOnnxModel.Node("drop", "Dropout", ["z"], ["d", "y"]);
        Refused(model, "Node 'drop' (Dropout): its output 'y' is used; only its first output can pass through a network.");
    }

    [Fact]
    public void Gemm_bias_of_another_shape_is_refused_and_a_scalar_bias_broadcasts()
    {
        var model = TestOnnxModel.Dense();
        model.Initializers[1] = TestOnnxModel.Tensor("B", [3], [1f, 2f, 3f]);
        Refused(model, "Node 'fc' (Gemm): C 'B' has dims [3]; a bias of 2 units is [2] or [1, 2] (or a scalar).");

        model.Initializers[1] = TestOnnxModel.Tensor("B", [], [0.25f]);
        var network = OnnxModel.Load<float>(new MemoryStream(model.Build()));
        Assert.Equal([0.25f, 0.25f], network.Parameters[6..].ToArray());
    }

    [Fact]
    public void Every_problem_is_listed_not_only_the_first()
    {
        var model = TestOnnxModel.Dense("Relu");
        model.Opset = 7;
        model.IrVersion = 99;
        var error = Refused(model, "opset 7");
        Assert.Contains("ir_version is 99", error.Message);
    }

    [Fact]
    public void The_recognizer_reports_problems_with_node_and_op_as_data()
    {
        var description = OnnxGraphRecognizer.Recognize(OnnxProtoDecoder.Decode(TestOnnxModel.Dense("Selu").Build()));
        var problem = Assert.Single(description.Problems);
        Assert.Equal("selu", problem.NodeName);
        Assert.Equal("Selu", problem.OpType);
        Assert.StartsWith("Node 'selu' (Selu): the op Selu is not supported", problem.Message);
    }

    private static NotSupportedException Refused(TestOnnxModel model, string message)
    {
        var error = Assert.Throws<NotSupportedException>(() => OnnxModel.ReadSpec(new MemoryStream(model.Build())));
        Assert.Contains(message, error.Message);
        return error;
    }
}
