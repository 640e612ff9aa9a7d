using Unrolled.Generators.Tests.Infrastructure;
using Unrolled.Testing;

namespace Unrolled.Generators.Tests;

/// <summary>
/// Batches of networks too large for lanes run two samples per pass over the weights (ForwardLayerNPair): which
/// networks do (asserted on the plan), and that even and odd batches match the interpreter.
/// </summary>
[Trait("Category", "SimdPaths")]
public class PairPathTests
{
    [Theory]
    [InlineData("[Network(64)] [Dense(64, Activation.Relu)] [Dense(64, Activation.Relu)] [Dense(10)]", true)]
    [InlineData("[Network(2)] [Dense(8, Activation.Tanh)] [Dense(1)]", false)]
    [InlineData("[Network(64)] [Dense(64, Activation.Relu)] [Dense(2)]", false)]
    public void Networks_whose_layers_are_all_vectorized_and_too_large_for_lanes_run_in_pairs(string attributes, bool pairs) =>
        Assert.Equal(pairs, PlannedNetwork.Plan(attributes).Forward.Pairs);

    [Theory]
    [InlineData("[Network(40, Loss = LossFunction.CrossEntropy)] [Dense(36, Activation.Tanh)] [Dense(20, Activation.Sigmoid)] [Dense(5, Activation.Softmax)]")]
    [InlineData("[Network(33)] [Dense(40, Activation.Elu)] [Dense(9, Activation.Softplus)] [Dense(4)]")]
    [InlineData("[Network(64)] [Dense(64, Activation.Relu)] [Dense(64, Activation.Relu)] [Dense(10)]")]
    [InlineData("[Network(30, Precision = Precision.Double, Loss = LossFunction.CrossEntropy)] [Dense(35, Activation.LeakyRelu)] [Dense(7, Activation.Softmax)]")]
    [InlineData("[Network(20)] [Dense(600, Activation.Relu)] [Dense(2)]")] // tiles of pairs, and a no-vector output layer
    public void Pairs_match_the_interpreter(string attributes)
    {
        Assert.True(PlannedNetwork.Plan(attributes).Forward.Pairs);
        var (network, _) = DeclaredNetwork.Create(attributes);
        DeclaredNetwork.Run(
            network,
            single => NetworkOracle.Check(single, 2e-6, seed: 29, batches: [8, 7, 1]),
            dual => NetworkOracle.Check(dual, 1e-13, seed: 29, batches: [8, 7, 1]));
    }
}
