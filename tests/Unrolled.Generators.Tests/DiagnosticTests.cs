extern alias generator;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Unrolled.Generators.Tests.Infrastructure;

namespace Unrolled.Generators.Tests;

/// <summary>Every rule: the exact id, severity, message and span, and no other diagnostic from the generator.</summary>
public class DiagnosticTests
{
    [Fact]
    public void UNR001_type_not_partial() => DiagnosticAssert.Single("""
        [[|Network(2)|]]
        [Dense(1)]
        public class Net;
        """, "UNR001", DiagnosticSeverity.Error,
        "'Net' must be declared partial so that the network can be generated into it — add the 'partial' modifier");

    [Fact]
    public void UNR002_no_dense_layer() => DiagnosticAssert.Single("""
        [[|Network(2)|]]
        public partial class Net;
        """, "UNR002", DiagnosticSeverity.Error,
        "'Net' declares no layer — add at least one [Dense(units, activation)] attribute to it");

    [Fact]
    public void UNR003_input_count_not_positive() => DiagnosticAssert.Single("""
        [[|Network(0)|]]
        [Dense(1)]
        public partial class Net;
        """, "UNR003", DiagnosticSeverity.Error,
        "'Net' declares 0 inputs; the input count must be positive — declare at least 1 input");

    [Fact]
    public void UNR004_unit_count_not_positive() => DiagnosticAssert.Single("""
        [Network(2)]
        [Dense(4, Activation.Tanh)]
        [[|Dense(-3, Activation.Relu)|]]
        [Dense(1)]
        public partial class Net;
        """, "UNR004", DiagnosticSeverity.Error,
        "Layer 2 of 'Net' declares -3 units; a layer needs at least 1 unit — declare a positive unit count");

    [Fact]
    public void UNR006_cross_entropy_without_softmax() => DiagnosticAssert.Single("""
        [[|Network(2, Loss = LossFunction.CrossEntropy)|]]
        [Dense(2, Activation.Sigmoid)]
        public partial class Net;
        """, "UNR006", DiagnosticSeverity.Error,
        "CrossEntropy needs a Softmax output layer, but the last layer of 'Net' uses Sigmoid — make it Softmax, or use BinaryCrossEntropy, which fits Sigmoid");

    [Fact]
    public void UNR006_binary_cross_entropy_without_sigmoid() => DiagnosticAssert.Single("""
        [[|Network(2, Loss = LossFunction.BinaryCrossEntropy)|]]
        [Dense(4, Activation.Relu)]
        [Dense(1)]
        public partial class Net;
        """, "UNR006", DiagnosticSeverity.Error,
        "BinaryCrossEntropy needs a Sigmoid output layer, but the last layer of 'Net' uses Identity — make it Sigmoid, or use MeanSquaredError, which fits Identity");

    [Fact]
    public void UNR007_layers_spread_over_several_declarations() => DiagnosticAssert.Single("""
        [Network(2)]
        [Dense(3, Activation.Tanh)]
        public partial class Net;

        [[|Dense(1)|]]
        public partial class Net;
        """, "UNR007", DiagnosticSeverity.Error,
        "The [Dense] layers of 'Net' are spread over several partial declarations, so their order is undefined — put all of them on one declaration");

    [Theory]
    [InlineData("public partial class Net<T>;", "it is generic — declare a non-generic class")]
    [InlineData("public static partial class Net;", "it is static — remove the 'static' modifier")]
    [InlineData("public partial record Net;", "it is a record — declare it as a class")]
    public void UNR008_unsupported_type(string declaration, string reason) => DiagnosticAssert.Single($"""
        [[|Network(2)|]]
        [Dense(1)]
        {declaration}
        """, "UNR008", DiagnosticSeverity.Error, $"'Net' cannot hold a generated network: {reason}");

    [Fact]
    public void UNR008_nested_in_a_generic_type() => DiagnosticAssert.Single("""
        public partial class Outer<T>
        {
            [[|Network(2)|]]
            [Dense(1)]
            public partial class Net;
        }
        """, "UNR008", DiagnosticSeverity.Error,
        "'Net' cannot hold a generated network: it is nested in generic type 'Outer' — move it out");

