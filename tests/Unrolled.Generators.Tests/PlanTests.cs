extern alias generator;

using generator::Unrolled.Generators.Planning;
using Unrolled.Generators.Tests.Infrastructure;

namespace Unrolled.Generators.Tests;

/// <summary>The planner's decisions for the networks whose paths the other suites exercise: what code each gets and why.</summary>
public class PlanTests
{
    private const string Mnist = "[Network(784, Loss = LossFunction.CrossEntropy)] [Dense(128, Activation.Relu)] [Dense(10, Activation.Softmax)]";

    [Theory]
    [InlineData("[Network(2, Loss = LossFunction.CrossEntropy)] [Dense(3, Activation.Sigmoid)] [Dense(2, Activation.Softmax)]", "Unrolled,Unrolled")]
    [InlineData("[Network(2)] [Dense(16, Activation.Relu)] [Dense(16, Activation.Relu)] [Dense(2)]", "Simd,Simd,Unrolled")]
    [InlineData("[Network(2, Unroll = UnrollMode.Full)] [Dense(16, Activation.Relu)] [Dense(16, Activation.Relu)] [Dense(2)]", "Unrolled,Unrolled,Unrolled")]
    [InlineData("[Network(2, Unroll = UnrollMode.Loops)] [Dense(3)]", "Simd")]
    [InlineData("[Network(40, Unroll = UnrollMode.Full)] [Dense(40)]", "Simd")] // 1,600 multiply-adds: too many to unroll
    [InlineData("[Network(3, Precision = Precision.Double)] [Dense(2)] [Dense(1)]", "Simd,Unrolled")] // a double vector of 128 bits holds 2
    public void Layers_are_unrolled_while_narrower_than_a_vector_and_small(string attributes, string codes) =>
        Assert.Equal(codes, string.Join(",", PlannedNetwork.Plan(attributes).Layers.Select(l => l.Code)));

    [Fact]
    public void A_layer_without_bias_has_no_bias_block_and_the_next_layer_starts_after_its_weights()
    {
        var plan = PlannedNetwork.Plan("[Network(5)] [Dense(3, Activation.Tanh, Bias = false)] [Dense(2)]");
        Assert.Equal((false, -1, 0), (plan.Layers[0].HasBias, plan.Layers[0].BiasOffset, plan.Layers[0].WeightOffset));
        Assert.Equal((true, 15, 21), (plan.Layers[1].HasBias, plan.Layers[1].WeightOffset, plan.Layers[1].BiasOffset));
        Assert.Equal(23, plan.Buffers.ParameterCount);
    }

    [Fact]
    public void PRelu_slopes_follow_the_bias_and_keep_the_network_off_the_register_path()
    {
        var plan = PlannedNetwork.Plan("[Network(4)] [Dense(8, Activation.PRelu)] [Dense(2)]");
        Assert.Equal((0, 32, 40), (plan.Layers[0].WeightOffset, plan.Layers[0].BiasOffset, plan.Layers[0].SlopeOffset));
        Assert.Equal(48, plan.Layers[1].WeightOffset);
        Assert.Equal(-1, plan.Layers[1].SlopeOffset);
        Assert.Equal(66, plan.Buffers.ParameterCount);
        Assert.Null(plan.Forward.Registers);
        Assert.Null(plan.Forward.Lanes);
        Assert.NotNull(PlannedNetwork.Plan("[Network(4)] [Dense(8, Activation.LeakyRelu)] [Dense(2)]").Forward.Registers);
    }

    [Fact]
    public void A_float_output_layer_without_bias_is_not_padded_into_a_vector()
    {
        // Padding reads a whole vector at the end of W's last row, which stays inside the parameters only because the
        // bias follows it: without a bias the 3-unit layer is summed as scalars instead.
        var padded = PlannedNetwork.Plan("[Network(4)] [Dense(8, Activation.Relu)] [Dense(3)]").Forward.Registers!.Variants[0].Layers[1];
        var unpadded = PlannedNetwork.Plan("[Network(4)] [Dense(8, Activation.Relu)] [Dense(3, Bias = false)]").Forward.Registers!.Variants[0].Layers[1];
        Assert.True(padded.Padded);
        Assert.Null(unpadded.Width);
    }

    [Theory]
    [InlineData("[Network(2)] [Dense(8, Activation.Tanh)] [Dense(8, Activation.Tanh)] [Dense(1)]", true)]
    [InlineData("[Network(2, Loss = LossFunction.CrossEntropy)] [Dense(16, Activation.Relu)] [Dense(2, Activation.Softmax)]", true)]
    [InlineData("[Network(64)] [Dense(64, Activation.Relu)] [Dense(64, Activation.Relu)] [Dense(10)]", false)] // 8,832 multiply-adds
    [InlineData("[Network(2)] [Dense(8, Activation.Softplus)] [Dense(1)]", false)] // no vector form
    [InlineData("[Network(2, ExactActivations = true)] [Dense(8, Activation.Tanh)] [Dense(1)]", false)] // the exact tanh is scalar
    [InlineData("[Network(2, Precision = Precision.Double)] [Dense(8, Activation.Relu)] [Dense(1)]", true)]
    public void Batches_of_small_networks_with_vector_activations_run_one_sample_per_lane(string attributes, bool lanes)
    {
        var plan = PlannedNetwork.Plan(attributes);
        Assert.Equal(lanes, plan.Forward.Lanes is not null);
        if (lanes)
        {
            Assert.Equal(256, plan.Forward.Lanes!.Value.Bits);
        }
    }

