using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using Unrolled.Numerics;

namespace Unrolled.Tests.Numerics;

/// <summary>Fused rounds once where the code may use FMA and twice elsewhere, for every width alike (never emulated).</summary>
public class FusedTests
{
    // 1 + 2^-23 squared is 1 + 2^-22 + 2^-46: minus (1 + 2^-22), the single rounding keeps 2^-46, two roundings lose it.
    private const float A = 1f + (1f / (1 << 23));
    private static readonly float C = -(1f + (1f / (1 << 22)));

    [Fact]
    public void Scalar_and_vectors_round_alike_as_the_hardware_allows()
    {
        bool fused = Fma.IsSupported || AdvSimd.IsSupported;
        float expected = fused ? MathF.Pow(2, -46) : 0f;
        Assert.Equal(expected, Fused.MultiplyAdd(A, A, C));
        Assert.Equal(expected, Fused.MultiplyAdd(Vector128.Create(A), Vector128.Create(A), Vector128.Create(C)).GetElement(3));
        Assert.Equal(expected, Fused.MultiplyAdd(Vector256.Create(A), Vector256.Create(A), Vector256.Create(C)).GetElement(7));
        Assert.Equal(expected, Fused.MultiplyAdd(Vector512.Create(A), Vector512.Create(A), Vector512.Create(C)).GetElement(15));
    }

    [Fact]
    public void The_interpreter_rounds_as_generated_code_does()
    {
        var network = new ReferenceNetwork<float>(new NetworkSpec(1, [new LayerSpec(1)]));
        network.Parameters[0] = A;
        network.Parameters[1] = C;
        float[] y = new float[1];
        network.Forward([A], y);
        Assert.Equal(Fused.MultiplyAdd(A, A, C), y[0]);
    }
}
