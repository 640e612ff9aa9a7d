extern alias codefixes;

using codefixes::Unrolled.CodeFixes;
using Unrolled.CodeFixes.Tests.Infrastructure;

namespace Unrolled.CodeFixes.Tests;

/// <summary>UNR006 offers two fixes, told apart by their equivalence keys.</summary>
public class LossOutputFixTests
{
    private const string ChangeActivation = "Unrolled.OutputActivationForLoss";
    private const string ChangeLoss = "Unrolled.LossForOutputActivation";

    [Fact]
    public Task Cross_entropy_makes_the_last_layer_softmax() => Fix.VerifyAsync<LossOutputFix>("""
        [{|#0:Network(2, Loss = LossFunction.CrossEntropy)|}]
        [Dense(4, Activation.Tanh)]
        [Dense(2, Activation.Sigmoid)]
        public partial class Net;
        """, """
        [Network(2, Loss = LossFunction.CrossEntropy)]
        [Dense(4, Activation.Tanh)]
        [Dense(2, Activation.Softmax)]
        public partial class Net;
        """, ["UNR006"], ChangeActivation);

    [Fact]
    public Task Or_the_loss_becomes_the_one_a_sigmoid_output_fits() => Fix.VerifyAsync<LossOutputFix>("""
        [{|#0:Network(2, Loss = LossFunction.CrossEntropy)|}]
        [Dense(2, Activation.Sigmoid)]
        public partial class Net;
        """, """
        [Network(2, Loss = LossFunction.BinaryCrossEntropy)]
        [Dense(2, Activation.Sigmoid)]
        public partial class Net;
        """, ["UNR006"], ChangeLoss);

    [Fact]
    public Task Binary_cross_entropy_adds_sigmoid_to_a_layer_that_gives_no_activation() => Fix.VerifyAsync<LossOutputFix>("""
        [{|#0:Network(2, Loss = LossFunction.BinaryCrossEntropy)|}]
        [Dense(1)]
        public partial class Net;
        """, """
        [Network(2, Loss = LossFunction.BinaryCrossEntropy)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """, ["UNR006"], ChangeActivation);

    [Fact]
    public Task Or_an_identity_output_goes_with_mean_squared_error() => Fix.VerifyAsync<LossOutputFix>("""
        [{|#0:Network(2, Precision = Precision.Double, Loss = LossFunction.BinaryCrossEntropy)|}]
        [Dense(1)]
        public partial class Net;
        """, """
        [Network(2, Precision = Precision.Double, Loss = LossFunction.MeanSquaredError)]
        [Dense(1)]
        public partial class Net;
        """, ["UNR006"], ChangeLoss);

    [Fact]
    public Task The_new_activation_drops_an_alpha_it_would_ignore() => Fix.VerifyAsync<LossOutputFix>("""
        [{|#0:Network(2, Loss = LossFunction.CrossEntropy)|}]
        [Dense(3, Activation.LeakyRelu, Alpha = 0.2)]
        public partial class Net;
        """, """
        [Network(2, Loss = LossFunction.CrossEntropy)]
        [Dense(3, Activation.Softmax)]
        public partial class Net;
        """, ["UNR006"], ChangeActivation);

    [Fact]
    public Task Named_arguments_stay_named() => Fix.VerifyAsync<LossOutputFix>("""
        [{|#0:Network(inputs: 2, Loss = LossFunction.CrossEntropy)|}]
        [Dense(units: 3)]
        public partial class Net;
        """, """
        [Network(inputs: 2, Loss = LossFunction.CrossEntropy)]
        [Dense(units: 3, activation: Activation.Softmax)]
        public partial class Net;
        """, ["UNR006"], ChangeActivation);

    [Fact]
    public Task A_qualified_activation_is_replaced_in_place() => Fix.VerifyAsync<LossOutputFix>("""
        [{|#0:Network(2, Loss = LossFunction.CrossEntropy)|}]
        [Dense(units: 3, activation: Unrolled.Activation.Tanh)]
        public partial class Net;
        """, """
        [Network(2, Loss = LossFunction.CrossEntropy)]
        [Dense(units: 3, activation: Activation.Softmax)]
        public partial class Net;
        """, ["UNR006"], ChangeActivation);

    [Fact]
    public Task Softmax_over_a_single_unit_is_not_offered() => Fix.NoneAsync<LossOutputFix>("""
        [{|#0:Network(2, Loss = LossFunction.CrossEntropy)|}]
        [Dense(1, Activation.Sigmoid)]
        public partial class Net;
        """, ["UNR006"], ChangeActivation);

    [Fact]
    public Task Fix_All_applies_the_chosen_fix_to_every_network() => Fix.VerifyAsync<LossOutputFix>("""
        [{|#0:Network(2, Loss = LossFunction.CrossEntropy)|}]
        [Dense(2, Activation.Sigmoid)]
        public partial class First;

        [{|#1:Network(2, Loss = LossFunction.BinaryCrossEntropy)|}]
        [Dense(3, Activation.Softmax)]
        public partial class Second;
        """, """
        [Network(2, Loss = LossFunction.CrossEntropy)]
        [Dense(2, Activation.Softmax)]
        public partial class First;

        [Network(2, Loss = LossFunction.BinaryCrossEntropy)]
        [Dense(3, Activation.Sigmoid)]
        public partial class Second;
        """, ["UNR006", "UNR006"], ChangeActivation, iterations: 2);
}
