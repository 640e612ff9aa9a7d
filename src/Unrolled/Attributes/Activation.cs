namespace Unrolled;

/// <summary>The function a <see cref="DenseAttribute"/> layer applies to each unit's pre-activation z.</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
public enum Activation
{
    /// <summary>f(z) = z: a linear layer, used for regression outputs.</summary>
    Identity = 0,

    /// <summary>The logistic function f(z) = 1 / (1 + e^-z), in (0, 1).</summary>
    Sigmoid = 1,

    /// <summary>The hyperbolic tangent, in (-1, 1).</summary>
    Tanh = 2,

    /// <summary>The rectified linear unit f(z) = max(z, 0).</summary>
    Relu = 3,

    /// <summary>f(z) = z for z &gt; 0, alpha * z otherwise; alpha is <see cref="DenseAttribute.Alpha"/> (default 0.01).</summary>
    LeakyRelu = 4,

    /// <summary>f(z) = z for z &gt; 0, alpha * (e^z - 1) otherwise; alpha is <see cref="DenseAttribute.Alpha"/> (default 1).</summary>
    Elu = 5,

    /// <summary>f(z) = ln(1 + e^z), a smooth ReLU.</summary>
    Softplus = 6,

    /// <summary>f(z) = z * sigmoid(z), also called swish.</summary>
    Silu = 7,

    /// <summary>
    /// f(z)_k = e^(z_k) / sum_j e^(z_j) over the layer's units. Allowed on any layer; on the last it goes with
    /// <see cref="LossFunction.CrossEntropy"/>, which is computed from its logits.
    /// </summary>
    Softmax = 8,

    /// <summary>
    /// The parametric ReLU, PyTorch's <c>nn.PReLU(num_parameters=units)</c>: f(z_j) = z_j for z_j &gt; 0, slope_j * z_j
    /// otherwise, with one slope per unit learned with the weights. The slopes are parameters (after the layer's bias)
    /// and start at <see cref="DenseAttribute.Alpha"/> (default 0.25).
    /// </summary>
    PRelu = 9,
}
