namespace Unrolled.IntegrationTests.Networks;

// Networks whose weights are baked at compile time from files outside the project (paths relative to it), each kind
// through the path a build gives it: .onnx and .unrl through build/Unrolled.targets, .json as it is.

/// <summary>PyTorch's 4 -> 5 ReLU -> 3 softmax (tests/fixtures/onnx), float.</summary>
[Network(4, Loss = LossFunction.CrossEntropy, Weights = "../fixtures/onnx/torch_relu_softmax_opset13.onnx")]
[Dense(5, Activation.Relu)]
[Dense(3, Activation.Softmax)]
public partial class BakedTorchNet;

/// <summary>PyTorch's 4 -> 5 tanh -> 3 softmax exported from float64, double.</summary>
[Network(4, Loss = LossFunction.CrossEntropy, Precision = Precision.Double, Weights = "../fixtures/onnx/torch_double_opset13.onnx")]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class BakedTorchDoubleNet;

/// <summary>2 -> 3 tanh -> 1 from the binary parameter file make_weights.py writes.</summary>
[Network(2, Weights = "../fixtures/weights/regression.unrl")]
[Dense(3, Activation.Tanh)]
[Dense(1)]
public partial class BakedBinaryNet;

/// <summary>The same network from the JSON parameter file with the same values.</summary>
[Network(2, Weights = "../fixtures/weights/regression.json")]
[Dense(3, Activation.Tanh)]
[Dense(1)]
public partial class BakedJsonNet;
