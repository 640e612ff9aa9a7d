using System.Linq;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Planning;

/// <summary>
/// Decides how one network is written out: each layer's kernels, the buffers, and the strategy of each entry point.
/// The input is the declared model; the output is a plan the emitter renders without deciding anything.
/// </summary>
internal static class NetworkPlanner
{
    public static NetworkPlan Plan(NetworkModel model)
    {
        bool fast = model.Precision == Precision.Single && !model.ExactActivations;
        var layers = LayerPlanner.Plan(model, fast);
        var forward = ForwardPlanner.Plan(model, layers, fast);
        var tiles = TilePlanner.Plan(model, forward);
        var buffers = BufferPlanner.Plan(model, tiles);
        var type = new TypePlan(model.Namespace, model.ContainingTypes, model.Name, model.HintName, model.GenerateConstructor,
            KernelsClass: model.Name + "Kernels", GeneratorInfo.Version);
        return new NetworkPlan(
            type, model.Precision, model.Inputs, model.Outputs, model.Loss, model.ExactActivations, fast,
            layers.ToEquatableArray(), buffers, forward, tiles)
        {
            Weights = BakedWeightsPlanner.Plan(model, layers),
        };
    }

    /// <summary>The number of multiply-adds of one sample's forward pass.</summary>
    public static long MultiplyAdds(NetworkModel model) => model.Layers.Sum(l => (long)l.FanIn * l.Units);
}
