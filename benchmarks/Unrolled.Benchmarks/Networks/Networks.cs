namespace Unrolled.Benchmarks.Networks;

// The benchmarked shapes. Each is written out by the generator at build time; the baselines copy its Parameters.

/// <summary>2-3-2: the circles tutorial's network, sigmoid hidden layer, softmax output, cross-entropy.</summary>
[Network(inputs: 2, Loss = LossFunction.CrossEntropy)]
[Dense(3, Activation.Sigmoid)]
[Dense(2, Activation.Softmax)]
public partial class Net2x3x2;

/// <summary>2-8-8-1 tanh with an identity output and MSE: RTNeural's small benchmark.</summary>
[Network(inputs: 2)]
[Dense(8, Activation.Tanh)]
[Dense(8, Activation.Tanh)]
[Dense(1)]
public partial class Net2x8x8x1Tanh;

/// <summary>2-16-16-2 ReLU with a linear output, MSE.</summary>
[Network(inputs: 2)]
[Dense(16, Activation.Relu)]
[Dense(16, Activation.Relu)]
[Dense(2)]
public partial class Net2x16x16x2Linear;

/// <summary>2-16-16-2 ReLU with a softmax output, cross-entropy.</summary>
[Network(inputs: 2, Loss = LossFunction.CrossEntropy)]
[Dense(16, Activation.Relu)]
[Dense(16, Activation.Relu)]
[Dense(2, Activation.Softmax)]
public partial class Net2x16x16x2Softmax;

/// <summary>64-32-10 ReLU with a softmax output, cross-entropy (digits-sized).</summary>
[Network(inputs: 64, Loss = LossFunction.CrossEntropy)]
[Dense(32, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class Net64x32x10;

/// <summary>64-64-64-10 ReLU with a linear output, MSE: RTNeural's large benchmark.</summary>
[Network(inputs: 64)]
[Dense(64, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(10)]
public partial class Net64x64x64x10;

/// <summary>784-128-10 ReLU with a softmax output, cross-entropy (MNIST-sized).</summary>
[Network(inputs: 784, Loss = LossFunction.CrossEntropy)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class Net784x128x10;

/// <summary>
/// 256-4096-10 ReLU with a linear output, MSE: a wide layer of 1M weights (4 MB), issue 9's check that code size does
/// not grow with width and that such a layer runs optimized code. Benchmarked without the slow baselines.
/// </summary>
[Network(inputs: 256)]
[Dense(4096, Activation.Relu)]
[Dense(10)]
public partial class Net256x4096x10;
