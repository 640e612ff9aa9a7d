extern alias generator;

using Unrolled.Generators.Tests.Infrastructure;
using Unrolled.Testing;
using RegisterScalarForm = generator::Unrolled.Generators.Planning.RegisterScalarForm;

namespace Unrolled.Generators.Tests;

/// <summary>
/// Small networks get a single-sample forward pass with every layer's values in locals (ForwardSample): which
/// networks qualify at which widths (asserted on the plan), and that its outputs match the interpreter for odd sizes
/// (overlapping last vectors), layers of two or three units in a padded vector (softmax masking the padding), vector
/// and scalar softmax outputs, one- and two-unit layers summed out of vectors, and every activation it vectorizes.
/// </summary>
[Trait("Category", "SimdPaths")]
public class RegisterPathTests
{
    [Theory]
    [InlineData("[Network(2, Loss = LossFunction.CrossEntropy)] [Dense(3, Activation.Sigmoid)] [Dense(2, Activation.Softmax)]", "128")]
    [InlineData("[Network(2)] [Dense(16, Activation.Relu)] [Dense(16, Activation.Relu)] [Dense(2)]", "256,128")] // 512 bits: slower here (Limits.MaxSingleSampleBits)
    [InlineData("[Network(2)] [Dense(8, Activation.Tanh)] [Dense(8, Activation.Tanh)] [Dense(1)]", "256,128")]
    [InlineData("[Network(3)] [Dense(2)]", "128")]
    [InlineData("[Network(64)] [Dense(64, Activation.Relu)] [Dense(64, Activation.Relu)] [Dense(10)]", "")]
    [InlineData("[Network(4)] [Dense(8, Activation.Softplus)] [Dense(1)]", "")]
    [InlineData("[Network(4, Precision = Precision.Double)] [Dense(8, Activation.Tanh)] [Dense(1)]", "")]
    [InlineData("[Network(4, ExactActivations = true)] [Dense(8, Activation.Tanh)] [Dense(1)]", "")]
    [InlineData("[Network(4)] [Dense(33, Activation.Relu)] [Dense(1)]", "")]
    public void Small_networks_with_vector_activations_qualify(string attributes, string widestBits)
    {
        var registers = PlannedNetwork.Plan(attributes).Forward.Registers;
        if (widestBits.Length == 0)
        {
            Assert.Null(registers);
            return;
        }

        Assert.NotNull(registers);
        Assert.Equal(widestBits, string.Join(",", registers.Variants.Select(v => v.WidestBits)));
        Assert.True(registers.NeedsSimd);
    }

    [Fact]
    public void Register_layers_are_padded_overlapping_or_summed_out_of_vectors_at_128_bits()
    {
        // Two and three float units: one padded 128-bit vector each.
        var padded = PlannedNetwork.Plan("[Network(3)] [Dense(3, Activation.Tanh)] [Dense(2)]").Forward.Registers!.Variants[^1];
        Assert.True(padded.Layers[0].Padded);
        Assert.True(padded.Layers[1].Padded);

        // Seven units: vectors at units 0 and 3 (the second overlaps the first); the one-unit layer after them sums lane reads.
        var overlapping = PlannedNetwork.Plan("[Network(3)] [Dense(7, Activation.Sigmoid)] [Dense(1)]").Forward.Registers!.Variants[^1];
        Assert.Equal([0, 3], overlapping.Layers[0].Offsets);
        Assert.Equal(RegisterScalarForm.Sums, overlapping.Layers[1].ScalarForm);

        // Eight units are two whole vectors: the one-unit layer after them is a lane-wise product and one horizontal sum.
        var dot = PlannedNetwork.Plan("[Network(3)] [Dense(8, Activation.Relu)] [Dense(1)]").Forward.Registers!.Variants[^1];
        Assert.Equal(RegisterScalarForm.DotFromVectors, dot.Layers[1].ScalarForm);
    }

    [Theory]
    [InlineData("[Network(3, Loss = LossFunction.CrossEntropy)] [Dense(5, Activation.Tanh)] [Dense(7, Activation.Sigmoid)] [Dense(4, Activation.Softmax)]")]
    [InlineData("[Network(2, Loss = LossFunction.CrossEntropy)] [Dense(16, Activation.Relu)] [Dense(16, Activation.Relu)] [Dense(2, Activation.Softmax)]")]
    [InlineData("[Network(5)] [Dense(13, Activation.LeakyRelu, Alpha = 0.1)] [Dense(9, Activation.Elu)] [Dense(3, Activation.Silu)] [Dense(1)]")]
    [InlineData("[Network(6)] [Dense(32, Activation.Tanh)] [Dense(20, Activation.Relu)] [Dense(6)]")]
    [InlineData("[Network(1, Loss = LossFunction.BinaryCrossEntropy)] [Dense(4, Activation.Relu)] [Dense(1, Activation.Sigmoid)]")]
    [InlineData("[Network(4, Precision = Precision.Double)] [Dense(6, Activation.Relu)] [Dense(3, Activation.LeakyRelu)] [Dense(2)]")]
    [InlineData("[Network(2)] [Dense(8, Activation.Tanh)] [Dense(8, Activation.Tanh)] [Dense(1)]")]
    [InlineData("[Network(3)] [Dense(8, Activation.Relu)] [Dense(2)]")]
    [InlineData("[Network(2)] [Dense(16, Activation.Tanh)] [Dense(2, Activation.Relu)] [Dense(4)]")]
    [InlineData("[Network(2)] [Dense(32, Activation.Silu)] [Dense(1)]")]
    [InlineData("[Network(3, Precision = Precision.Double)] [Dense(4, Activation.Relu)] [Dense(1)]")]
    [InlineData("[Network(3, Precision = Precision.Double)] [Dense(8, Activation.Relu)] [Dense(1)]")]
    [InlineData("[Network(2, Loss = LossFunction.CrossEntropy)] [Dense(3, Activation.Sigmoid)] [Dense(2, Activation.Softmax)]")]
    [InlineData("[Network(4, Loss = LossFunction.CrossEntropy)] [Dense(8, Activation.Relu)] [Dense(3, Activation.Softmax)]")]
    [InlineData("[Network(2)] [Dense(3, Activation.Tanh)] [Dense(2, Activation.LeakyRelu)] [Dense(16, Activation.Relu)] [Dense(2)]")]
    [InlineData("[Network(3)] [Dense(2)]")]
    [InlineData("[Network(3, ExactActivations = true, Loss = LossFunction.CrossEntropy)] [Dense(4, Activation.Relu)] [Dense(3, Activation.Softmax)]")]
    public void Register_forward_matches_the_interpreter(string attributes)
    {
        Assert.NotNull(PlannedNetwork.Plan(attributes).Forward.Registers);
        var (network, _) = DeclaredNetwork.Create(attributes);
        var mode = attributes.Contains("ExactActivations = true", StringComparison.Ordinal) ? ActivationMode.Exact : ActivationMode.Fast;
        DeclaredNetwork.Run(
            network,
            single => NetworkOracle.Check(single, 2e-6, seed: 17, mode, batches: [1, 1, 1]),
            dual => NetworkOracle.Check(dual, 1e-14, seed: 17, mode, batches: [1, 1, 1]));
    }
}
