using Unrolled.Numerics;
using Xunit.Abstractions;

namespace Unrolled.Tests.Numerics;

/// <summary>
/// Generated float networks compose SiLU and ELU from FastMath (scalar overloads give a SIMD lane's bits): SiLU as
/// z * Sigmoid(z), ELU below zero as alpha (Exp(z) - 1). Their errors against the double-precision formulas, over the
/// same sweep as the FastMath functions, stay within the bounds documented in FastMath's remarks.
/// </summary>
public sealed class ComposedActivationTests(ITestOutputHelper output)
{
    /// <summary>SiLU where sigmoid is a normal float: sigmoid's error plus the product's rounding.</summary>
    private const double SiluMaxUlpError = 3.5;

    /// <summary>
    /// SiLU below z ~ -87.3, where sigmoid itself is subnormal and has few significant bits: the bound is absolute.
    /// </summary>
    private const double SiluSubnormalMaxAbsoluteError = 2e-43;

    /// <summary>ELU below zero, absolute (e^z - 1 cancels near 0, as in the Math formula and the interpreter).</summary>
    private const double EluMaxAbsoluteError = 6e-8;

    [Fact]
    public void Silu_is_within_its_bounds_over_the_whole_float_range()
    {
        double worst = 0, worstSubnormal = 0;
        float at = 0, atSubnormal = 0;
        foreach (float z in Sweep())
        {
            double exact = z / (1.0 + Math.Exp(-(double)z));
            float actual = z * FastMath.Sigmoid(z);
            double sigmoid = exact / z;
            if (sigmoid < 1.1754943508222875e-38)
            {
                double absolute = Math.Abs(actual - exact);
                if (absolute > worstSubnormal)
                {
                    worstSubnormal = absolute;
                    atSubnormal = z;
                }

                continue;
            }

            double error = FastMathTests.UlpError(actual, exact);
            if (!(error <= worst))
            {
                worst = error;
                at = z;
            }
        }

        output.WriteLine($"silu: max error {worst:F3} ulp at z = {at:R}; where sigmoid is subnormal: {worstSubnormal:E2} at z = {atSubnormal:R}");
        Assert.True(worst <= SiluMaxUlpError, $"silu: {worst} ulp at {at:R}");
        Assert.True(worstSubnormal <= SiluSubnormalMaxAbsoluteError, $"silu: {worstSubnormal} at {atSubnormal:R}");
    }

    [Fact]
    public void Elu_below_zero_is_within_its_absolute_bound()
    {
        double worst = 0;
        float at = 0;
        foreach (float z in Sweep())
        {
            if (!(z <= 0f))
            {
                continue;
            }

            double error = Math.Abs((FastMath.Exp(z) - 1f) - (Math.Exp(z) - 1.0));
            if (error > worst)
            {
                worst = error;
                at = z;
            }
        }

        output.WriteLine($"elu: max absolute error {worst:E3} at z = {at:R}");
        Assert.True(worst <= EluMaxAbsoluteError, $"elu: {worst} at {at:R}");
        Assert.Equal(-1f, FastMath.Exp(float.NegativeInfinity) - 1f);
        Assert.Equal(0f, FastMath.Exp(-0f) - 1f);
    }

    /// <summary>Every 4,096th bit pattern (all exponents, both signs, NaN and infinities) and a dense [-20, 20].</summary>
    private static IEnumerable<float> Sweep()
    {
        for (long bits = 0; bits <= uint.MaxValue; bits += 1 << 12)
        {
            yield return BitConverter.Int32BitsToSingle(unchecked((int)(uint)bits));
        }

        for (float z = -20f; z <= 20f; z += 1f / 65536f)
        {
            yield return z;
        }
    }
}