    [Fact]
    public void UNR008_nested_in_a_type_that_is_not_partial() => DiagnosticAssert.Single("""
        public class Outer
        {
            [[|Network(2)|]]
            [Dense(1)]
            public partial class Net;
        }
        """, "UNR008", DiagnosticSeverity.Error,
        "'Net' cannot hold a generated network: it is nested in 'Outer', which is not partial — make 'Outer' partial");

    [Fact]
    public void UNR009_alpha_on_an_activation_without_one_is_a_warning_and_code_is_still_generated()
    {
        var run = DiagnosticAssert.Single("""
            [Network(2)]
            [[|Dense(2, Activation.Relu, Alpha = 0.5)|]]
            public partial class Net;
            """, "UNR009", DiagnosticSeverity.Warning,
            "Relu takes no Alpha; layer 1 of 'Net' sets it — remove Alpha, or use LeakyRelu, Elu or PRelu");
        Assert.Single(run.Sources);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Theory]
    [InlineData("LeakyRelu", "1.5", "Alpha of LeakyRelu must be in [0, 1); layer 1 of 'Net' sets 1.5 — remove Alpha to use the default 0.01, or set a value in range")]
    [InlineData("LeakyRelu", "-0.1", "Alpha of LeakyRelu must be in [0, 1); layer 1 of 'Net' sets -0.1 — remove Alpha to use the default 0.01, or set a value in range")]
    [InlineData("Elu", "0", "Alpha of Elu must be positive and at most 3.4028235E+38 (the largest float); layer 1 of 'Net' sets 0 — remove Alpha to use the default 1, or set a value in range")]
    [InlineData("Elu", "double.PositiveInfinity", "Alpha of Elu must be positive and at most 3.4028235E+38 (the largest float); layer 1 of 'Net' sets Infinity — remove Alpha to use the default 1, or set a value in range")]
    public void UNR010_alpha_out_of_range(string activation, string alpha, string message) => DiagnosticAssert.Single($"""
        [Network(2)]
        [[|Dense(2, Activation.{activation}, Alpha = {alpha})|]]
        public partial class Net;
        """, "UNR010", DiagnosticSeverity.Error, message);

    [Theory]
    [InlineData("double.NaN", "Single", "Alpha of PRelu must be a finite float; layer 1 of 'Net' sets NaN — remove Alpha to use the default 0.25, or set a value in range")]
    [InlineData("double.NegativeInfinity", "Double", "Alpha of PRelu must be finite; layer 1 of 'Net' sets -Infinity — remove Alpha to use the default 0.25, or set a value in range")]
    [InlineData("1e39", "Single", "Alpha of PRelu must be a finite float; layer 1 of 'Net' sets 1E+39 (Infinity as a float) — remove Alpha to use the default 0.25, or set a value in range")]
    public void UNR010_prelu_initial_slope_not_finite(string alpha, string precision, string message) => DiagnosticAssert.Exactly($"""
        [Network(2, Precision = Precision.{precision})]
        [[|Dense(2, Activation.PRelu, Alpha = {alpha})|]]
        public partial class Net;
        """, ["UNR010"], "UNR010", DiagnosticSeverity.Error, message);

