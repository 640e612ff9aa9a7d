namespace Unrolled.Benchmarks.Report;

/// <summary>What "% of peak" needs to know about a benchmarked network: its name and its multiply-adds per sample.</summary>
public sealed class NetworkShape
{
    private NetworkShape(NetworkSpec spec)
    {
        Spec = spec;
        Name = NameOf(spec);
        long forward = 0, inputGradient = 0;
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            long products = (long)spec.FanIn(l) * spec.Layers[l].Units;
            forward += products;
            inputGradient += l == 0 ? 0 : products;
        }

        ForwardMultiplyAdds = forward;
        TrainingMultiplyAdds = forward + forward + inputGradient;
    }

    public NetworkSpec Spec { get; }

    /// <summary>"784-128-10 relu/softmax": the widths, the hidden activation, and the output's when it is not identity.</summary>
    public string Name { get; }

    /// <summary>Multiply-adds of one sample's forward pass: the sum over layers of fanIn * units.</summary>
    public long ForwardMultiplyAdds { get; }

    /// <summary>
    /// Multiply-adds of one sample's training pass: forward, weight gradient (fanIn * units per layer) and input
    /// gradient (fanIn * units per layer but the first, whose input needs none).
    /// </summary>
    public long TrainingMultiplyAdds { get; }

    /// <summary>The shape of the network a benchmark class runs: the type argument of its generic benchmark base.</summary>
    public static NetworkShape? Of(Type benchmarkType)
    {
        for (Type? type = benchmarkType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericArguments() is [Type network] && typeof(INetwork<float>).IsAssignableFrom(network))
            {
                return new NetworkShape(((INetwork<float>)Activator.CreateInstance(network)!).Spec);
            }
        }

        return null;
    }

    private static string NameOf(NetworkSpec spec)
    {
        string widths = string.Join("-", spec.Layers.Select(l => l.Units).Prepend(spec.Inputs));
        IReadOnlyList<LayerSpec> layers = spec.Layers;
        string hidden = string.Join(",", layers.Take(layers.Count - 1).Select(l => Lower(l.Activation)).Distinct());
        Activation output = layers[^1].Activation;
        string activations = output == Activation.Identity ? hidden : hidden.Length == 0 ? Lower(output) : $"{hidden}/{Lower(output)}";
        return activations.Length == 0 ? widths : $"{widths} {activations}";
    }

    private static string Lower(Activation activation) => activation.ToString().ToLowerInvariant();
}
