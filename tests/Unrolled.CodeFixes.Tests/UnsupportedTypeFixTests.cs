extern alias codefixes;

using codefixes::Unrolled.CodeFixes;
using Unrolled.CodeFixes.Tests.Infrastructure;

namespace Unrolled.CodeFixes.Tests;

public class UnsupportedTypeFixTests
{
    [Fact]
    public Task UNR008_static_class_loses_static() => Fix.VerifyAsync<UnsupportedTypeFix>("""
        [{|#0:Network(2)|}]
        [Dense(1)]
        public static partial class Net;
        """, """
        [Network(2)]
        [Dense(1)]
        public partial class Net;
        """, ["UNR008"]);

    [Fact]
    public Task UNR008_static_as_first_modifier_keeps_the_indentation() => Fix.VerifyAsync<UnsupportedTypeFix>("""
        public partial class Outer
        {
            [{|#0:Network(2)|}]
            [Dense(1)]
            static partial class Net;
        }
        """, """
        public partial class Outer
        {
            [Network(2)]
            [Dense(1)]
            partial class Net;
        }
        """, ["UNR008"]);

    [Theory]
    [InlineData("record")]
    [InlineData("record class")]
    public Task UNR008_record_becomes_a_class(string keyword) => Fix.VerifyAsync<UnsupportedTypeFix>($$"""
        [{|#0:Network(2)|}]
        [Dense(1)]
        public partial {{keyword}} Net
        {
            public string Name => "net";
        }
        """, """
        [Network(2)]
        [Dense(1)]
        public partial class Net
        {
            public string Name => "net";
        }
        """, ["UNR008"]);

    [Fact]
    public Task UNR008_positional_record_gets_no_fix() => Fix.NoneAsync<UnsupportedTypeFix>("""
        [{|#0:Network(2)|}]
        [Dense(1)]
        public partial record Net(string Name);
        """, ["UNR008"]);

    [Fact]
    public Task UNR008_generic_class_gets_no_fix() => Fix.NoneAsync<UnsupportedTypeFix>("""
        [{|#0:Network(2)|}]
        [Dense(1)]
        public partial class Net<T>;
        """, ["UNR008"]);
}
