extern alias codefixes;

using codefixes::Unrolled.CodeFixes;
using Unrolled.CodeFixes.Tests.Infrastructure;

namespace Unrolled.CodeFixes.Tests;

public class RemoveArgumentFixTests
{
    [Fact]
    public Task UNR009_removes_an_alpha_the_activation_ignores() => Fix.VerifyAsync<RemoveArgumentFix>("""
        [Network(2)]
        [{|#0:Dense(2, Activation.Relu, Alpha = 0.5)|}]
        public partial class Net;
        """, """
        [Network(2)]
        [Dense(2, Activation.Relu)]
        public partial class Net;
        """, ["UNR009"]);

    [Theory]
    [InlineData("LeakyRelu", "1.5")]
    [InlineData("LeakyRelu", "double.NaN")]
    [InlineData("LeakyRelu", "0.99999999999")]
    [InlineData("Elu", "1e39")]
    [InlineData("Elu", "-1")]
    public Task UNR010_removes_an_alpha_out_of_range_so_the_default_applies(string activation, string alpha) => Fix.VerifyAsync<RemoveArgumentFix>($$"""
        [Network(2)]
        [{|#0:Dense(3, Activation.{{activation}}, Alpha = {{alpha}})|}]
        [Dense(1)]
        public partial class Net;
        """, $$"""
        [Network(2)]
        [Dense(3, Activation.{{activation}})]
        [Dense(1)]
        public partial class Net;
        """, ["UNR010"]);

    [Fact]
    public Task Fix_All_removes_every_ignored_alpha() => Fix.VerifyAsync<RemoveArgumentFix>("""
        [Network(2)]
        [{|#0:Dense(8, Activation.Tanh, Alpha = 0.1)|}]
        [Dense(8, Activation.LeakyRelu, Alpha = 0.2)]
        [{|#1:Dense(1, Activation.Sigmoid, Alpha = 0.3)|}]
        public partial class Net;
        """, """
        [Network(2)]
        [Dense(8, Activation.Tanh)]
        [Dense(8, Activation.LeakyRelu, Alpha = 0.2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """, ["UNR009", "UNR009"], iterations: 2);

    [Theory]
    [InlineData("Precision = Precision.Double, ExactActivations = true", "Precision = Precision.Double")]
    [InlineData("ExactActivations = true, Precision = Precision.Double", "Precision = Precision.Double")]
    public Task UNR020_removes_exact_activations_where_nothing_is_approximated(string before, string after) => Fix.VerifyAsync<RemoveArgumentFix>($$"""
        [{|#0:Network(2, {{before}})|}]
        [Dense(2, Activation.Tanh)]
        public partial class Net;
        """, $$"""
        [Network(2, {{after}})]
        [Dense(2, Activation.Tanh)]
        public partial class Net;
        """, ["UNR020"]);

    [Fact]
    public Task UNR020_as_the_only_named_argument() => Fix.VerifyAsync<RemoveArgumentFix>("""
        [{|#0:Network(2, ExactActivations = true)|}]
        [Dense(2, Activation.Relu)]
        public partial class Net;
        """, """
        [Network(2)]
        [Dense(2, Activation.Relu)]
        public partial class Net;
        """, ["UNR020"]);
}
