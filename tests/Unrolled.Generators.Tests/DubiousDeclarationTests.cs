using Microsoft.CodeAnalysis;
using Unrolled.Generators.Tests.Infrastructure;

namespace Unrolled.Generators.Tests;

/// <summary>
/// Declarations that generate working code which does not do what its author expects: a layer that cannot learn,
/// a setting that does nothing, parameters left at zero. Each is a warning or an info, and the code still compiles.
/// </summary>
public class DubiousDeclarationTests
{
    private const string SoftmaxMessage =
        "Softmax over a single unit always outputs 1, so layer {0} of 'Net' is constant and nothing up to it can learn — use Sigmoid for a single probability, or give the layer at least 2 units";

    [Fact]
    public void UNR019_on_a_hidden_layer_warns_and_the_network_still_compiles()
    {
        var run = GeneratorRunner.Run("""
            using Unrolled;
            [Network(2)]
            [Dense(1, Activation.Softmax)]
            [Dense(3)]
            public partial class Net;
            """);
        Assert.Equal(["UNR019"], run.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Equal(string.Format(SoftmaxMessage, 1), DiagnosticAssert.MessageOf(run, "UNR019"));
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void A_warning_is_silenced_by_pragma_warning_disable_around_its_declaration()
    {
        // Reported at a location in the syntax tree, not by file and span, so that the pragma table applies to it.
        var run = GeneratorRunner.Run("""
            using Unrolled;
            #pragma warning disable UNR031
            [Network(2)] [Dense(4)] [Dense(1, Dropout = 0.5)] public partial class Quiet;
            #pragma warning restore UNR031
            [Network(2)] [Dense(4)] [Dense(1, Dropout = 0.5)] public partial class Loud;
            """);
        var warnings = run.GeneratorDiagnostics.Where(d => d.Id == "UNR031")
            .ToDictionary(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'Quiet'", StringComparison.Ordinal) ? "Quiet" : "Loud");
        Assert.True(warnings["Quiet"].IsSuppressed);
        Assert.False(warnings["Loud"].IsSuppressed);
        Assert.True(warnings["Quiet"].Location.IsInSource);
    }

    [Fact]
    public void UNR020_exact_activations_without_an_approximated_activation() => DiagnosticAssert.Single("""
        [[|Network(2, ExactActivations = true)|]]
        [Dense(4, Activation.Relu)]
        [Dense(1)]
        public partial class Net;
        """, "UNR020", DiagnosticSeverity.Warning,
        "ExactActivations has no effect on 'Net': none of its activations has an approximation to replace (only Sigmoid, Tanh, Elu, Silu, Softmax have one) — remove ExactActivations");

    [Fact]
    public void Exact_activations_on_a_float_network_with_tanh_is_what_it_is_for() =>
        DiagnosticAssert.None("[Network(2, ExactActivations = true)] [Dense(2, Activation.Tanh)] public partial class Net;");

    [Theory]
    [InlineData("public Net(int seed) => Initialize(seed);")]
    [InlineData("public Net() { this.Initialize(7); }")]
    [InlineData("public Net() : this(3) { } public Net(int seed) { Initialize(seed); }")]
    public void A_constructor_that_initializes_is_not_reported(string constructors)
    {
        var run = GeneratorRunner.Run("using Unrolled; [Network(2)] [Dense(1)] public partial class Net { " + constructors + " }");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void UNR018_only_the_constructor_that_leaves_the_parameters_at_zero() => DiagnosticAssert.Single("""
        [Network(2)]
        [Dense(1)]
        public partial class Net
        {
            public Net() : this(0) { }

            public Net(int seed) => Initialize(seed);

            public [|Net|](string name) { }
        }
        """, "UNR018", DiagnosticSeverity.Info,
        "The constructor Net(string) of 'Net' does not call Initialize, and no constructor is generated beside it, so the parameters start at zero — call Initialize(seed) in it");

    [Fact]
    public void UNR018_a_primary_constructor() => DiagnosticAssert.Single("""
        [Network(2)]
        [Dense(1)]
        public partial class Net[|(int seed)|];
        """, "UNR018", DiagnosticSeverity.Info,
        "The constructor Net(int) of 'Net' does not call Initialize, and no constructor is generated beside it, so the parameters start at zero — call Initialize(seed) before using it: a primary constructor has no body to call it from");
}
