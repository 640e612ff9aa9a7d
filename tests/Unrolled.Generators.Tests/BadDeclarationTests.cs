using Microsoft.CodeAnalysis;
using Unrolled.Generators.Tests.Infrastructure;

namespace Unrolled.Generators.Tests;

/// <summary>
/// Malformed declarations, many of which the compiler itself rejects: the generator must never throw (no CS8785)
/// and must never add code that fails to compile. Whatever it reports is the user's to fix.
/// </summary>
public class BadDeclarationTests
{
    public static TheoryData<string, string> Declarations => new()
    {
        { "missing inputs", "[Network] [Dense(1)] public partial class Net;" },
        { "missing units", "[Network(2)] [Dense] public partial class Net;" },
        { "string inputs", "[Network(\"two\")] [Dense(1)] public partial class Net;" },
        { "int as activation", "[Network(2)] [Dense(1, 5)] public partial class Net;" },
        { "non-constant inputs", "public partial class Net { static int N = 2; } [Network(Net.N)] [Dense(1)] public partial class Net;" },
        { "unknown named property", "[Network(2, Layers = 3)] [Dense(1)] public partial class Net;" },
        { "alpha as string", "[Network(2)] [Dense(1, Activation.Elu, Alpha = \"one\")] public partial class Net;" },
        { "negative inputs", "[Network(-5)] [Dense(1)] public partial class Net;" },
        { "zero units", "[Network(2)] [Dense(0)] public partial class Net;" },
        { "all layers zero", "[Network(0)] [Dense(0)] [Dense(0)] public partial class Net;" },
        { "no layers, no inputs", "[Network(0)] public partial class Net;" },
        { "softmax everywhere", "[Network(2)] [Dense(2, Activation.Softmax)] [Dense(2, Activation.Softmax)] [Dense(2, Activation.Softmax)] public partial class Net;" },
        { "unknown precision", "[Network(2, Precision = (Precision)9)] [Dense(1)] public partial class Net;" },
        { "unknown unroll mode", "[Network(2, Unroll = (UnrollMode)(-1))] [Dense(1)] public partial class Net;" },
        { "unknown activation and loss", "[Network(2, Loss = (LossFunction)3)] [Dense(1, (Activation)99)] public partial class Net;" },
        { "NaN alpha", "[Network(2)] [Dense(1, Activation.LeakyRelu, Alpha = double.NaN)] public partial class Net;" },
        { "network on a struct", "[Network(2)] [Dense(1)] public partial struct Net;" },
        { "network on an interface", "[Network(2)] [Dense(1)] public partial interface INet;" },
        { "network on an enum", "[Network(2)] [Dense(1)] public enum Net { A }" },
        { "network on a method", "public partial class Net { [Network(2)] [Dense(1)] void M() { } }" },
        { "network twice", "[Network(2)] [Network(3)] [Dense(1)] public partial class Net;" },
        { "network on two declarations", "[Network(2)] [Dense(1)] public partial class Net; [Network(2)] public partial class Net;" },
        { "not partial and generic", "[Network(2)] [Dense(1)] public class Net<T>;" },
        { "static and not partial", "[Network(2)] [Dense(1)] public static class Net;" },
        { "nested in a struct that is not partial", "public struct Outer { [Network(2)] [Dense(1)] public partial class Net; }" },
        { "nested in a generic method's class", "public partial class Outer<T> where T : struct { public partial class Middle { [Network(2)] [Dense(1)] public partial class Net; } }" },
        { "member conflicts everywhere", "[Network(2)] [Dense(1)] public partial class Net { int Spec; int Loss; int ParameterBuffer; void ZeroGradients() { } }" },
        { "class named like a generated member", "[Network(2)] [Dense(1)] public partial class Forward;" },
        { "abstract class", "[Network(2)] [Dense(1)] public abstract partial class Net;" },
        { "sealed class with a base class", "public class Base { } [Network(2)] [Dense(1)] public sealed partial class Net : Base;" },
        { "base class with the same members", "public class Base { public void Forward(System.ReadOnlySpan<float> i, System.Span<float> o) { } } [Network(2)] [Dense(1)] public partial class Net : Base;" },
        { "interface already implemented", "[Network(2)] [Dense(1)] public partial class Net : INetwork<double>;" },
        { "class body with syntax errors", "[Network(2)] [Dense(1)] public partial class Net { public void M( { } }" },
        { "attribute with trailing comma", "[Network(2,)] [Dense(1)] public partial class Net;" },
        { "unclosed attribute", "[Network(2)] [Dense(1 public partial class Net;" },
        { "huge layer", "[Network(1)] [Dense(int.MaxValue)] public partial class Net;" },
        { "overflowing parameter count", "[Network(int.MaxValue)] [Dense(int.MaxValue)] public partial class Net;" },
        { "dense only, on a record", "[Dense(3)] public partial record Net;" },
        { "file-local class", "[Network(2)] [Dense(1)] file partial class Net;" },
        { "class in a generic method", "public partial class Host { void M<T>() { } } [Network(2)] [Dense(1)] public partial class Net;" },
        { "own parameterless constructor", "[Network(2)] [Dense(1)] public partial class Net { public Net() { } }" },
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public void The_generator_never_throws_and_never_adds_code_that_fails_to_compile(string description, string declaration)
    {
        var run = GeneratorRunner.Run("using Unrolled;\n" + declaration);

        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Id is "CS8784" or "CS8785");
        Assert.True(run.DiagnosticsInGeneratedCode.IsEmpty,
            $"{description}: generated code does not compile:\n{string.Join("\n", run.DiagnosticsInGeneratedCode)}");

        // Whatever is wrong is reported, by the compiler or by the generator, unless the declaration is fine.
        bool reported = run.GeneratorDiagnostics.Any(d => d.Severity >= DiagnosticSeverity.Info)
            || run.Output.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(reported || run.Sources.Count == 1, $"{description}: nothing generated and nothing reported");
    }

    [Fact]
    public void The_table_holds_at_least_thirty_declarations() => Assert.True(Declarations.Count() >= 30);
}
