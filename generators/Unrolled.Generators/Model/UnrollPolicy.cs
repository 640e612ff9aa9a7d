namespace Unrolled.Generators.Model;

/// <summary>Decides per layer between straight-line scalar statements and constant-bound SIMD code.</summary>
internal static class UnrollPolicy
{
    // A fully unrolled layer's backward method costs about 30 bytes of IL per multiply-add and one local per
    // input and unit. The JIT stops optimizing a method past about 60,000 bytes of IL or 2,000 locals
    // (see PERFORMANCE.md), so full unrolling stays well inside both.
    public const int MaxUnrolledMultiplyAdds = 1024;
    public const int MaxUnrolledWidth = 512;

    /// <summary>Whether a layer of this size can be unrolled without tripping the JIT's limits.</summary>
    public static bool CanUnroll(int fanIn, int units) =>
        (long)fanIn * units <= MaxUnrolledMultiplyAdds && fanIn + units <= MaxUnrolledWidth;

    // Auto writes a layer as scalar statements only while it has fewer units than one 128-bit vector holds (4 floats,
    // 2 doubles). UnrollModeBenchmarks (docs/benchmarks.md): 2-16-16-2 ran twice as fast as SIMD code as unrolled;
    // at 4-6-6-3 the two were within noise of each other (27.9 against 34.1 ns in one run, 30.5 against 26.5 in another).
    public static bool ShouldUnroll(UnrollMode mode, int fanIn, int units, Precision precision) => mode switch
    {
        UnrollMode.Loops => false,
        UnrollMode.Full => CanUnroll(fanIn, units),
        _ => CanUnroll(fanIn, units) && units < (precision == Precision.Double ? 2 : 4),
    };
}
