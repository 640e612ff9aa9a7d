namespace Unrolled.IntegrationTests.Networks;

// Networks declared the way users declare them, compiled by the generator running as an analyzer.

/// <summary>A double network touching every smooth activation, for gradient checks.</summary>
[Network(3, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
[Dense(5, Activation.Elu, Alpha = 0.7)]
[Dense(4, Activation.Silu)]
[Dense(4, Activation.Softplus)]
[Dense(3, Activation.Softmax)]
public partial class SmoothNet;

/// <summary>A double binary classifier with tanh and sigmoid units.</summary>
[Network(4, Loss = LossFunction.BinaryCrossEntropy, Precision = Precision.Double)]
[Dense(6, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
public partial class BinaryNet;

/// <summary>A double regression network with ReLU-family units, written as loops.</summary>
[Network(5, Precision = Precision.Double, Unroll = UnrollMode.Loops)]
[Dense(7, Activation.LeakyRelu, Alpha = 0.1)]
[Dense(6, Activation.Relu)]
[Dense(2)]
public partial class RegressionNet;

/// <summary>The MNIST-sized network: loops, 101,770 parameters inline.</summary>
[Network(784, Loss = LossFunction.CrossEntropy)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class MnistNet;

/// <summary>The same shape in double: 814 KB of parameters, still inline.</summary>
[Network(784, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class MnistDoubleNet;

/// <summary>Parameters past what an inline array can hold (1.6 MB): kept in arrays allocated at construction.</summary>
[Network(784, Loss = LossFunction.CrossEntropy)]
[Dense(512, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
public partial class WideNet;

/// <summary>Nested in a partial class, internal, with a user-declared constructor.</summary>
public static partial class Controllers
{
    [Network(2)]
    [Dense(4, Activation.Tanh)]
    [Dense(1)]
    internal partial class Steering
    {
        public Steering(int seed) => Initialize(seed);
    }
}

/// <summary>
/// A 90,000-unit layer: its generated code is the size of a 900-unit one's (tile loops), and parameters, gradients
/// and trace (4.3 MB, 4.3 MB, 1.1 MB) are arrays allocated at construction.
/// </summary>
[Network(10)]
[Dense(90000, Activation.Tanh)]
[Dense(1)]
public partial class VeryWideNet;

/// <summary>Issue 13's toolbox in one declaration: PReLU, dropout, a hidden softmax and a layer without bias.</summary>
[Network(2, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
[Dense(16, Activation.PRelu, Dropout = 0.25)]
[Dense(8, Activation.Softmax, Bias = false)]
[Dense(2, Activation.Softmax)]
public partial class ToolboxNet;

/// <summary>PReLU and dropout on the output layer of a mean-squared-error network: the mask and the slopes act in Backward.</summary>
#pragma warning disable UNR031 // dropout on the output layer, on purpose: the path under test (and the pragma's own test)
[Network(2, Precision = Precision.Double)]
[Dense(12, Activation.Tanh, Dropout = 0.25)]
[Dense(2, Activation.PRelu, Dropout = 0.5)]
public partial class PReluOutputNet;
#pragma warning restore UNR031
