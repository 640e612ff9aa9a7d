using Unrolled;

/// <summary>The digits network: 64 pixels, 64 ReLU units, 10 softmax outputs.</summary>
[Network(64, Loss = LossFunction.CrossEntropy)]
[Dense(DigitsNet.Hidden, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class DigitsNet
{
    public const int Hidden = 64;
}

/// <summary>The same network with dropout on its hidden layer: Backward drops each hidden unit with probability 0.5.</summary>
[Network(64, Loss = LossFunction.CrossEntropy)]
[Dense(DigitsNet.Hidden, Activation.Relu, Dropout = DigitsDropoutNet.Rate)]
[Dense(10, Activation.Softmax)]
public partial class DigitsDropoutNet
{
    public const double Rate = 0.5;
}
