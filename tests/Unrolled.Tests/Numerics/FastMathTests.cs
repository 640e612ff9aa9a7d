using System.Runtime.Intrinsics;
using Unrolled.Numerics;
using Xunit.Abstractions;

namespace Unrolled.Tests.Numerics;

/// <summary>
/// FastMath against double-precision references: the documented ulp bounds over the whole float range, the special
/// values, SIMD lanes equal to the scalar bit for bit, and no allocations.
/// </summary>
public sealed class FastMathTests
{
    private const int Stride = 1 << 12;

    private readonly ITestOutputHelper _output;

    public FastMathTests(ITestOutputHelper output) => _output = output;

    public enum Function
    {
        Exp,
        Tanh,
        Sigmoid,
    }

    public static TheoryData<Function> Functions => new() { Function.Exp, Function.Tanh, Function.Sigmoid };

    [Theory]
    [MemberData(nameof(Functions))]
    public void Error_is_within_the_documented_bound_over_the_whole_float_range(Function function)
    {
        double bound = Bound(function);
        var worst = new Worst();

        // Every 4,096th bit pattern: all exponents, both signs, NaNs and infinities included.
        for (long bits = 0; bits <= uint.MaxValue; bits += Stride)
        {
            worst.Add(function, BitConverter.Int32BitsToSingle(unchecked((int)(uint)bits)));
        }

        // Dense in [-20, 20], where activations live: about 2.6 million points.
        for (float x = -20f; x <= 20f; x += 1f / 65536f)
        {
            worst.Add(function, x);
        }

        // Every 16th float where exp and sigmoid overflow, underflow or go subnormal, and where tanh switches formula.
        foreach ((float from, float to) in new[] { (80f, 90f), (-105f, -80f), (0.5f, 0.75f), (-0.75f, -0.5f) })
        {
            for (int b = BitConverter.SingleToInt32Bits(Math.Min(Math.Abs(from), Math.Abs(to))); b <= BitConverter.SingleToInt32Bits(Math.Max(Math.Abs(from), Math.Abs(to))); b += 16)
            {
                float magnitude = BitConverter.Int32BitsToSingle(b);
                worst.Add(function, from < 0 ? -magnitude : magnitude);
            }
        }

        _output.WriteLine($"{function}: max error {worst.Ulp:F3} ulp at x = {worst.At:R} (bound {bound})");
        Assert.True(worst.Ulp <= bound, $"{function}: {worst.Ulp} ulp at x = {worst.At:R}, more than the documented {bound}.");
        Assert.True(worst.Ulp > 0, "The sweep compared nothing.");
    }

    [Theory]
    [InlineData(0f, 1f)]
    [InlineData(float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity, 0f)]
    [InlineData(88.8f, float.PositiveInfinity)]
    [InlineData(1000f, float.PositiveInfinity)]
    [InlineData(float.MaxValue, float.PositiveInfinity)]
    [InlineData(-104f, 0f)]
    [InlineData(-1000f, 0f)]
    [InlineData(float.MinValue, 0f)]
    [InlineData(1f, 2.71828183f)]
    [InlineData(1e-30f, 1f)]
    [InlineData(-1e-30f, 1f)]
    public void Exp_special_values(float x, float expected) => AssertSame(expected, x, FastMath.Exp);