    [Fact]
    public void Wide_layers_loop_over_tiles_of_eight_vectors_and_write_out_the_rest()
    {
        var plan = PlannedNetwork.Plan(Mnist);
        var hidden = plan.Layers[0];
        Assert.Equal([512, 256, 128], hidden.ForwardWidths.Select(w => w.Width.Bits));
        Assert.All(hidden.ForwardWidths, w => Assert.Equal(8, w.Tiles!.Vectors));
        Assert.Equal([128, 64, 32], hidden.ForwardWidths.Select(w => w.Tiles!.Step));
        Assert.All(hidden.ForwardWidths, w => Assert.Equal(128, w.Tiles!.End));
        Assert.All(hidden.ForwardWidths, w => Assert.Null(w.Rest));

        // Ten outputs at 256 bits: vectors at units 0 and 2, each over four partial sums of the 128 inputs.
        var output = plan.Layers[1].ForwardWidths.Single(w => w.Width.Bits == 256);
        Assert.Null(output.Tiles);
        Assert.Equal([0, 2], output.Rest!.Offsets);
        Assert.Equal(4, output.Rest.Partials);
        Assert.Equal(128, output.Rest.LoopedInputs);
    }

    [Fact]
    public void Batches_run_in_tiles_of_blocks_of_six_rows_by_panels_of_units()
    {
        var tiles = PlannedNetwork.Plan(Mnist).Tiles!;
        Assert.Equal(6, tiles.BlockRows);
        Assert.Equal(120, tiles.TileRows); // 120 x 128 hidden floats = 60 KB: the stack holds them
        Assert.True(tiles.ScratchOnStack);
        Assert.Equal(10 * 128, tiles.TransposedValues); // W2^T for dX of layer 2; layer 1 needs none

        // 128 hidden units: panels of 4 vectors at 512 bits (64 units), 2 below, no columns left over.
        var hidden = tiles.Layers[0].Forward;
        Assert.Equal([64, 16, 8], hidden.Select(w => w.Loop!.Step));
        Assert.All(hidden, w => Assert.Null(w.Rest));

        // 10 outputs: no full panel at 512 bits; two vectors of 8 at units 0 and 2 (the second overlaps by 6).
        var output = tiles.Layers[1].Forward.Single(w => w.Width.Bits == 512);
        Assert.Null(output.Loop);
        Assert.Equal(256, output.Rest!.Width!.Value.Bits);
        Assert.Equal([0, 2], output.Rest.Offsets);
        Assert.Equal(6, output.Rest.Overlap);
    }

    [Fact]
    public void Products_narrower_than_any_vector_run_one_column_at_a_time()
    {
        var rest = PlannedNetwork.Plan("[Network(20)] [Dense(600, Activation.Relu)] [Dense(2)]").Tiles!.Layers[1].Forward[0].Rest!;
        Assert.Null(rest.Width);
        Assert.Equal([0, 1], rest.Offsets);
    }

    [Theory]
    [InlineData(Mnist, true, true, true)] // 407 KB of parameters, 1,644 trace values, 1 KB of scratch
    [InlineData("[Network(784, Loss = LossFunction.CrossEntropy)] [Dense(512, Activation.Tanh)] [Dense(10, Activation.Softmax)]", false, true, true)]
    [InlineData("[Network(10)] [Dense(90000, Activation.Tanh)] [Dense(1)]", false, false, false)]
    [InlineData("[Network(2)] [Dense(10000, Activation.Relu)] [Dense(1)]", true, true, false)] // 80 KB of scratch: pooled
    public void Buffers_past_the_inline_and_stack_limits_become_arrays_and_pooled_scratch(string attributes, bool parameters, bool trace, bool scratch)
    {
        var buffers = PlannedNetwork.Plan(attributes).Buffers;
        Assert.Equal(parameters, buffers.ParametersInline);
        Assert.Equal(trace, buffers.TraceInline);
        Assert.Equal(scratch, buffers.ScratchOnStack);
    }

    [Fact]
    public void The_plan_is_equatable_so_that_the_pipeline_caches_it()
    {
        Assert.Equal(PlannedNetwork.Plan(Mnist), PlannedNetwork.Plan(Mnist));
        Assert.NotEqual(PlannedNetwork.Plan(Mnist), PlannedNetwork.Plan(Mnist.Replace("128", "127", StringComparison.Ordinal)));
    }
}