    [Fact]
    public void UNR011_language_version_below_12()
    {
        var run = DiagnosticAssert.Single("""
            [[|Network(2)|]]
            [Dense(1)]
            public partial class Net { }
            """, "UNR011", DiagnosticSeverity.Error,
            "Generated networks need C# 12 or later (inline arrays), but 'Net' is compiled as C# 11.0 — set <LangVersion>12</LangVersion> or later",
            LanguageVersion.CSharp11);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void UNR012_dense_without_network() => DiagnosticAssert.Single("""
        [[|Dense(4, Activation.Relu)|]]
        [Dense(1)]
        public partial class Net;
        """, "UNR012", DiagnosticSeverity.Error,
        "'Net' declares [Dense] layers but no [Network] — add [Network(inputs: N)] to it");

    [Fact]
    public void UNR013_layer_too_large_to_unroll_falls_back_to_loops()
    {
        var run = DiagnosticAssert.Single("""
            [Network(40, Unroll = UnrollMode.Full)]
            [[|Dense(40, Activation.Tanh)|]]
            [Dense(2)]
            public partial class Net;
            """, "UNR013", DiagnosticSeverity.Info,
            "Layer 1 of 'Net' (40 -> 40) is too large to unroll within the JIT's optimization limits; it is written as loops");
        Assert.Contains("for (int i = 0; i < 40; i++)", run.Sources.Values.Single());
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void UNR014_activation_that_is_not_an_enum_value() => DiagnosticAssert.Single("""
        [Network(2)]
        [[|Dense(2, (Activation)42)|]]
        public partial class Net;
        """, "UNR014", DiagnosticSeverity.Error,
        "The activation of layer 1 of 'Net' is 42, which is not a named Activation — use one of Identity, Sigmoid, Tanh, Relu, LeakyRelu, Elu, Softplus, Silu, Softmax, PRelu");

    [Fact]
    public void UNR014_loss_that_is_not_an_enum_value() => DiagnosticAssert.Single("""
        [[|Network(2, Loss = (LossFunction)7)|]]
        [Dense(1)]
        public partial class Net;
        """, "UNR014", DiagnosticSeverity.Error,
        "Loss of 'Net' is 7, which is not a named LossFunction — use one of MeanSquaredError, CrossEntropy, BinaryCrossEntropy");

    [Theory]
    [InlineData("public int Parameters;", "Parameters")]
    [InlineData("public void Forward(System.ReadOnlySpan<float> x, System.Span<float> y) { }", "Forward")]
    [InlineData("private struct TraceBuffer { }", "TraceBuffer")]
    [InlineData("private int _trace;", "_trace")]
    public void UNR015_member_name_taken(string member, string name) => DiagnosticAssert.Single($$"""
        [[|Network(2)|]]
        [Dense(1)]
        public partial class Net
        {
            {{member}}
        }
        """, "UNR015", DiagnosticSeverity.Error,
        $"'Net' already declares a member named '{name}', which the generated network needs — rename or remove it");

    [Fact]
    public void UNR015_member_name_inherited_from_a_base_class() => DiagnosticAssert.Single("""
        public class Controller
        {
            public float Loss(System.ReadOnlySpan<float> input, System.ReadOnlySpan<float> target) => 0;
        }

        [[|Network(2)|]]
        [Dense(1)]
        public partial class Net : Controller;
        """, "UNR015", DiagnosticSeverity.Error,
        "'Net' inherits from 'Controller' a member named 'Loss', which the generated network needs — rename or remove it");

    [Fact]
    public void An_overload_of_a_generated_method_is_not_a_conflict()
    {
        var run = GeneratorRunner.Run("""
            using Unrolled;
            [Network(2)]
            [Dense(1)]
            public partial class Net
            {
                public void Forward(float[] input, float[] output) => Forward(new System.ReadOnlySpan<float>(input), new System.Span<float>(output));
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void UNR016_target_framework_without_inline_arrays()
    {
        var result = new generator::Unrolled.Generators.Model.ParseResult(
            null, default, null);
        var facts = new generator::Unrolled.Generators.Model.CompilationFacts(true, "12.0", InlineArraysAvailable: false);
        var diagnostic = Assert.Single(generator::Unrolled.Generators.Parsing.CompilationChecks.WithCompilationChecks(result, facts));
        Assert.Equal("UNR016", diagnostic.Descriptor.Id);
        Assert.Equal(
            "Generated networks need InlineArrayAttribute (.NET 8 or later), which the target framework of 'the network' lacks — target net8.0 or later",
            diagnostic.ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void UNR017_too_many_parameters() => DiagnosticAssert.Single("""
        [[|Network(100000)|]]
        [Dense(30000)]
        public partial class Net;
        """, "UNR017", DiagnosticSeverity.Error,
        "'Net' has 3000030000 parameters, more than the 2147483591 one buffer can hold — use fewer or smaller layers");

    [Fact]
    public void UNR018_own_constructor_that_does_not_initialize()
    {
        var run = DiagnosticAssert.Single("""
            [Network(2)]
            [Dense(1)]
            public partial class Net
            {
                private readonly int _seed;

                public [|Net|](int seed) => _seed = seed;
            }
            """, "UNR018", DiagnosticSeverity.Info,
            "The constructor Net(int) of 'Net' does not call Initialize, and no constructor is generated beside it, so the parameters start at zero — call Initialize(seed) in it");
        Assert.DoesNotContain("public Net()", run.Sources.Values.Single());
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void UNR019_softmax_over_a_single_output_unit()
    {
        var run = DiagnosticAssert.Single("""
            [Network(2, Loss = LossFunction.CrossEntropy)]
            [Dense(4, Activation.Tanh)]
            [[|Dense(1, Activation.Softmax)|]]
            public partial class Net;
            """, "UNR019", DiagnosticSeverity.Warning,
            "Softmax over a single unit always outputs 1, so layer 2 of 'Net' is constant and nothing up to it can learn — use Sigmoid for a single probability, or give the layer at least 2 units");
        Assert.Single(run.Sources);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void UNR020_exact_activations_in_a_double_network() => DiagnosticAssert.Single("""
        [[|Network(2, Precision = Precision.Double, ExactActivations = true)|]]
        [Dense(2, Activation.Tanh)]
        public partial class Net;
        """, "UNR020", DiagnosticSeverity.Warning,
        "ExactActivations has no effect on 'Net': it computes in double precision, where activations always use the System.Math functions — remove ExactActivations");

    [Fact]
    public void UNR021_too_many_units_for_the_values_of_one_sample() => DiagnosticAssert.Single("""
        [[|Network(1)|]]
        [Dense(1000000000)]
        public partial class Net;
        """, "UNR021", DiagnosticSeverity.Error,
        "'Net' has 1000000000 units in all, and a sample needs 3 values per unit (3000000000), more than the 2147483591 one buffer can hold — use fewer or smaller layers");

    [Fact]
    public void UNR040_a_large_generated_file_says_what_it_costs_the_build()
    {
        string layers = string.Concat(Enumerable.Repeat("[Dense(64, Activation.Relu)]\n", 16));
        var (source, span) = Markup.Parse($"using Unrolled;\n[[|Network(64)|]]\n{layers}[Dense(10)]\npublic partial class Deep;");
        var run = GeneratorRunner.Run(source);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        int bytes = run.Sources["Deep.g.cs"].Length;
        Assert.True(bytes > 1024 * 1024, $"{bytes} bytes");
        Assert.Equal("UNR040", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        string seconds = (bytes / (300.0 * 1024)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            $"'Deep' generates {bytes / 1024:N0} KB of code for its 17 layers, which adds about {seconds} s to each build (the compiler takes about 300 KB of it per second on a 2-core machine) — expected for a network this deep; nothing needs fixing unless the build is too slow",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void UNR040_is_not_reported_for_networks_of_ordinary_size() =>
        DiagnosticAssert.None("[Network(784, Loss = LossFunction.CrossEntropy)] [Dense(512, Activation.Relu)] [Dense(10, Activation.Softmax)] public partial class Net;");

    [Theory]
    [InlineData("1.0", "1")]
    [InlineData("1.5", "1.5")]
    [InlineData("-0.1", "-0.1")]
    [InlineData("double.NaN", "NaN")]
    [InlineData("double.PositiveInfinity", "Infinity")]
    public void UNR030_dropout_out_of_range(string dropout, string written) => DiagnosticAssert.Single($"""
        [Network(2)]
        [[|Dense(4, Activation.Relu, Dropout = {dropout})|]]
        [Dense(1)]
        public partial class Net;
        """, "UNR030", DiagnosticSeverity.Error,
        $"Dropout is the probability of dropping each output of a layer during training and must be in [0, 1); layer 1 of 'Net' sets {written} — set a value in [0, 1), or remove Dropout for none");

    [Fact]
    public void UNR031_dropout_on_the_output_layer_is_a_warning() => DiagnosticAssert.Exactly("""
        [Network(2)]
        [Dense(4, Activation.Relu)]
        [[|Dense(1, Dropout = 0.5)|]]
        public partial class Net;
        """, ["UNR031"], "UNR031", DiagnosticSeverity.Warning,
        "Dropout on the output layer drops the network's predictions rather than features; layer 2 of 'Net' sets Dropout = 0.5 — remove Dropout from the output layer and apply it to a hidden layer");
}
