namespace Unrolled.Generators.Planning;

/// <summary>Whether a layer's per-layer methods are written as straight-line scalar statements or as SIMD code.</summary>
internal static class UnrollRules
{
    /// <summary>Whether a layer of this size can be unrolled without tripping the JIT's limits.</summary>
    public static bool CanUnroll(int fanIn, int units) =>
        (long)fanIn * units <= Limits.MaxStraightLineMultiplyAdds && fanIn + units <= Limits.MaxUnrolledLocals;

    public static bool ShouldUnroll(UnrollMode mode, int fanIn, int units, Precision precision) => mode switch
    {
        UnrollMode.Loops => false,
        UnrollMode.Full => CanUnroll(fanIn, units),
        _ => CanUnroll(fanIn, units) && units < VectorShapes.Lanes(Limits.AutoUnrollNarrowerThanBits, precision),
    };
}
