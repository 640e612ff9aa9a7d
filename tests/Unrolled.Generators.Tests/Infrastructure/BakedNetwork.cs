using System.Globalization;
using System.Reflection;
using System.Text;

namespace Unrolled.Generators.Tests.Infrastructure;

/// <summary>The static forward over baked weights, called through a delegate (spans cannot go through reflection).</summary>
public delegate void SpanForward<T>(ReadOnlySpan<T> input, Span<T> output);

/// <summary>Networks declared with Weights, generated with their files as additional files, compiled and created.</summary>
public static class BakedNetwork
{
    /// <summary>The committed ONNX fixtures of tests/fixtures/onnx, copied beside the tests.</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "onnx", name + ".onnx");

    /// <summary>The fixtures every reader accepts (make_fixtures.py names the others "refused_...").</summary>
    public static TheoryData<string> AcceptedFixtures() => new(
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "onnx"), "*.onnx")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !name!.StartsWith("refused_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)!);

    /// <summary><c>[Network(...)]</c> and its <c>[Dense(...)]</c> layers for <paramref name="spec"/>, on <c>public partial class Net</c>.</summary>
    public static string Declaration(NetworkSpec spec, string weights, string name = "Net")
    {
        var text = new StringBuilder("using Unrolled;\n");
        text.Append(CultureInfo.InvariantCulture,
            $"[Network({spec.Inputs}, Loss = LossFunction.{spec.Loss}, Precision = Precision.{spec.Precision}, Weights = \"{weights}\")]\n");
        foreach (var layer in spec.Layers)
        {
            string alpha = LayerSpec.TakesAlpha(layer.Activation) ? ", Alpha = " + layer.Alpha.ToString("R", CultureInfo.InvariantCulture) : "";
            string bias = layer.Bias ? "" : ", Bias = false";
            text.Append(CultureInfo.InvariantCulture, $"[Dense({layer.Units}, Activation.{layer.Activation}{alpha}{bias})]\n");
        }

        return text.Append(CultureInfo.InvariantCulture, $"public partial class {name};\n").ToString();
    }

    /// <summary>Runs the generator on <paramref name="source"/> with <paramref name="files"/>, requiring clean code.</summary>
    public static GeneratorRun Generate(string source, ProjectFiles files)
    {
        var run = GeneratorRunner.Run(GeneratorRunner.Compilation([source]), files);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        return run;
    }

    /// <summary>The network <c>Net</c> of <paramref name="run"/>, created, and its ForwardBaked.</summary>
    public static (INetwork<T> Network, SpanForward<T> ForwardBaked) Create<T>(GeneratorRun run, string name = "Net")
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var type = InMemoryAssembly.Load(run.Output).GetType(name, throwOnError: true)!;
        var network = (INetwork<T>)Activator.CreateInstance(type)!;
        var method = type.GetMethod("ForwardBaked", BindingFlags.Public | BindingFlags.Static)!;
        return (network, method.CreateDelegate<SpanForward<T>>());
    }
}
