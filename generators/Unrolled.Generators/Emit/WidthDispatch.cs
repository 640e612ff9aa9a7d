using System;
using System.Collections.Generic;

namespace Unrolled.Generators.Emit;

/// <summary>
/// The ladder every SIMD kernel sits in: one branch per vector width, widest first, then a scalar branch for machines
/// without SIMD. The JIT evaluates the IsHardwareAccelerated tests at compile time and keeps one branch.
/// </summary>
internal static class WidthDispatch
{
    /// <summary>
    /// <c>if (Vector512.IsHardwareAccelerated) { ... } else if (...) { ... } else { scalar }</c>; with no width, the
    /// scalar code alone, after a comment that says so.
    /// </summary>
    public static void Write(CodeWriter w, IReadOnlyList<VectorWidth> widths, Action<VectorWidth> vector, Action scalar)
    {
        if (widths.Count == 0)
        {
            w.Line("// No vector fits this layer: scalar code on every machine.");
            scalar();
            return;
        }

        for (int k = 0; k < widths.Count; k++)
        {
            using (w.Block($"{(k == 0 ? "if" : "else if")} ({widths[k].IsAccelerated})"))
            {
                vector(widths[k]);
            }
        }

        using (w.Block("else"))
        {
            scalar();
        }
    }

    /// <summary>
    /// Branches to the variant for the widest accelerated width: each but the last under its condition, the last
    /// unconditional (after an <c>else</c>, or alone).
    /// </summary>
    public static void WriteVariants(CodeWriter w, IReadOnlyList<VectorWidth> conditions, Action<int> variant)
    {
        int last = conditions.Count;
        for (int k = 0; k < last; k++)
        {
            using (w.Block($"{(k == 0 ? "if" : "else if")} ({conditions[k].IsAccelerated})"))
            {
                variant(k);
            }
        }

        if (last == 0)
        {
            variant(last);
            return;
        }

        using (w.Block("else"))
        {
            variant(last);
        }
    }
}
