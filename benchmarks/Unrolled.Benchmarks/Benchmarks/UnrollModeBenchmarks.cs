using BenchmarkDotNet.Attributes;

namespace Unrolled.Benchmarks;

// How UnrollMode.Auto's crossover was chosen: the same shapes written as scalar statements (Full) and as SIMD code
// (Loops). Auto writes a layer as scalar statements while it has fewer units than one 256-bit vector holds.

/// <summary>4-6-6-3: every layer narrower than a 256-bit vector (Auto writes it all as scalar statements).</summary>
[Network(4, Unroll = UnrollMode.Full)]
[Dense(6, Activation.Relu)]
[Dense(6, Activation.Relu)]
[Dense(3)]
public partial class Narrow_Full;

/// <summary>4-6-6-3 written as SIMD code.</summary>
[Network(4, Unroll = UnrollMode.Loops)]
[Dense(6, Activation.Relu)]
[Dense(6, Activation.Relu)]
[Dense(3)]
public partial class Narrow_Loops;

/// <summary>2-16-16-2: hidden layers of two 256-bit vectors (Auto writes them as SIMD code).</summary>
[Network(2, Unroll = UnrollMode.Full)]
[Dense(16, Activation.Relu)]
[Dense(16, Activation.Relu)]
[Dense(2)]
public partial class Wide_Full;

/// <summary>2-16-16-2 written as SIMD code.</summary>
[Network(2, Unroll = UnrollMode.Loops)]
[Dense(16, Activation.Relu)]
[Dense(16, Activation.Relu)]
[Dense(2)]
public partial class Wide_Loops;

/// <summary>Single-sample forward of each shape in each mode.</summary>
[MemoryDiagnoser]
public class UnrollModeBenchmarks
{
    private readonly Narrow_Full _narrowFull = new();
    private readonly Narrow_Loops _narrowLoops = new();
    private readonly Wide_Full _wideFull = new();
    private readonly Wide_Loops _wideLoops = new();
    private readonly float[] _input = [0.3f, -0.7f, 0.5f, 0.1f];
    private readonly float[] _output = new float[3];

    [Benchmark]
    public void Narrow_4x6x6x3_Full() => _narrowFull.Forward(_input, _output);

    [Benchmark]
    public void Narrow_4x6x6x3_Loops() => _narrowLoops.Forward(_input, _output);

    [Benchmark]
    public void Wide_2x16x16x2_Full() => _wideFull.Forward(_input.AsSpan(0, 2), _output.AsSpan(0, 2));

    [Benchmark]
    public void Wide_2x16x16x2_Loops() => _wideLoops.Forward(_input.AsSpan(0, 2), _output.AsSpan(0, 2));
}
