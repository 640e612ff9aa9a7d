using System.Numerics;

namespace Unrolled.Tests.Serialization.Onnx;

/// <summary>Seeded networks of every activation, and ONNX bytes of them.</summary>
internal static class OnnxTestNetworks
{
    /// <summary>Every activation, each on the hidden layer of 3 -> 5 f -> 4 g (Softmax as the output instead).</summary>
    public static TheoryData<Activation> Activations() => new(Enum.GetValues<Activation>());

    /// <summary>3 -> 5 <paramref name="activation"/> -> 4 (Tanh, or Softmax when that is the activation under test).</summary>
    public static NetworkSpec Spec(Activation activation, Precision precision, double alpha = double.NaN)
    {
        if (activation == Activation.Softmax)
        {
            return new NetworkSpec(3, [new LayerSpec(5, Activation.Relu), new LayerSpec(4, Activation.Softmax)], LossFunction.CrossEntropy, precision);
        }

        return new NetworkSpec(3, [new LayerSpec(5, activation, alpha), new LayerSpec(4, Activation.Tanh)], LossFunction.MeanSquaredError, precision);
    }

    /// <summary>A network of <paramref name="spec"/> with non-zero biases and PReLU slopes of both signs drawn from <paramref name="seed"/>.</summary>
    public static ReferenceNetwork<T> Network<T>(NetworkSpec spec, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = new ReferenceNetwork<T>(spec, seed);
        var random = new SeededRandom(seed + 1000);
        for (int layer = 0; layer < spec.Layers.Count; layer++)
        {
            for (int j = 0; j < spec.Layers[layer].Units; j++)
            {
                if (spec.HasBias(layer))
                {
                    network.Parameters[spec.BiasOffset(layer) + j] = T.CreateTruncating(random.NextDouble(-0.5, 0.5));
                }

                if (spec.HasSlopes(layer))
                {
                    network.Parameters[spec.SlopeOffset(layer) + j] = T.CreateTruncating(random.NextDouble(-0.5, 0.5));
                }
            }
        }

        return network;
    }

    public static byte[] Export<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var stream = new MemoryStream();
        OnnxModel.Export(network, stream);
        return stream.ToArray();
    }

    /// <summary><paramref name="samples"/> seeded inputs in [-3, 3), row-major.</summary>
    public static T[] Inputs<T>(int samples, int features, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(seed);
        return Enumerable.Range(0, samples * features).Select(_ => T.CreateTruncating(random.NextDouble(-3, 3))).ToArray();
    }

    public static byte[] Bytes<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes<T>(network.Parameters).ToArray();
}
