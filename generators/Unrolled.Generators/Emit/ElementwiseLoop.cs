using System;
using System.Collections.Generic;

namespace Unrolled.Generators.Emit;

/// <summary>
/// An element-wise loop over a layer's units (index j): whole vectors at the widest accelerated width, the remainder
/// (and machines without SIMD) with the scalar statements. No lane is processed twice, so the statements may update
/// in place.
/// </summary>
internal static class ElementwiseLoop
{
    public static void Emit(CodeWriter w, int units, IReadOnlyList<VectorWidth> widths, Func<VectorWidth, string[]> vector, string[] scalar)
    {
        WidthDispatch.Write(
            w,
            widths,
            v =>
            {
                int whole = units - (units % v.Lanes);
                using (w.Block($"for (int j = 0; j < {whole}; j += {v.Lanes})"))
                {
                    Lines(w, vector(v));
                }

                if (whole < units)
                {
                    using (w.Block($"for (int j = {whole}; j < {units}; j++)"))
                    {
                        Lines(w, scalar);
                    }
                }
            },
            () =>
            {
                using (w.Block($"for (int j = 0; j < {units}; j++)"))
                {
                    Lines(w, scalar);
                }
            });
    }

    private static void Lines(CodeWriter w, string[] lines)
    {
        foreach (string line in lines)
        {
            w.Line(line);
        }
    }
}
