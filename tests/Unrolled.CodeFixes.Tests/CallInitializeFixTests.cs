extern alias codefixes;

using codefixes::Unrolled.CodeFixes;
using Unrolled.CodeFixes.Tests.Infrastructure;

namespace Unrolled.CodeFixes.Tests;

public class CallInitializeFixTests
{
    [Fact]
    public Task UNR018_starts_the_constructor_with_Initialize() => Fix.VerifyAsync<CallInitializeFix>("""
        [Network(2)]
        [Dense(1)]
        public partial class Net
        {
            private readonly string _name;

            public {|#0:Net|}(string name)
            {
                _name = name;
            }

            public string Name => _name;
        }
        """, """
        [Network(2)]
        [Dense(1)]
        public partial class Net
        {
            private readonly string _name;

            public Net(string name)
            {
                Initialize(0);
                _name = name;
            }

            public string Name => _name;
        }
        """, ["UNR018"]);

    [Fact]
    public Task UNR018_turns_an_expression_body_into_a_block() => Fix.VerifyAsync<CallInitializeFix>("""
        [Network(2)]
        [Dense(1)]
        public partial class Net
        {
            private readonly string _name;

            public {|#0:Net|}(string name) => _name = name;

            public string Name => _name;
        }
        """, """
        [Network(2)]
        [Dense(1)]
        public partial class Net
        {
            private readonly string _name;

            public Net(string name)
            {
                Initialize(0);
                _name = name;
            }

            public string Name => _name;
        }
        """, ["UNR018"]);

    [Fact]
    public Task Fix_All_fixes_every_constructor_and_leaves_chained_ones() => Fix.VerifyAsync<CallInitializeFix>("""
        [Network(2)]
        [Dense(1)]
        public partial class Net
        {
            public {|#0:Net|}() { }

            public Net(int size) : this() { }

            public {|#1:Net|}(string name) { }
        }
        """, """
        [Network(2)]
        [Dense(1)]
        public partial class Net
        {
            public Net()
            {
                Initialize(0);
            }

            public Net(int size) : this() { }

            public Net(string name)
            {
                Initialize(0);
            }
        }
        """, ["UNR018", "UNR018"], iterations: 2);

    [Fact]
    public Task UNR018_on_a_primary_constructor_gets_no_fix() => Fix.NoneAsync<CallInitializeFix>("""
        [Network(2)]
        [Dense(1)]
        public partial class Net{|#0:(int seed)|}
        {
            public int Seed => seed;
        }
        """, ["UNR018"]);
}
