using Unrolled;

namespace PackageConsumer;

/// <summary>2 inputs, 3 tanh units, 1 linear output, mean squared error, in float.</summary>
[Network(inputs: 2)]
[Dense(3, Activation.Tanh)]
[Dense(1)]
public partial class SmokeNet;

/// <summary>The same network in double.</summary>
[Network(inputs: 2, Precision = Precision.Double)]
[Dense(3, Activation.Tanh)]
[Dense(1, Activation.Identity)]
public partial class SmokeNetDouble;

/// <summary>PyTorch's 4 -> 5 ReLU -> 3 softmax, its weights baked from models/policy.onnx at compile time.</summary>
[Network(inputs: 4, Loss = LossFunction.CrossEntropy, Weights = "models/policy.onnx")]
[Dense(5, Activation.Relu)]
[Dense(3, Activation.Softmax)]
public partial class PolicyNet;
