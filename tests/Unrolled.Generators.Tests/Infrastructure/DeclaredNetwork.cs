namespace Unrolled.Generators.Tests.Infrastructure;

/// <summary>A network declared by its attributes alone (class Net, global namespace), generated, compiled and created.</summary>
public static class DeclaredNetwork
{
    /// <summary>The network and its generated source.</summary>
    public static (object Network, string Source) Create(string attributes)
    {
        var run = GeneratorRunner.Run($"using Unrolled;\n{attributes}\npublic partial class Net;");
        object network = Activator.CreateInstance(InMemoryAssembly.Load(run.Output).GetType("Net", throwOnError: true)!)!;
        return (network, run.Sources["Net.g.cs"]);
    }

    /// <summary>Calls the action that matches the network's precision.</summary>
    public static void Run(object network, Action<INetwork<float>> single, Action<INetwork<double>> dual)
    {
        switch (network)
        {
            case INetwork<float> f:
                single(f);
                break;
            case INetwork<double> d:
                dual(d);
                break;
            default:
                throw new InvalidOperationException($"{network.GetType().Name} implements no INetwork<T>.");
        }
    }
}
