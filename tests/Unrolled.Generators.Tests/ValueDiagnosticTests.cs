using Microsoft.CodeAnalysis;
using Unrolled.Generators.Tests.Infrastructure;

namespace Unrolled.Generators.Tests;

/// <summary>
/// Numeric arguments that used to pass: NaN written out, values a float cannot hold, and sizes whose products
/// overflowed. Each now has its rule, checked here with the exact id, message and span.
/// </summary>
public class ValueDiagnosticTests
{
    private const string LeakyReluFix = " — remove Alpha to use the default 0.01, or set a value in range";
    private const string EluFix = " — remove Alpha to use the default 1, or set a value in range";
    private const string FloatElu = "Alpha of Elu must be positive and at most 3.4028235E+38 (the largest float)";

    [Theory]
    [InlineData("LeakyRelu", "double.NaN", "", "Alpha of LeakyRelu must be in [0, 1); layer 1 of 'Net' sets NaN" + LeakyReluFix)]
    [InlineData("LeakyRelu", "0.0 / 0.0", "", "Alpha of LeakyRelu must be in [0, 1); layer 1 of 'Net' sets NaN" + LeakyReluFix)]
    [InlineData("LeakyRelu", "0.99999999999", "", "Alpha of LeakyRelu must be in [0, 1); layer 1 of 'Net' sets 0.99999999999 (1 as a float)" + LeakyReluFix)]
    [InlineData("LeakyRelu", "double.NegativeInfinity", "", "Alpha of LeakyRelu must be in [0, 1); layer 1 of 'Net' sets -Infinity" + LeakyReluFix)]
    [InlineData("Elu", "double.NaN", "", FloatElu + "; layer 1 of 'Net' sets NaN" + EluFix)]
    [InlineData("Elu", "1e39", "", FloatElu + "; layer 1 of 'Net' sets 1E+39 (Infinity as a float)" + EluFix)]
    [InlineData("Elu", "1e-50", "", FloatElu + "; layer 1 of 'Net' sets 1E-50 (0 as a float)" + EluFix)]
    [InlineData("Elu", "double.MaxValue", "", FloatElu + "; layer 1 of 'Net' sets 1.7976931348623157E+308 (Infinity as a float)" + EluFix)]
    [InlineData("Elu", "-1", "", FloatElu + "; layer 1 of 'Net' sets -1" + EluFix)]
    [InlineData("Elu", "double.NaN", ", Precision = Precision.Double", "Alpha of Elu must be positive and finite; layer 1 of 'Net' sets NaN" + EluFix)]
    [InlineData("Elu", "double.PositiveInfinity", ", Precision = Precision.Double", "Alpha of Elu must be positive and finite; layer 1 of 'Net' sets Infinity" + EluFix)]
    public void UNR010_alpha_that_is_NaN_or_out_of_range_in_the_networks_precision(string activation, string alpha, string network, string message) =>
        DiagnosticAssert.Single($"""
            [Network(2{network})]
            [[|Dense(2, Activation.{activation}, Alpha = {alpha})|]]
            public partial class Net;
            """, "UNR010", DiagnosticSeverity.Error, message);

    [Theory]
    [InlineData("LeakyRelu", "0.99999999999")]
    [InlineData("Elu", "1e39")]
    [InlineData("Elu", "1e-50")]
    public void The_same_alpha_in_a_double_network_is_in_range(string activation, string alpha) =>
        DiagnosticAssert.None($"[Network(2, Precision = Precision.Double)] [Dense(2, Activation.{activation}, Alpha = {alpha})] public partial class Net;");

    [Fact]
    public void UNR009_NaN_written_on_an_activation_without_alpha_is_still_an_alpha() => DiagnosticAssert.Single("""
        [Network(2)]
        [[|Dense(2, Activation.Tanh, Alpha = double.NaN)|]]
        public partial class Net;
        """, "UNR009", DiagnosticSeverity.Warning,
        "Tanh takes no Alpha; layer 1 of 'Net' sets it — remove Alpha, or use LeakyRelu, Elu or PRelu");

    [Fact]
    public void UNR017_a_parameter_count_that_overflows_a_long_is_counted_exactly()
    {
        // Three layers of (2^31) (2^31 - 1) parameters each: their sum, 1.4e19, is past long.MaxValue, and the
        // former long accumulator wrapped to a negative count that passed the check.
        var run = GeneratorRunner.Run("""
            using Unrolled;
            [Network(int.MaxValue)]
            [Dense(int.MaxValue)]
            [Dense(int.MaxValue)]
            [Dense(int.MaxValue)]
            public partial class Net;
            """);
        Assert.Equal(["UNR017", "UNR021"], run.GeneratorDiagnostics.Select(d => d.Id).Order());
        Assert.Equal(
            "'Net' has 13835058048839712768 parameters, more than the 2147483591 one buffer can hold — use fewer or smaller layers",
            DiagnosticAssert.MessageOf(run, "UNR017"));
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void UNR017_a_count_between_the_array_limit_and_int_MaxValue_is_too_many() => DiagnosticAssert.Single("""
        [[|Network(2147483600)|]]
        [Dense(1)]
        public partial class Net;
        """, "UNR017", DiagnosticSeverity.Error,
        "'Net' has 2147483601 parameters, more than the 2147483591 one buffer can hold — use fewer or smaller layers");
}
