extern alias codefixes;

using codefixes::Unrolled.CodeFixes;
using Unrolled.CodeFixes.Tests.Infrastructure;

namespace Unrolled.CodeFixes.Tests;

public class MakePartialFixTests
{
    [Fact]
    public Task UNR001_adds_partial_to_a_class_without_modifiers() => Fix.VerifyAsync<MakePartialFix>("""
        [{|#0:Network(2)|}]
        [Dense(1)]
        class Net;
        """, """
        [Network(2)]
        [Dense(1)]
        partial class Net;
        """, ["UNR001"]);

    [Fact]
    public Task UNR001_puts_partial_after_the_other_modifiers_and_keeps_comments() => Fix.VerifyAsync<MakePartialFix>("""
        /// <summary>Classifies points.</summary>
        [{|#0:Network(2)|}] // two coordinates
        [Dense(1)]
        public sealed class Net
        {
        }
        """, """
        /// <summary>Classifies points.</summary>
        [Network(2)] // two coordinates
        [Dense(1)]
        public sealed partial class Net
        {
        }
        """, ["UNR001"]);

    [Fact]
    public Task UNR008_makes_every_enclosing_type_partial() => Fix.VerifyAsync<MakePartialFix>("""
        public class Outer
        {
            internal struct Middle
            {
                [{|#0:Network(2)|}]
                [Dense(1)]
                public partial class Net;
            }
        }
        """, """
        public partial class Outer
        {
            internal partial struct Middle
            {
                [Network(2)]
                [Dense(1)]
                public partial class Net;
            }
        }
        """, ["UNR008"]);

    [Fact]
    public Task UNR001_and_UNR008_on_one_class_come_right_in_one_Fix_All() => Fix.VerifyAsync<MakePartialFix>("""
        public static class Networks
        {
            [{|#0:{|#1:Network(2)|}|}]
            [Dense(1)]
            public class Net;
        }
        """, """
        public static partial class Networks
        {
            [Network(2)]
            [Dense(1)]
            public partial class Net;
        }
        """, ["UNR001", "UNR008"], iterations: 2);

    [Fact]
    public Task Fix_All_makes_every_network_of_the_document_partial() => Fix.VerifyAsync<MakePartialFix>("""
        [{|#0:Network(2)|}]
        [Dense(1)]
        public class First;

        [{|#1:Network(3)|}]
        [Dense(2, Activation.Tanh)]
        internal class Second;
        """, """
        [Network(2)]
        [Dense(1)]
        public partial class First;

        [Network(3)]
        [Dense(2, Activation.Tanh)]
        internal partial class Second;
        """, ["UNR001", "UNR001"], iterations: 2);

    [Fact]
    public Task UNR008_nested_in_a_generic_type_gets_no_fix() => Fix.NoneAsync<MakePartialFix>("""
        public partial class Outer<T>
        {
            [{|#0:Network(2)|}]
            [Dense(1)]
            public partial class Net;
        }
        """, ["UNR008"]);
}
