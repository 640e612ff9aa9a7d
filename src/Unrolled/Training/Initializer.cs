using System.Numerics;

namespace Unrolled;

/// <summary>How the weights of a layer are drawn; biases start at zero (except for <see cref="TorchLinear"/>), PReLU slopes at the layer's alpha.</summary>
public enum InitScheme
{
    /// <summary>Glorot uniform for sigmoid, tanh, identity and softmax layers, He uniform for the ReLU family.</summary>
    Default = 0,

    /// <summary>U(-a, a) with a = sqrt(6 / (fanIn + fanOut)) (Xavier uniform).</summary>
    GlorotUniform,

    /// <summary>N(0, s^2) with s = sqrt(2 / (fanIn + fanOut)) (Xavier normal).</summary>
    GlorotNormal,

    /// <summary>U(-a, a) with a = sqrt(6 / fanIn) (Kaiming uniform for ReLU).</summary>
    HeUniform,

    /// <summary>N(0, s^2) with s = sqrt(2 / fanIn) (Kaiming normal for ReLU).</summary>
    HeNormal,

    /// <summary>PyTorch's <c>nn.Linear</c> default: weights and biases U(-a, a) with a = 1 / sqrt(fanIn).</summary>
    TorchLinear,
}

/// <summary>Seeded, reproducible parameter initialization shared by generated networks and the interpreter.</summary>
public static class Initializer
{
    /// <summary>
    /// Fills <paramref name="parameters"/> for <paramref name="spec"/>: layer after layer, weights row-major from one
    /// <see cref="SeededRandom"/> stream seeded by <paramref name="seed"/>, biases zero (except for
    /// <see cref="InitScheme.TorchLinear"/>, which draws them after the layer's weights; layers without bias draw
    /// none), and PReLU slopes set to the layer's <see cref="LayerSpec.Alpha"/> (0.25 unless given; nothing drawn).
    /// The same spec and seed give the same values everywhere.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is not <see cref="NetworkSpec.ParameterCount"/> long.</exception>
    public static void Initialize<T>(NetworkSpec spec, Span<T> parameters, int seed, InitScheme scheme = InitScheme.Default)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(spec);
        SpanGuard.Length(parameters, spec.ParameterCount, nameof(parameters));
        if (!Enum.IsDefined(scheme))
        {
            throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Not an InitScheme value.");
        }

        var random = new SeededRandom(seed);
        for (int layer = 0; layer < spec.Layers.Count; layer++)
        {
            int fanIn = spec.FanIn(layer), units = spec.Layers[layer].Units;
            InitScheme layerScheme = scheme == InitScheme.Default ? DefaultScheme(spec.Layers[layer].Activation) : scheme;
            var weights = parameters.Slice(spec.WeightOffset(layer), fanIn * units);
            for (int k = 0; k < weights.Length; k++)
            {
                weights[k] = T.CreateTruncating(Draw(random, layerScheme, fanIn, units));
            }

            if (spec.HasBias(layer))
            {
                var bias = parameters.Slice(spec.BiasOffset(layer), units);
                for (int k = 0; k < bias.Length; k++)
                {
                    bias[k] = layerScheme == InitScheme.TorchLinear
                        ? T.CreateTruncating(Draw(random, layerScheme, fanIn, units))
                        : T.Zero;
                }
            }

            if (spec.HasSlopes(layer))
            {
                parameters.Slice(spec.SlopeOffset(layer), units).Fill(T.CreateTruncating(spec.Layers[layer].Alpha));
            }
        }
    }

    /// <summary>The scheme <see cref="InitScheme.Default"/> picks for a layer with <paramref name="activation"/>.</summary>
    public static InitScheme DefaultScheme(Activation activation) =>
        ActivationTraits.Of(activation)?.Init == InitFamily.He ? InitScheme.HeUniform : InitScheme.GlorotUniform;

    private static double Draw(SeededRandom random, InitScheme scheme, int fanIn, int fanOut) => scheme switch
    {
        InitScheme.GlorotUniform => random.NextDouble(-1, 1) * Math.Sqrt(6.0 / (fanIn + fanOut)),
        InitScheme.GlorotNormal => random.NextGaussian() * Math.Sqrt(2.0 / (fanIn + fanOut)),
        InitScheme.HeUniform => random.NextDouble(-1, 1) * Math.Sqrt(6.0 / fanIn),
        InitScheme.HeNormal => random.NextGaussian() * Math.Sqrt(2.0 / fanIn),
        _ => random.NextDouble(-1, 1) / Math.Sqrt(fanIn),
    };
}
