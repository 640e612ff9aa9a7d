namespace Unrolled;

/// <summary>Which functions <see cref="ReferenceNetwork{T}"/> computes its activations with.</summary>
public enum ActivationMode
{
    /// <summary>The <see cref="Math"/> and <see cref="MathF"/> functions: what ExactActivations networks compute.</summary>
    Exact = 0,

    /// <summary>
    /// For float networks, the approximations of <see cref="Numerics.FastMath"/> that generated float networks use by
    /// default (sigmoid, tanh, and e^x in ELU, SiLU, softmax; sigmoid in the SiLU and softplus derivatives), so that
    /// the interpreter and generated code compute the same arithmetic. Double networks are exact in both modes.
    /// </summary>
    Fast = 1,
}
