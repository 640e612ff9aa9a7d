extern alias codefixes;

using codefixes::Unrolled.CodeFixes;
using Unrolled.CodeFixes.Tests.Infrastructure;

namespace Unrolled.CodeFixes.Tests;

public class AddNetworkAttributeFixTests
{
    [Fact]
    public Task UNR012_adds_network_with_a_placeholder_above_the_first_layer() => Fix.VerifyAsync<AddNetworkAttributeFix>("""
        [{|#0:Dense(4, Activation.Relu)|}]
        [Dense(1)]
        public partial class Net;
        """, """
        [Network(inputs: 1 /* TODO: inputs per sample */)]
        [Dense(4, Activation.Relu)]
        [Dense(1)]
        public partial class Net;
        """, ["UNR012"]);

    [Fact]
    public Task UNR012_keeps_the_comments_and_indentation_above_the_layers() => Fix.VerifyAsync<AddNetworkAttributeFix>("""
        public partial class Host
        {
            /// <summary>A regressor.</summary>
            [System.Obsolete("use the new one"), {|#0:Dense(4, Activation.Tanh)|}]
            [Dense(1)]
            internal partial class Net;
        }
        """, """
        public partial class Host
        {
            /// <summary>A regressor.</summary>
            [Network(inputs: 1 /* TODO: inputs per sample */)]
            [System.Obsolete("use the new one"), Dense(4, Activation.Tanh)]
            [Dense(1)]
            internal partial class Net;
        }
        """, ["UNR012"]);

    [Theory]
    [InlineData("Unrolled.Dense", "Unrolled.Network")]
    [InlineData("DenseAttribute", "NetworkAttribute")]
    [InlineData("global::Unrolled.DenseAttribute", "global::Unrolled.NetworkAttribute")]
    public Task UNR012_names_network_as_the_layers_are_named(string dense, string network) => Fix.VerifyAsync<AddNetworkAttributeFix>($$"""
        [{|#0:{{dense}}(1)|}]
        public partial class Net;
        """, $$"""
        [{{network}}(inputs: 1 /* TODO: inputs per sample */)]
        [{{dense}}(1)]
        public partial class Net;
        """, ["UNR012"]);
}
