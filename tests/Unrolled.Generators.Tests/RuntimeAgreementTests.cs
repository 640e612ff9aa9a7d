using Microsoft.CodeAnalysis;
using Unrolled.Generators.Tests.Infrastructure;

namespace Unrolled.Generators.Tests;

/// <summary>
/// The generator and <see cref="NetworkSpec"/> say the same words for the same mistake: a class named
/// <c>network</c>, which is the name NetworkSpec gives in its messages, declared with each hostile value, against
/// the spec built from the same values.
/// </summary>
public class RuntimeAgreementTests
{
    public static TheoryData<string, Func<NetworkSpec>> Twins => new()
    {
        { "[Network(0)] [Dense(1)]", () => new NetworkSpec(0, [new LayerSpec(1)]) },
        { "[Network(2)]", () => new NetworkSpec(2, []) },
        { "[Network(2)] [Dense(-3)]", () => new NetworkSpec(2, [new LayerSpec(-3)]) },
        { "[Network(2)] [Dense(1, (Activation)42)]", () => new NetworkSpec(2, [new LayerSpec(1, (Activation)42)]) },
        { "[Network(2, Loss = (LossFunction)7)] [Dense(1)]", () => new NetworkSpec(2, [new LayerSpec(1)], (LossFunction)7) },
        { "[Network(2, Precision = (Precision)9)] [Dense(1)]", () => new NetworkSpec(2, [new LayerSpec(1)], precision: (Precision)9) },
        { "[Network(2)] [Dense(3, Activation.Relu, Dropout = 1)] [Dense(1)]", () => new NetworkSpec(2, [new LayerSpec(3, Activation.Relu, dropout: 1), new LayerSpec(1)]) },
        { "[Network(2)] [Dense(3, Dropout = double.NaN)] [Dense(1)]", () => new NetworkSpec(2, [new LayerSpec(3, dropout: double.NaN), new LayerSpec(1)]) },
        { "[Network(2)] [Dense(3, Activation.PRelu, Alpha = double.PositiveInfinity)]", () => new NetworkSpec(2, [new LayerSpec(3, Activation.PRelu, double.PositiveInfinity)]) },
        { "[Network(2, Loss = LossFunction.CrossEntropy)] [Dense(2, Activation.Tanh)]", () => new NetworkSpec(2, [new LayerSpec(2, Activation.Tanh)], LossFunction.CrossEntropy) },
        { "[Network(2)] [Dense(1, Activation.LeakyRelu, Alpha = 1.5)]", () => new NetworkSpec(2, [new LayerSpec(1, Activation.LeakyRelu, 1.5)]) },
        { "[Network(2)] [Dense(1, Activation.LeakyRelu, Alpha = 0.99999999999)]", () => new NetworkSpec(2, [new LayerSpec(1, Activation.LeakyRelu, 0.99999999999)]) },
        { "[Network(2)] [Dense(1, Activation.Elu, Alpha = 1e39)]", () => new NetworkSpec(2, [new LayerSpec(1, Activation.Elu, 1e39)]) },
        { "[Network(2, Precision = Precision.Double)] [Dense(1, Activation.Elu, Alpha = double.NegativeInfinity)]", () => new NetworkSpec(2, [new LayerSpec(1, Activation.Elu, double.NegativeInfinity)], precision: Precision.Double) },
        { "[Network(int.MaxValue)] [Dense(int.MaxValue)] [Dense(int.MaxValue)] [Dense(int.MaxValue)]", () => new NetworkSpec(int.MaxValue, [new LayerSpec(int.MaxValue), new LayerSpec(int.MaxValue), new LayerSpec(int.MaxValue)]) },
        { "[Network(1)] [Dense(1000000000)]", () => new NetworkSpec(1, [new LayerSpec(1000000000)]) },
    };

    [Theory]
    [MemberData(nameof(Twins))]
    public void The_generators_first_error_is_the_runtimes_exception(string attributes, Func<NetworkSpec> spec)
    {
        var run = GeneratorRunner.Run($"using Unrolled;\n{attributes}\npublic partial class network;");
        var first = run.GeneratorDiagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
        var error = Assert.Throws<ArgumentException>(spec);
        Assert.Equal(first.GetMessage(System.Globalization.CultureInfo.InvariantCulture), error.Message[..error.Message.LastIndexOf(" (Parameter", StringComparison.Ordinal)]);
    }
}