    [Fact]
    public void Negative_zero_keeps_its_sign_where_the_function_is_odd()
    {
        AssertSame(1f, -0f, FastMath.Exp);
        AssertSame(-0f, -0f, FastMath.Tanh);
        AssertSame(0.5f, -0f, FastMath.Sigmoid);
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(FastMath.Tanh(Vector256.Create(-0f))[3]));
    }

    [Fact]
    public void Exp_is_finite_just_below_overflow_and_subnormal_before_zero()
    {
        Assert.True(float.IsFinite(FastMath.Exp(88.72f)));
        Assert.True(FastMath.Exp(88.72f) > 3.3e38f);
        float tiny = FastMath.Exp(-100f);
        Assert.True(tiny > 0f && tiny < 1.17549435e-38f, $"e^-100 gave {tiny}");
    }

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(float.PositiveInfinity, 1f)]
    [InlineData(float.NegativeInfinity, -1f)]
    [InlineData(9.1f, 1f)]
    [InlineData(-9.1f, -1f)]
    [InlineData(20f, 1f)]
    [InlineData(-20f, -1f)]
    [InlineData(1e30f, 1f)]
    [InlineData(float.MinValue, -1f)]
    [InlineData(1e-40f, 1e-40f)]
    [InlineData(-1e-40f, -1e-40f)]
    public void Tanh_special_values(float x, float expected) => AssertSame(expected, x, FastMath.Tanh);

    [Theory]
    [InlineData(0f, 0.5f)]
    [InlineData(float.PositiveInfinity, 1f)]
    [InlineData(float.NegativeInfinity, 0f)]
    [InlineData(17.4f, 1f)]
    [InlineData(100f, 1f)]
    [InlineData(-104f, 0f)]
    [InlineData(-1e30f, 0f)]
    [InlineData(float.MaxValue, 1f)]
    [InlineData(float.MinValue, 0f)]
    public void Sigmoid_special_values(float x, float expected) => AssertSame(expected, x, FastMath.Sigmoid);

    [Fact]
    public void Tanh_is_odd_and_never_leaves_minus_one_to_one()
    {
        // Every 16th float from 2^-20 to past the clamp at 9.1, and its negation.
        for (int b = BitConverter.SingleToInt32Bits(MathF.ScaleB(1f, -20)); b <= BitConverter.SingleToInt32Bits(10f); b += 16)
        {
            float x = BitConverter.Int32BitsToSingle(b);
            float y = FastMath.Tanh(x);
            Assert.True(y > 0f && y <= 1f, $"tanh({x:R}) = {y:R}");
            Assert.Equal(BitConverter.SingleToInt32Bits(-y), BitConverter.SingleToInt32Bits(FastMath.Tanh(-x)));
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Nan_gives_nan(Function function)
    {
        Assert.True(float.IsNaN(Evaluate(function, float.NaN)));
        Assert.True(float.IsNaN(Evaluate(function, -float.NaN)));
        Assert.True(float.IsNaN(Evaluate(function, BitConverter.Int32BitsToSingle(0x7FC12345))));
        Vector256<float> lanes = Vector256.Create(float.NaN, 1f, float.NaN, -1f, 0f, float.NaN, 5f, -5f);
        Vector256<float> result = function switch
        {
            Function.Exp => FastMath.Exp(lanes),
            Function.Tanh => FastMath.Tanh(lanes),
            _ => FastMath.Sigmoid(lanes),
        };
        for (int k = 0; k < Vector256<float>.Count; k++)
        {
            Assert.Equal(float.IsNaN(lanes[k]), float.IsNaN(result[k]));
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Simd_lanes_equal_the_scalar_bit_for_bit(Function function)
    {
        float[] samples = RandomSamples(1 << 16, seed: 7 + (int)function);
        int compared = 0;
        for (int i = 0; i + Vector512<float>.Count <= samples.Length; i += Vector512<float>.Count)
        {
            ReadOnlySpan<float> chunk = samples.AsSpan(i, Vector512<float>.Count);
            Vector128<float> v128 = Vector128.Create(chunk[..Vector128<float>.Count]);
            Vector256<float> v256 = Vector256.Create(chunk[..Vector256<float>.Count]);
            Vector512<float> v512 = Vector512.Create(chunk);
            (Vector128<float> r128, Vector256<float> r256, Vector512<float> r512) = function switch
            {
                Function.Exp => (FastMath.Exp(v128), FastMath.Exp(v256), FastMath.Exp(v512)),
                Function.Tanh => (FastMath.Tanh(v128), FastMath.Tanh(v256), FastMath.Tanh(v512)),
                _ => (FastMath.Sigmoid(v128), FastMath.Sigmoid(v256), FastMath.Sigmoid(v512)),
            };
            for (int k = 0; k < Vector512<float>.Count; k++)
            {
                float scalar = Evaluate(function, chunk[k]);
                AssertBits(scalar, r512[k], chunk[k], "Vector512");
                if (k < Vector256<float>.Count)
                {
                    AssertBits(scalar, r256[k], chunk[k], "Vector256");
                }

                if (k < Vector128<float>.Count)
                {
                    AssertBits(scalar, r128[k], chunk[k], "Vector128");
                }

                compared++;
            }
        }

        Assert.Equal(samples.Length, compared);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Span_overload_matches_the_scalar_for_every_length_and_in_place(Function function)
    {
        float[] samples = RandomSamples(200, seed: 11);
        float[] destination = new float[samples.Length];
        for (int length = 0; length <= samples.Length; length++)
        {
            ReadOnlySpan<float> x = samples.AsSpan(0, length);
            Span<float> y = destination.AsSpan(0, length);
            EvaluateSpan(function, x, y);
            for (int k = 0; k < length; k++)
            {
                AssertBits(Evaluate(function, x[k]), y[k], x[k], $"span of {length}");
            }
        }

        float[] inPlace = (float[])samples.Clone();
        EvaluateSpan(function, inPlace, inPlace);
        for (int k = 0; k < samples.Length; k++)
        {
            AssertBits(Evaluate(function, samples[k]), inPlace[k], samples[k], "in place");
        }
    }

    [Fact]
    public void Span_overload_rejects_a_destination_of_another_length()
    {
        float[] x = new float[8];
        float[] y = new float[7];
        ArgumentException error = Assert.Throws<ArgumentException>(() => FastMath.Tanh(x, y));
        Assert.Equal("destination", error.ParamName);
    }

    [Fact]
    public void Nothing_is_allocated()
    {
        float[] samples = RandomSamples(1000, seed: 3);
        float[] destination = new float[samples.Length];
        float sink = 0f;
        Vector256<float> lanes = Vector256.Create(0.5f);
        for (int round = 0; round < 2; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            FastMath.Exp(samples, destination);
            FastMath.Tanh(samples, destination);
            FastMath.Sigmoid(samples, destination);
            for (int k = 0; k < samples.Length; k++)
            {
                sink += FastMath.Exp(samples[k]) + FastMath.Tanh(samples[k]) + FastMath.Sigmoid(samples[k]);
            }

            lanes = FastMath.Tanh(FastMath.Sigmoid(FastMath.Exp(lanes)));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (round == 1)
            {
                Assert.Equal(0, allocated);
            }
        }

        Assert.False(float.IsNaN(lanes[0]) && sink == 0f);
    }

    /// <summary>Random bit patterns (a third), uniform in [-110, 110] (a third), uniform in [-1, 1] (a third).</summary>
    private static float[] RandomSamples(int count, int seed)
    {
        var random = new Random(seed);
        float[] samples = new float[count];
        for (int k = 0; k < count; k++)
        {
            samples[k] = (k % 3) switch
            {
                0 => BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31)),
                1 => (random.NextSingle() - 0.5f) * 220f,
                _ => (random.NextSingle() * 2f) - 1f,
            };
        }

        return samples;
    }

    private static double Bound(Function function) => function switch
    {
        Function.Exp => FastMath.ExpMaxUlpError,
        Function.Tanh => FastMath.TanhMaxUlpError,
        _ => FastMath.SigmoidMaxUlpError,
    };

    private static float Evaluate(Function function, float x) => function switch
    {
        Function.Exp => FastMath.Exp(x),
        Function.Tanh => FastMath.Tanh(x),
        _ => FastMath.Sigmoid(x),
    };

    private static void EvaluateSpan(Function function, ReadOnlySpan<float> x, Span<float> y)
    {
        switch (function)
        {
            case Function.Exp:
                FastMath.Exp(x, y);
                break;
            case Function.Tanh:
                FastMath.Tanh(x, y);
                break;
            default:
                FastMath.Sigmoid(x, y);
                break;
        }
    }

    private static double Reference(Function function, double x) => function switch
    {
        Function.Exp => Math.Exp(x),
        Function.Tanh => Math.Tanh(x),
        _ => x < 0 ? Math.Exp(x) / (1 + Math.Exp(x)) : 1 / (1 + Math.Exp(-x)),
    };

    /// <summary>|actual - exact| in ulp of the float nearest the exact value; overflow must match exactly.</summary>
    internal static double UlpError(float actual, double exact)
    {
        if (double.IsNaN(exact) || float.IsNaN(actual))
        {
            return double.IsNaN(exact) && float.IsNaN(actual) ? 0 : double.PositiveInfinity;
        }

        float rounded = (float)exact;
        if (float.IsInfinity(rounded) || float.IsInfinity(actual))
        {
            return actual == rounded ? 0 : double.PositiveInfinity;
        }

        double magnitude = Math.Abs(exact);
        double ulp = magnitude < 1.1754943508222875e-38 ? Math.ScaleB(1.0, -149) : Math.ScaleB(1.0, Math.ILogB(magnitude) - 23);
        return Math.Abs(actual - exact) / ulp;
    }

    private static void AssertSame(float expected, float x, Func<float, float> f)
    {
        float actual = f(x);
        Assert.True(
            BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
            $"f({x:R}) = {actual:R}, expected {expected:R}");
    }

    private static void AssertBits(float scalar, float lane, float x, string where)
    {
        bool same = float.IsNaN(scalar) ? float.IsNaN(lane) : BitConverter.SingleToInt32Bits(scalar) == BitConverter.SingleToInt32Bits(lane);
        Assert.True(same, $"{where}: f({x:R}) lane {lane:R} but scalar {scalar:R}");
    }

    private sealed class Worst
    {
        public double Ulp { get; private set; }

        public float At { get; private set; }

        public void Add(Function function, float x)
        {
            double error = UlpError(Evaluate(function, x), Reference(function, x));
            if (!(error <= Ulp))
            {
                Ulp = error;
                At = x;
            }
        }
    }
}
