namespace Unrolled.Numerics;

/// <summary>
/// Fast float activations, scalar and SIMD (<see cref="System.Runtime.Intrinsics.Vector128{T}"/>,
/// <see cref="System.Runtime.Intrinsics.Vector256{T}"/>, <see cref="System.Runtime.Intrinsics.Vector512{T}"/>, and spans):
/// <see cref="Exp(float)"/>, <see cref="Tanh(float)"/> and <see cref="Sigmoid(float)"/>. Exp and sigmoid are range
/// reduction plus a minimax polynomial (the Cephes single-precision coefficients); tanh is a rational function fitted
/// here (no exp, no branch), about half the latency of the exponential form. All use fused multiply-adds.
/// </summary>
/// <remarks>
/// <para>
/// Every function computes each lane with the same operations in the same order as its scalar overload, so a scalar
/// tail after a SIMD loop gives exactly the bits a SIMD lane would have given (on one machine: see below).
/// </para>
/// <para>
/// Accuracy, measured against <see cref="Math.Exp"/> and <see cref="Math.Tanh"/> in double over all 2^32 float inputs
/// (.NET 10, x64 with FMA), in units in the last place (ulp) of the exact result's float exponent (subnormal results
/// use the subnormal ulp, 2^-149): e^x at most 1.0279 ulp (88 inputs above 1 ulp), tanh at most 5.4342 ulp (its worst
/// cases are just below 1, where the quotient's roundings add up; about 12% of inputs above 1 ulp), sigmoid at most
/// 2.4019 ulp. Generated code composes SiLU as z Sigmoid(z): at most 3.09 ulp measured over the same sweep where
/// sigmoid is a normal float, 8e-44 absolute below z ~ -87.3 where it is subnormal; and ELU below zero as
/// alpha (Exp(z) - 1): at most 5.1e-8 absolute, which near 0 is a large relative error, as for the Math formula
/// e^z - 1 that the interpreter uses (tests/Unrolled.Tests/Numerics/ComposedActivationTests.cs). Softplus stays scalar,
/// with the <see cref="MathF"/> functions. Generated networks declared with <c>ExactActivations = true</c> call the
/// <see cref="MathF"/> functions for every activation. The documented bounds <see cref="ExpMaxUlpError"/>, <see cref="TanhMaxUlpError"/> and
/// <see cref="SigmoidMaxUlpError"/> round these up; tests/Unrolled.Tests/Numerics/FastMathTests.cs asserts them over
/// every 4,096th bit pattern, a dense sweep of [-20, 20] and the overflow, underflow and formula-switch regions. The
/// corresponding <see cref="MathF"/> functions are correctly rounded or within 1 ulp, and several times slower per
/// element; <c>TensorPrimitives</c> has comparable vectorized versions for spans only.
/// </para>
/// <para>
/// Special values: ±0, ±Inf and NaN give what the exact function gives (tanh(±0) = ±0, tanh(±Inf) = ±1,
/// sigmoid(-Inf) = 0, e^-Inf = 0, e^+Inf = +Inf, NaN in NaN out); results saturate exactly: tanh is ±1 from |x| = 9.1
/// on (the correctly rounded value is from |x| ~ 9.01), e^x overflows to +Inf above ln(float.MaxValue) and underflows through the subnormals to 0.
/// </para>
/// <para>
/// The multiply-adds go through <see cref="Fused"/>: fused where the code may use FMA (x86 with FMA, Arm64), a * b + c
/// elsewhere (a CPU without FMA, or a NativeAOT build for the default instruction set), all widths and the scalar alike.
/// The bounds above were measured with FMA.
/// </para>
/// </remarks>
public static partial class FastMath
{
    /// <summary>The largest error of every <c>Exp</c> overload, in ulp of the correctly rounded float result.</summary>
    public const double ExpMaxUlpError = 1.03;

    /// <summary>The largest error of every <c>Tanh</c> overload, in ulp of the correctly rounded float result.</summary>
    public const double TanhMaxUlpError = 5.5;

    /// <summary>The largest error of every <c>Sigmoid</c> overload, in ulp of the correctly rounded float result.</summary>
    public const double SigmoidMaxUlpError = 2.41;
}
