namespace Unrolled.IntegrationTests.Networks;

/// <summary>The circles tutorial's network: 2 inputs, 3 logistic hidden units, 2 softmax outputs.</summary>
[Network(inputs: 2, Loss = LossFunction.CrossEntropy)]
[Dense(3, Activation.Sigmoid)]
[Dense(2, Activation.Softmax)]
public partial class CirclesNet;
