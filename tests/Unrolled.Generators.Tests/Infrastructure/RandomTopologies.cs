using System.Globalization;
using System.Reflection;
using System.Text;

namespace Unrolled.Generators.Tests.Infrastructure;

/// <summary>One randomly drawn network declaration.</summary>
public sealed record Topology(string Name, int Inputs, (int Units, Activation Activation, double Alpha)[] Layers, LossFunction Loss, Precision Precision, UnrollMode Unroll)
{
    /// <summary>Which layers have a bias (all when empty).</summary>
    public bool[] Biases { get; init; } = [];

    /// <summary>Each layer's dropout (none when empty).</summary>
    public double[] Dropouts { get; init; } = [];

    public double DropoutOf(int layer) => Dropouts.Length == 0 ? 0 : Dropouts[layer];

    public string Declaration
    {
        get
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"[Network({Inputs}, Loss = LossFunction.{Loss}, Precision = Precision.{Precision}, Unroll = UnrollMode.{Unroll})]\n");
            for (int l = 0; l < Layers.Length; l++)
            {
                var (units, activation, alpha) = Layers[l];
                string alphaText = double.IsNaN(alpha) ? string.Empty : ", Alpha = " + alpha.ToString("R", CultureInfo.InvariantCulture);
                string biasText = HasBias(l) ? string.Empty : ", Bias = false";
                string dropoutText = DropoutOf(l) > 0 ? ", Dropout = " + DropoutOf(l).ToString("R", CultureInfo.InvariantCulture) : string.Empty;
                text.Append(CultureInfo.InvariantCulture, $"[Dense({units}, Activation.{activation}{alphaText}{biasText}{dropoutText})]\n");
            }

            return text.Append(CultureInfo.InvariantCulture, $"public partial class {Name};\n").ToString();
        }
    }

    public bool HasBias(int layer) => Biases.Length == 0 || Biases[layer];

    public override string ToString() =>
        $"{Name}: {Inputs} -> {string.Join(" -> ", Layers.Select((l, i) => $"{l.Units} {l.Activation}{(HasBias(i) ? string.Empty : " (no bias)")}{(DropoutOf(i) > 0 ? $" (dropout {DropoutOf(i)})" : string.Empty)}"))}, {Loss}, {Precision}, {Unroll}";
}

/// <summary>
/// Draws legal topologies (1 to 4 layers of 1 to 32 units, every activation, loss and precision that fit together)
/// by seed, and compiles them all into one in-memory assembly.
/// </summary>
public static class RandomTopologies
{
    public const int Count = 120;
    private const string Namespace = "RandomNets";

    private static readonly Activation[] Hidden =
        [Activation.Identity, Activation.Sigmoid, Activation.Tanh, Activation.Relu, Activation.LeakyRelu, Activation.Elu, Activation.Softplus, Activation.Silu];

    private static readonly Lazy<(Topology[] Topologies, Assembly Assembly)> Compiled = new(Compile);

    public static IReadOnlyList<Topology> Topologies => Compiled.Value.Topologies;

    public static object CreateGenerated(int index) =>
        Activator.CreateInstance(Compiled.Value.Assembly.GetType($"{Namespace}.{Topologies[index].Name}", throwOnError: true)!)!;

    public static Topology Draw(SeededRandom random, int index)
    {
        int layerCount = 1 + random.NextInt(4);
        var layers = new (int, Activation, double)[layerCount];
        var loss = (LossFunction)random.NextInt(3);
        for (int l = 0; l < layerCount; l++)
        {
            bool last = l == layerCount - 1;
            Activation activation = last
                ? loss switch
                {
                    LossFunction.CrossEntropy => Activation.Softmax,
                    LossFunction.BinaryCrossEntropy => Activation.Sigmoid,
                    _ => random.NextInt(5) == 0 ? Activation.Softmax : Hidden[random.NextInt(Hidden.Length)],
                }
                : Hidden[random.NextInt(Hidden.Length)];
            double alpha = activation switch
            {
                Activation.LeakyRelu when random.NextInt(2) == 0 => Math.Round(random.NextDouble(0, 0.5), 3),
                Activation.Elu when random.NextInt(2) == 0 => Math.Round(random.NextDouble(0.1, 2), 3),
                _ => double.NaN,
            };
            layers[l] = (1 + random.NextInt(32), activation, alpha);
        }

        return new Topology(
            $"Net{index:D3}",
            1 + random.NextInt(32),
            layers,
            loss,
            (Precision)random.NextInt(2),
            (UnrollMode)random.NextInt(3));
    }

    /// <summary>About one hidden layer (of two units or more) in eight becomes a softmax, and one in eight a PReLU.</summary>
    private static Topology WithHiddenSoftmax(Topology topology, SeededRandom random)
    {
        var layers = topology.Layers.ToArray();
        for (int l = 0; l < layers.Length - 1; l++)
        {
            int draw = random.NextInt(8);
            if (draw == 0 && layers[l].Units >= 2)
            {
                layers[l] = (layers[l].Units, Activation.Softmax, double.NaN);
            }
            else if (draw == 1)
            {
                // PReLU's slopes start at Alpha; the oracle draws them at random like every other parameter.
                layers[l] = (layers[l].Units, Activation.PRelu, random.NextInt(2) == 0 ? double.NaN : 0.1);
            }
        }

        return topology with { Layers = layers };
    }

    /// <summary>About one output layer in six gets dropout (any loss), and one MSE output layer in six becomes a PReLU.</summary>
    private static Topology WithOutputFeatures(Topology topology, SeededRandom random)
    {
        var layers = topology.Layers.ToArray();
        var dropouts = topology.Dropouts.ToArray();
        int last = layers.Length - 1;
        if (random.NextInt(6) == 0)
        {
            dropouts[last] = 0.25;
        }

        if (random.NextInt(6) == 0 && topology.Loss == LossFunction.MeanSquaredError)
        {
            layers[last] = (layers[last].Units, Activation.PRelu, double.NaN);
        }

        return topology with { Layers = layers, Dropouts = dropouts };
    }

    private static (Topology[], Assembly) Compile()
    {
        var random = new SeededRandom(20261122);
        // Biases and hidden softmax layers come from streams of their own, so that the shapes drawn before the generator
        // wrote them stay the same.
        var biases = new SeededRandom(20261201);
        var softmax = new SeededRandom(20261202);
        var dropout = new SeededRandom(20261203);
        var output = new SeededRandom(20261204);
        var topologies = Enumerable.Range(0, Count)
            .Select(i => Draw(random, i))
            .Select(t => t with { Biases = t.Layers.Select(_ => biases.NextInt(4) != 0).ToArray() })
            .Select(t => WithHiddenSoftmax(t, softmax))
            .Select(t => t with { Dropouts = t.Layers.Select((_, l) => l < t.Layers.Length - 1 && dropout.NextInt(6) == 0 ? 0.25 * (1 + dropout.NextInt(2)) : 0).ToArray() })
            .Select(t => WithOutputFeatures(t, output))
            .ToArray();
        string source = "using Unrolled;\nnamespace " + Namespace + ";\n\n" + string.Join("\n", topologies.Select(t => t.Declaration));
        var run = GeneratorRunner.Run(source);
        if (!run.CompilationDiagnostics.IsEmpty)
        {
            throw new InvalidOperationException("Random topologies did not compile cleanly:\n" + string.Join("\n", run.CompilationDiagnostics.Take(10)));
        }

        return (topologies, InMemoryAssembly.Load(run.Output));
    }
}
