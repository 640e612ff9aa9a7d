namespace Unrolled.Tests.Spec;

/// <summary>
/// The runtime rejects what the generator rejects, with the same words: each hostile value here has a twin
/// declaration in the generator's tests (RuntimeAgreementTests compares the two messages directly).
/// </summary>
public class NetworkSpecValidationTests
{
    private static readonly LayerSpec[] One = [new LayerSpec(1)];

    public static TheoryData<string, Func<NetworkSpec>, string, string> Rejected => new()
    {
        { "zero inputs", () => new NetworkSpec(0, One), "inputs", "'network' declares 0 inputs; the input count must be positive — declare at least 1 input" },
        { "int.MinValue inputs", () => new NetworkSpec(int.MinValue, One), "inputs", "'network' declares -2147483648 inputs; the input count must be positive — declare at least 1 input" },
        { "no layer", () => new NetworkSpec(2, []), "layers", "'network' declares no layer — add at least one [Dense(units, activation)] attribute to it" },
        { "zero units", () => new NetworkSpec(2, [new LayerSpec(0)]), "layers", "Layer 1 of 'network' declares 0 units; a layer needs at least 1 unit — declare a positive unit count" },
        { "negative units", () => new NetworkSpec(2, [new LayerSpec(4), new LayerSpec(-3)]), "layers", "Layer 2 of 'network' declares -3 units; a layer needs at least 1 unit — declare a positive unit count" },
        { "unknown activation", () => new NetworkSpec(2, [new LayerSpec(1, (Activation)42)]), "layers", "The activation of layer 1 of 'network' is 42, which is not a named Activation — use one of Identity, Sigmoid, Tanh, Relu, LeakyRelu, Elu, Softplus, Silu, Softmax, PRelu" },
        { "negative activation", () => new NetworkSpec(2, [new LayerSpec(1, (Activation)(-1))]), "layers", "The activation of layer 1 of 'network' is -1, which is not a named Activation — use one of Identity, Sigmoid, Tanh, Relu, LeakyRelu, Elu, Softplus, Silu, Softmax, PRelu" },
        { "unknown loss", () => new NetworkSpec(2, One, (LossFunction)7), "loss", "Loss of 'network' is 7, which is not a named LossFunction — use one of MeanSquaredError, CrossEntropy, BinaryCrossEntropy" },
        { "unknown precision", () => new NetworkSpec(2, One, precision: (Precision)9), "precision", "Precision of 'network' is 9, which is not a named Precision — use one of Single, Double" },
        { "dropout of 1", () => Dropout(1), "layers", "Dropout is the probability of dropping each output of a layer during training and must be in [0, 1); layer 1 of 'network' sets 1 — set a value in [0, 1), or remove Dropout for none" },
        { "negative dropout", () => Dropout(-0.25), "layers", "Dropout is the probability of dropping each output of a layer during training and must be in [0, 1); layer 1 of 'network' sets -0.25 — set a value in [0, 1), or remove Dropout for none" },
        { "NaN dropout", () => Dropout(double.NaN), "layers", "Dropout is the probability of dropping each output of a layer during training and must be in [0, 1); layer 1 of 'network' sets NaN — set a value in [0, 1), or remove Dropout for none" },
        { "+infinity dropout", () => Dropout(double.PositiveInfinity), "layers", "Dropout is the probability of dropping each output of a layer during training and must be in [0, 1); layer 1 of 'network' sets Infinity — set a value in [0, 1), or remove Dropout for none" },
        { "prelu slope +infinity", () => Alpha(Activation.PRelu, double.PositiveInfinity), "layers", "Alpha of PRelu must be a finite float; layer 1 of 'network' sets Infinity — remove Alpha to use the default 0.25, or set a value in range" },
        { "prelu slope beyond float", () => Alpha(Activation.PRelu, -1e39), "layers", "Alpha of PRelu must be a finite float; layer 1 of 'network' sets -1E+39 (-Infinity as a float) — remove Alpha to use the default 0.25, or set a value in range" },
        { "cross-entropy on sigmoid", () => new NetworkSpec(2, [new LayerSpec(2, Activation.Sigmoid)], LossFunction.CrossEntropy), "layers", "CrossEntropy needs a Softmax output layer, but the last layer of 'network' uses Sigmoid — make it Softmax, or use BinaryCrossEntropy, which fits Sigmoid" },
        { "binary cross-entropy on identity", () => new NetworkSpec(2, One, LossFunction.BinaryCrossEntropy), "layers", "BinaryCrossEntropy needs a Sigmoid output layer, but the last layer of 'network' uses Identity — make it Sigmoid, or use MeanSquaredError, which fits Identity" },
        { "leaky slope 1.5", () => Alpha(Activation.LeakyRelu, 1.5), "layers", "Alpha of LeakyRelu must be in [0, 1); layer 1 of 'network' sets 1.5 — remove Alpha to use the default 0.01, or set a value in range" },
        { "leaky slope +infinity", () => Alpha(Activation.LeakyRelu, double.PositiveInfinity), "layers", "Alpha of LeakyRelu must be in [0, 1); layer 1 of 'network' sets Infinity — remove Alpha to use the default 0.01, or set a value in range" },
        { "leaky slope rounding to 1 as a float", () => Alpha(Activation.LeakyRelu, 0.99999999999), "layers", "Alpha of LeakyRelu must be in [0, 1); layer 1 of 'network' sets 0.99999999999 (1 as a float) — remove Alpha to use the default 0.01, or set a value in range" },
        { "elu alpha 0", () => Alpha(Activation.Elu, 0), "layers", "Alpha of Elu must be positive and at most 3.4028235E+38 (the largest float); layer 1 of 'network' sets 0 — remove Alpha to use the default 1, or set a value in range" },
        { "elu alpha -infinity", () => Alpha(Activation.Elu, double.NegativeInfinity), "layers", "Alpha of Elu must be positive and at most 3.4028235E+38 (the largest float); layer 1 of 'network' sets -Infinity — remove Alpha to use the default 1, or set a value in range" },
        { "elu alpha beyond float", () => Alpha(Activation.Elu, 1e39), "layers", "Alpha of Elu must be positive and at most 3.4028235E+38 (the largest float); layer 1 of 'network' sets 1E+39 (Infinity as a float) — remove Alpha to use the default 1, or set a value in range" },
        { "elu alpha +infinity in double", () => Alpha(Activation.Elu, double.PositiveInfinity, Precision.Double), "layers", "Alpha of Elu must be positive and finite; layer 1 of 'network' sets Infinity — remove Alpha to use the default 1, or set a value in range" },
        { "parameters past long.MaxValue", () => new NetworkSpec(int.MaxValue, [new LayerSpec(int.MaxValue), new LayerSpec(int.MaxValue), new LayerSpec(int.MaxValue)]), "layers", "'network' has 13835058048839712768 parameters, more than the 2147483591 one buffer can hold — use fewer or smaller layers" },
        { "parameters past Array.MaxLength", () => new NetworkSpec(2147483600, One), "layers", "'network' has 2147483601 parameters, more than the 2147483591 one buffer can hold — use fewer or smaller layers" },
        { "units past a third of Array.MaxLength", () => new NetworkSpec(1, [new LayerSpec(1000000000)]), "layers", "'network' has 1000000000 units in all, and a sample needs 3 values per unit (3000000000), more than the 2147483591 one buffer can hold — use fewer or smaller layers" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void The_constructor_rejects_the_declaration_with_the_generators_words(string description, Func<NetworkSpec> create, string parameter, string message)
    {
        var error = Assert.Throws<ArgumentException>(create);
        Assert.Equal(parameter, error.ParamName);
        Assert.True(new ArgumentException(message, parameter).Message == error.Message, $"{description}: {error.Message}");
    }

    [Theory]
    [InlineData(Activation.LeakyRelu, 0.99999999999)]
    [InlineData(Activation.Elu, 1e39)]
    [InlineData(Activation.Elu, double.MaxValue)]
    public void A_double_network_takes_an_alpha_that_a_float_cannot_hold(Activation activation, double alpha) =>
        Assert.Equal(alpha, Alpha(activation, alpha, Precision.Double).Layers[0].Alpha);

    [Fact]
    public void NaN_alpha_stands_for_the_default_at_run_time() =>
        Assert.Equal(LayerSpec.DefaultLeakyReluAlpha, Alpha(Activation.LeakyRelu, double.NaN).Layers[0].Alpha);

    [Fact]
    public void Softmax_is_allowed_on_a_hidden_layer()
    {
        var spec = new NetworkSpec(2, [new LayerSpec(3, Activation.Softmax), new LayerSpec(2, Activation.Softmax)], LossFunction.CrossEntropy);
        Assert.Equal(Activation.Softmax, spec.Layers[0].Activation);
        Assert.Empty(SpecRules.Validate("Net", 2, [3, 2], [Activation.Softmax, Activation.Softmax], [double.NaN, double.NaN], LossFunction.CrossEntropy));
    }

    [Fact]
    public void Dropout_on_the_output_layer_is_a_warning_and_builds()
    {
        var problem = Assert.Single(SpecRules.Validate("Net", 2, [3, 1], [Activation.Relu, Activation.Identity], [double.NaN, double.NaN],
            LossFunction.MeanSquaredError, dropouts: [0.2, 0.5]));
        Assert.Equal((SpecRule.DropoutOnOutputLayer, 2, true), (problem.Rule, problem.Layer, problem.IsWarning));
        Assert.Equal(0.5, new NetworkSpec(2, [new LayerSpec(3, Activation.Relu, dropout: 0.2), new LayerSpec(1, dropout: 0.5)]).Layers[1].Dropout);
    }

    [Theory]
    [InlineData(-2.0)]
    [InlineData(0.0)]
    [InlineData(7.5)]
    [InlineData(double.NaN)]
    public void PRelu_takes_any_finite_initial_slope_and_NaN_is_the_default(double alpha) =>
        Assert.Equal(double.IsNaN(alpha) ? LayerSpec.DefaultPReluAlpha : alpha, Alpha(Activation.PRelu, alpha).Layers[0].Alpha);

    [Fact]
    public void Warnings_do_not_throw_softmax_over_a_single_unit_builds() =>
        Assert.Equal(1, new NetworkSpec(2, [new LayerSpec(1, Activation.Softmax)], LossFunction.CrossEntropy).Outputs);

    [Fact]
    public void The_problem_keeps_its_format_and_arguments()
    {
        var problem = Assert.Single(SpecRules.Validate("Net", 0, [1], [Activation.Identity], [double.NaN], LossFunction.MeanSquaredError));
        Assert.Equal(SpecMessages.InputsNotPositive, problem.Format);
        Assert.Equal(["Net", "0"], problem.Arguments);
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, problem.Format, problem.Arguments.ToArray<object>()), problem.Message);
    }

    private static NetworkSpec Dropout(double dropout) => new(2, [new LayerSpec(3, Activation.Relu, dropout: dropout), new LayerSpec(1)]);

    private static NetworkSpec Alpha(Activation activation, double alpha, Precision precision = Precision.Single) =>
        new(2, [new LayerSpec(1, activation, alpha)], precision: precision);
}
