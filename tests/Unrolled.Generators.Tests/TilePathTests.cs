using Unrolled.Generators.Tests.Infrastructure;
using Unrolled.Testing;

namespace Unrolled.Generators.Tests;

/// <summary>
/// Batches of networks too large for lanes run as matrix products over tiles of samples (ForwardLayerNTile, and
/// Backward's gradient products): which networks do (asserted on the plan), and that batches of every size (one
/// sample, fewer than a block, a tile less one, a tile, a tile and one, a thousand) match the interpreter, forward
/// and gradients.
/// </summary>
[Trait("Category", "SimdPaths")]
public class TilePathTests
{
    [Theory]
    [InlineData("[Network(64)] [Dense(64, Activation.Relu)] [Dense(64, Activation.Relu)] [Dense(10)]", true)]
    [InlineData("[Network(2)] [Dense(8, Activation.Tanh)] [Dense(1)]", false)] // one sample per lane instead
    [InlineData("[Network(64)] [Dense(64, Activation.Relu)] [Dense(2)]", true)]
    [InlineData("[Network(2)] [Dense(8, Activation.Softplus)] [Dense(1)]", false)] // small: one sample at a time (softplus has no lanes)
    [InlineData("[Network(40)] [Dense(40, Activation.Softplus)] [Dense(1)]", true)]
    public void Networks_too_large_for_lanes_run_batches_as_matrix_products(string attributes, bool tiles) =>
        Assert.Equal(tiles, PlannedNetwork.Plan(attributes).Tiles is not null);

    [Theory]
    [InlineData("[Network(40, Loss = LossFunction.CrossEntropy)] [Dense(36, Activation.Tanh)] [Dense(20, Activation.Sigmoid)] [Dense(5, Activation.Softmax)]")]
    [InlineData("[Network(33)] [Dense(40, Activation.Elu)] [Dense(9, Activation.Softplus)] [Dense(4)]")]
    [InlineData("[Network(64)] [Dense(64, Activation.Relu)] [Dense(64, Activation.Relu)] [Dense(10)]")]
    [InlineData("[Network(30, Precision = Precision.Double, Loss = LossFunction.CrossEntropy)] [Dense(35, Activation.LeakyRelu)] [Dense(7, Activation.Softmax)]")]
    [InlineData("[Network(20)] [Dense(600, Activation.Relu)] [Dense(2)]")] // panel loops, and an output narrower than any vector
    [InlineData("[Network(7, Loss = LossFunction.BinaryCrossEntropy)] [Dense(130, Activation.Silu)] [Dense(66, Activation.Relu)] [Dense(3, Activation.Sigmoid)]")]
    [InlineData("[Network(15, Precision = Precision.Double)] [Dense(70, Activation.Tanh)] [Dense(1)]")]
    public void Batches_match_the_interpreter(string attributes)
    {
        var tiles = PlannedNetwork.Plan(attributes).Tiles;
        Assert.NotNull(tiles);
        int tile = tiles.TileRows;
        int[] batches = [1, 2, 3, 5, 6, 7, tile - 1, tile, tile + 1, 1000];
        var (network, _) = DeclaredNetwork.Create(attributes);
        DeclaredNetwork.Run(
            network,
            single => NetworkOracle.Check(single, 2e-6, seed: 29, batches: batches),
            dual => NetworkOracle.Check(dual, 1e-12, seed: 29, batches: batches));
    }
}
