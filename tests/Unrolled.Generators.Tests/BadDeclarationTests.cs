using Microsoft.CodeAnalysis;
using Unrolled.Generators.Tests.Infrastructure;

namespace Unrolled.Generators.Tests;

/// <summary>
/// Malformed and hostile declarations, each with the id that must report it: a compiler error (CS...) where the
/// compiler rejects the attribute itself, a generator diagnostic (UNR...) where the generator does, or none for a
/// declaration that is odd but sound. In every case the generator must not throw (no CS8785) and must never add
/// code that fails to compile.
/// </summary>
public class BadDeclarationTests
{
    private const string None = "";

    public static TheoryData<string, string, string> Declarations => new()
    {
        // Attributes the compiler rejects: the generator stays silent and adds nothing broken.
        { "missing inputs", "[Network] [Dense(1)] public partial class Net;", "CS7036" },
        { "missing units", "[Network(2)] [Dense] public partial class Net;", "CS7036" },
        { "string inputs", "[Network(\"two\")] [Dense(1)] public partial class Net;", "CS1503" },
        { "long inputs", "[Network(2L)] [Dense(1)] public partial class Net;", "CS1503" },
        { "int as activation", "[Network(2)] [Dense(1, 5)] public partial class Net;", "CS1503" },
        { "non-constant inputs", "public partial class Net { static int N = 2; } [Network(Net.N)] [Dense(1)] public partial class Net;", "CS0182" },
        { "inputs overflowing a constant", "[Network(int.MaxValue + 1)] [Dense(1)] public partial class Net;", "CS0220" },
        { "unknown named property", "[Network(2, Layers = 3)] [Dense(1)] public partial class Net;", "CS0246" },
        { "alpha as string", "[Network(2)] [Dense(1, Activation.Elu, Alpha = \"one\")] public partial class Net;", "CS0029" },
        { "network on a struct", "[Network(2)] [Dense(1)] public partial struct Net;", "CS0592" },
        { "network on an interface", "[Network(2)] [Dense(1)] public partial interface INet;", "CS0592" },
        { "network on an enum", "[Network(2)] [Dense(1)] public enum Net { A }", "CS0592" },
        { "network on a method", "public partial class Net { [Network(2)] [Dense(1)] void M() { } }", "CS0592" },
        { "network twice", "[Network(2)] [Network(3)] [Dense(1)] public partial class Net;", "CS0579" },
        { "network on two declarations", "[Network(2)] [Dense(1)] public partial class Net; [Network(2)] public partial class Net;", "CS0579" },
        { "class body with syntax errors", "[Network(2)] [Dense(1)] public partial class Net { public void M( { } }", "CS1026" },
        { "attribute with trailing comma", "[Network(2,)] [Dense(1)] public partial class Net;", "CS1525" },
        { "unclosed attribute", "[Network(2)] [Dense(1 public partial class Net;", "CS1026" },
        { "dense only, on a record struct", "[Dense(3)] public partial record struct Net;", "CS0592" },

        // The input count.
        { "zero inputs, no layers", "[Network(0)] public partial class Net;", "UNR003" },
        { "negative inputs", "[Network(-5)] [Dense(1)] public partial class Net;", "UNR003" },
        { "int.MinValue inputs", "[Network(int.MinValue)] [Dense(1)] public partial class Net;", "UNR003" },
        { "inputs wrapped by unchecked", "[Network(unchecked(int.MaxValue + 1))] [Dense(1)] public partial class Net;", "UNR003" },
        { "int.MaxValue inputs into one unit", "[Network(int.MaxValue)] [Dense(1)] public partial class Net;", "UNR017" },

        // Unit counts and sizes.
        { "zero units", "[Network(2)] [Dense(0)] public partial class Net;", "UNR004" },
        { "all layers zero", "[Network(0)] [Dense(0)] [Dense(0)] public partial class Net;", "UNR003" },
        { "int.MinValue units", "[Network(2)] [Dense(int.MinValue)] public partial class Net;", "UNR004" },
        { "negative units from a constant expression", "[Network(2)] [Dense(4)] [Dense(1 - 2)] public partial class Net;", "UNR004" },
        { "huge layer", "[Network(1)] [Dense(int.MaxValue)] public partial class Net;", "UNR017" },
        { "overflowing parameter count", "[Network(int.MaxValue)] [Dense(int.MaxValue)] public partial class Net;", "UNR017" },
        { "parameter count past long.MaxValue", "[Network(int.MaxValue)] [Dense(int.MaxValue)] [Dense(int.MaxValue)] [Dense(int.MaxValue)] public partial class Net;", "UNR017" },
        { "parameters just past Array.MaxLength", "[Network(2147483600)] [Dense(1)] public partial class Net;", "UNR017" },
        { "units past a third of Array.MaxLength", "[Network(1)] [Dense(1000000000)] public partial class Net;", "UNR021" },
        { "units as a char constant", "[Network(2)] [Dense('a')] public partial class Net;", None },
        { "units from a constant of the class", "[Network(2)] [Dense(Net.Width)] public partial class Net { public const int Width = 3; }", None },

        // Enum values out of range.
        { "unknown precision", "[Network(2, Precision = (Precision)9)] [Dense(1)] public partial class Net;", "UNR014" },
        { "precision just past the last", "[Network(2, Precision = (Precision)2)] [Dense(1)] public partial class Net;", "UNR014" },
        { "unknown unroll mode", "[Network(2, Unroll = (UnrollMode)(-1))] [Dense(1)] public partial class Net;", "UNR014" },
        { "unroll mode just past the last", "[Network(2, Unroll = (UnrollMode)3)] [Dense(1)] public partial class Net;", "UNR014" },
        { "unknown activation and loss", "[Network(2, Loss = (LossFunction)3)] [Dense(1, (Activation)99)] public partial class Net;", "UNR014" },
        { "negative loss", "[Network(2, Loss = (LossFunction)(-1))] [Dense(1)] public partial class Net;", "UNR014" },
        { "activation int.MaxValue", "[Network(2)] [Dense(1, (Activation)int.MaxValue)] public partial class Net;", "UNR014" },
        { "activation 9 is PRelu", "[Network(2)] [Dense(1, (Activation)9)] public partial class Net;", None },
        { "activation just past prelu", "[Network(2)] [Dense(1, (Activation)10)] public partial class Net;", "UNR014" },

        // Alpha: NaN, infinities, zero, negative, huge, and values a float cannot hold.
        { "NaN alpha", "[Network(2)] [Dense(1, Activation.LeakyRelu, Alpha = double.NaN)] public partial class Net;", "UNR010" },
        { "NaN alpha from a float", "[Network(2)] [Dense(1, Activation.LeakyRelu, Alpha = float.NaN)] public partial class Net;", "UNR010" },
        { "NaN alpha from a constant expression", "[Network(2)] [Dense(1, Activation.Elu, Alpha = 0.0 / 0.0)] public partial class Net;", "UNR010" },
        { "+infinity leaky slope", "[Network(2)] [Dense(1, Activation.LeakyRelu, Alpha = double.PositiveInfinity)] public partial class Net;", "UNR010" },
        { "-infinity elu alpha", "[Network(2)] [Dense(1, Activation.Elu, Alpha = double.NegativeInfinity)] public partial class Net;", "UNR010" },
        { "leaky slope of 1", "[Network(2)] [Dense(1, Activation.LeakyRelu, Alpha = 1)] public partial class Net;", "UNR010" },
        { "negative leaky slope", "[Network(2)] [Dense(1, Activation.LeakyRelu, Alpha = -0.01)] public partial class Net;", "UNR010" },
        { "leaky slope that is 1 as a float", "[Network(2)] [Dense(1, Activation.LeakyRelu, Alpha = 0.99999999999)] public partial class Net;", "UNR010" },
        { "leaky slope 0.99999999999 in double", "[Network(2, Precision = Precision.Double)] [Dense(1, Activation.LeakyRelu, Alpha = 0.99999999999)] public partial class Net;", None },
        { "leaky slope -0.0", "[Network(2)] [Dense(1, Activation.LeakyRelu, Alpha = -0.0)] public partial class Net;", None },
        { "zero elu alpha", "[Network(2)] [Dense(1, Activation.Elu, Alpha = 0)] public partial class Net;", "UNR010" },
        { "elu alpha double.MaxValue in float", "[Network(2)] [Dense(1, Activation.Elu, Alpha = double.MaxValue)] public partial class Net;", "UNR010" },
        { "elu alpha 1e39 in float", "[Network(2)] [Dense(1, Activation.Elu, Alpha = 1e39)] public partial class Net;", "UNR010" },
        { "elu alpha 1e39 in double", "[Network(2, Precision = Precision.Double)] [Dense(1, Activation.Elu, Alpha = 1e39)] public partial class Net;", None },
        { "elu alpha double.Epsilon in float", "[Network(2)] [Dense(1, Activation.Elu, Alpha = double.Epsilon)] public partial class Net;", "UNR010" },
        { "elu alpha double.Epsilon in double", "[Network(2, Precision = Precision.Double)] [Dense(1, Activation.Elu, Alpha = double.Epsilon)] public partial class Net;", None },
        { "elu alpha float.MaxValue in float", "[Network(2)] [Dense(1, Activation.Elu, Alpha = float.MaxValue)] public partial class Net;", None },
        { "alpha written as an int", "[Network(2)] [Dense(1, Activation.Elu, Alpha = 2)] public partial class Net;", None },
        { "NaN alpha on relu", "[Network(2)] [Dense(1, Activation.Relu, Alpha = double.NaN)] public partial class Net;", "UNR009" },
        { "zero alpha on softmax", "[Network(2)] [Dense(2, Activation.Softmax, Alpha = 0)] public partial class Net;", "UNR009" },

        // PReLU's initial slope: any finite value, in the network's precision.
        { "NaN prelu slope", "[Network(2)] [Dense(1, Activation.PRelu, Alpha = double.NaN)] public partial class Net;", "UNR010" },
        { "+infinity prelu slope", "[Network(2, Precision = Precision.Double)] [Dense(1, Activation.PRelu, Alpha = double.PositiveInfinity)] public partial class Net;", "UNR010" },
        { "prelu slope 1e39 in float", "[Network(2)] [Dense(1, Activation.PRelu, Alpha = 1e39)] public partial class Net;", "UNR010" },
        { "prelu slope 1e39 in double", "[Network(2, Precision = Precision.Double)] [Dense(1, Activation.PRelu, Alpha = 1e39)] public partial class Net;", None },
        { "negative prelu slope", "[Network(2)] [Dense(1, Activation.PRelu, Alpha = -2)] public partial class Net;", None },
        { "prelu slope above 1", "[Network(2)] [Dense(1, Activation.PRelu, Alpha = 3.5)] public partial class Net;", None },

        // Dropout: NaN, infinities, 1 and more, negative, and values that look harmless.
        { "NaN dropout", "[Network(2)] [Dense(4, Activation.Relu, Dropout = double.NaN)] [Dense(1)] public partial class Net;", "UNR030" },
        { "NaN dropout from a constant expression", "[Network(2)] [Dense(4, Dropout = 0.0 / 0.0)] [Dense(1)] public partial class Net;", "UNR030" },
        { "dropout of 1", "[Network(2)] [Dense(4, Dropout = 1.0)] [Dense(1)] public partial class Net;", "UNR030" },
        { "dropout of 1 written as an int", "[Network(2)] [Dense(4, Dropout = 1)] [Dense(1)] public partial class Net;", "UNR030" },
        { "dropout above 1", "[Network(2)] [Dense(4, Dropout = 2.5)] [Dense(1)] public partial class Net;", "UNR030" },
        { "negative dropout", "[Network(2)] [Dense(4, Dropout = -0.1)] [Dense(1)] public partial class Net;", "UNR030" },
        { "+infinity dropout", "[Network(2)] [Dense(4, Dropout = double.PositiveInfinity)] [Dense(1)] public partial class Net;", "UNR030" },
        { "-infinity dropout", "[Network(2)] [Dense(4, Dropout = double.NegativeInfinity)] [Dense(1)] public partial class Net;", "UNR030" },
        { "dropout double.MaxValue", "[Network(2)] [Dense(4, Dropout = double.MaxValue)] [Dense(1)] public partial class Net;", "UNR030" },
        { "dropout just below 1", "[Network(2)] [Dense(4, Dropout = 0.9999999999999999)] [Dense(1)] public partial class Net;", None },
        { "dropout double.Epsilon", "[Network(2)] [Dense(4, Dropout = double.Epsilon)] [Dense(1)] public partial class Net;", None },
        { "dropout of 0 written out", "[Network(2)] [Dense(4, Dropout = 0)] [Dense(1)] public partial class Net;", None },
        { "dropout of -0.0", "[Network(2)] [Dense(4, Dropout = -0.0)] [Dense(1)] public partial class Net;", None },
        { "dropout on the output layer", "[Network(2)] [Dense(4)] [Dense(1, Dropout = 0.5)] public partial class Net;", "UNR031" },
        { "dropout out of range on the output layer", "[Network(2)] [Dense(1, Dropout = 1.5)] public partial class Net;", "UNR030" },
        { "dropout as a string", "[Network(2)] [Dense(4, Dropout = \"0.5\")] [Dense(1)] public partial class Net;", "CS0029" },
        { "dropout as a bool", "[Network(2)] [Dense(4, Dropout = true)] [Dense(1)] public partial class Net;", "CS0029" },

        // Bias.
        { "bias false", "[Network(2)] [Dense(4, Bias = false)] [Dense(1)] public partial class Net;", None },
        { "no layer has a bias", "[Network(2)] [Dense(4, Activation.Tanh, Bias = false)] [Dense(1, Bias = false)] public partial class Net;", None },
        { "bias true written out", "[Network(2)] [Dense(4, Bias = true)] [Dense(1)] public partial class Net;", None },
        { "bias as an int", "[Network(2)] [Dense(4, Bias = 0)] [Dense(1)] public partial class Net;", "CS0029" },
        { "bias from a constant expression", "[Network(2)] [Dense(4, Bias = 1 > 2)] [Dense(1)] public partial class Net;", None },

        // Shapes that compile but cannot work, or do nothing.
        { "softmax everywhere", "[Network(2)] [Dense(2, Activation.Softmax)] [Dense(2, Activation.Softmax)] [Dense(2, Activation.Softmax)] public partial class Net;", None },
        { "softmax over one hidden unit", "[Network(2)] [Dense(1, Activation.Softmax)] [Dense(2)] public partial class Net;", "UNR019" },
        { "softmax over one output unit", "[Network(2, Loss = LossFunction.CrossEntropy)] [Dense(1, Activation.Softmax)] public partial class Net;", "UNR019" },
        { "cross-entropy on tanh", "[Network(2, Loss = LossFunction.CrossEntropy)] [Dense(3, Activation.Tanh)] public partial class Net;", "UNR006" },
        { "binary cross-entropy on softmax", "[Network(2, Loss = LossFunction.BinaryCrossEntropy)] [Dense(3, Activation.Softmax)] public partial class Net;", "UNR006" },
        { "exact activations in double", "[Network(2, Precision = Precision.Double, ExactActivations = true)] [Dense(1, Activation.Tanh)] public partial class Net;", "UNR020" },
        { "exact activations with nothing approximated", "[Network(2, ExactActivations = true)] [Dense(3, Activation.Relu)] [Dense(1)] public partial class Net;", "UNR020" },
        { "parameters just inside the limit", "[Network(1000000)] [Dense(2000)] public partial class Net;", None },

        // The type that receives the network.
        { "not partial and generic", "[Network(2)] [Dense(1)] public class Net<T>;", "UNR001" },
        { "static and not partial", "[Network(2)] [Dense(1)] public static class Net;", "UNR001" },
        { "nested in a struct that is not partial", "public struct Outer { [Network(2)] [Dense(1)] public partial class Net; }", "UNR008" },
        { "nested in a generic method's class", "public partial class Outer<T> where T : struct { public partial class Middle { [Network(2)] [Dense(1)] public partial class Net; } }", "UNR008" },
        { "member conflicts everywhere", "[Network(2)] [Dense(1)] public partial class Net { int Spec; int Loss; int ParameterBuffer; void ZeroGradients() { } }", "UNR015" },
        { "class named like a generated member", "[Network(2)] [Dense(1)] public partial class Forward;", "UNR015" },
        { "abstract class", "[Network(2)] [Dense(1)] public abstract partial class Net;", None },
        { "sealed class with a base class", "public class Base { } [Network(2)] [Dense(1)] public sealed partial class Net : Base;", None },
        { "base class with the same members", "public class Base { public void Forward(System.ReadOnlySpan<float> i, System.Span<float> o) { } } [Network(2)] [Dense(1)] public partial class Net : Base;", "UNR015" },
        { "interface already implemented", "[Network(2)] [Dense(1)] public partial class Net : INetwork<double>;", "CS0535" },
        { "dense only, on a record", "[Dense(3)] public partial record Net;", "UNR012" },
        { "layers on two declarations", "[Network(2)] [Dense(3)] public partial class Net; [Dense(1)] public partial class Net;", "UNR007" },
        { "file-local class", "[Network(2)] [Dense(1)] file partial class Net;", None },
        { "class in a generic method", "public partial class Host { void M<T>() { } } [Network(2)] [Dense(1)] public partial class Net;", None },
        { "own parameterless constructor", "[Network(2)] [Dense(1)] public partial class Net { public Net() { } }", "UNR018" },
        { "primary constructor", "[Network(2)] [Dense(1)] public partial class Net(int seed) { public int Seed => seed; }", "UNR018" },
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public void The_declaration_is_reported_and_nothing_generated_fails_to_compile(string description, string declaration, string expectedId)
    {
        var run = GeneratorRunner.Run("using Unrolled;\n" + declaration);

        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Id is "CS8784" or "CS8785");
        Assert.True(run.DiagnosticsInGeneratedCode.IsEmpty,
            $"{description}: generated code does not compile:\n{string.Join("\n", run.DiagnosticsInGeneratedCode)}");

        var compiler = run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id).ToList();
        var generator = run.GeneratorDiagnostics.Select(d => d.Id).ToList();
        string reported = $"generator: [{string.Join(", ", generator)}], compiler: [{string.Join(", ", compiler)}]";
        if (expectedId == None)
        {
            Assert.True(generator.Count == 0 && compiler.Count == 0, $"{description}: expected nothing, got {reported}");
            Assert.Single(run.Sources);
        }
        else if (expectedId.StartsWith("UNR", StringComparison.Ordinal))
        {
            Assert.True(generator.Contains(expectedId), $"{description}: expected {expectedId}, got {reported}");
        }
        else
        {
            Assert.True(compiler.Contains(expectedId) && generator.Count == 0, $"{description}: expected {expectedId} from the compiler alone, got {reported}");
        }
    }

    [Fact]
    public void The_table_holds_at_least_sixty_declarations() => Assert.True(Declarations.Count() >= 60);
}
