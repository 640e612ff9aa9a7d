namespace Unrolled.Generators.Model;

/// <summary>Decides per layer between straight-line statements and constant-bound loops.</summary>
internal static class UnrollPolicy
{
    // A fully unrolled layer's backward method costs about 30 bytes of IL per multiply-add and one local per
    // input and unit. The JIT stops optimizing a method past about 60,000 bytes of IL or 2,000 locals
    // (see PERFORMANCE.md), so full unrolling stays well inside both.
    public const int MaxUnrolledMultiplyAdds = 1024;
    public const int MaxUnrolledWidth = 512;

    // Auto unrolls only small layers: past a few hundred multiply-adds, scalar straight-line code is no faster
    // than a loop and only grows the method.
    public const int AutoMultiplyAdds = 256;
    public const int AutoWidth = 64;

    /// <summary>Whether a layer of this size can be unrolled without tripping the JIT's limits.</summary>
    public static bool CanUnroll(int fanIn, int units) =>
        (long)fanIn * units <= MaxUnrolledMultiplyAdds && fanIn + units <= MaxUnrolledWidth;

    public static bool ShouldUnroll(UnrollMode mode, int fanIn, int units) => mode switch
    {
        UnrollMode.Loops => false,
        UnrollMode.Full => CanUnroll(fanIn, units),
        _ => (long)fanIn * units <= AutoMultiplyAdds && fanIn + units <= AutoWidth,
    };
}
