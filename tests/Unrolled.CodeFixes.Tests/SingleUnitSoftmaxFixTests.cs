extern alias codefixes;

using codefixes::Unrolled.CodeFixes;
using Unrolled.CodeFixes.Tests.Infrastructure;

namespace Unrolled.CodeFixes.Tests;

public class SingleUnitSoftmaxFixTests
{
    [Fact]
    public Task UNR019_under_cross_entropy_becomes_sigmoid_and_binary_cross_entropy() => Fix.VerifyAsync<SingleUnitSoftmaxFix>("""
        [Network(2, Loss = LossFunction.CrossEntropy)]
        [Dense(4, Activation.Relu)]
        [{|#0:Dense(1, Activation.Softmax)|}]
        public partial class Net;
        """, """
        [Network(2, Loss = LossFunction.BinaryCrossEntropy)]
        [Dense(4, Activation.Relu)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """, ["UNR019"]);

    [Fact]
    public Task UNR019_under_mean_squared_error_becomes_sigmoid() => Fix.VerifyAsync<SingleUnitSoftmaxFix>("""
        [Network(2)]
        [{|#0:Dense(1, Activation.Softmax)|}]
        public partial class Net;
        """, """
        [Network(2)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """, ["UNR019"]);
}
