using System;
using Unrolled.Generators.Planning;

namespace Unrolled.Generators.Emit.Gemm;

/// <summary>
/// One panel of a matrix product's columns inside a register block: <see cref="Vectors"/> vectors (or single columns
/// when <see cref="Width"/> is null) starting at <see cref="Columns"/>, in the panel loop over j or at constant offsets.
/// </summary>
internal sealed class GemmPanel(NumericType t, VectorWidth? width, int vectors, UnitOffsets columns, int overlap, string name)
{
    public NumericType T { get; } = t;

    public VectorWidth? Width { get; } = width;

    public int Vectors { get; } = vectors;

    public UnitOffsets Columns { get; } = columns;

    /// <summary>Leading lanes of the last vector that repeat columns already covered.</summary>
    public int Overlap { get; } = overlap;

    /// <summary>The accumulators' prefix: <c>sum</c> in the loop, <c>rest</c> after it (their names must differ).</summary>
    public string Name { get; } = name;

    /// <summary>The type of accumulators, inputs and weights.</summary>
    public string Type => Width?.Vector ?? T.Keyword;

    public string Zero => Width?.Zero ?? T.Literal(0);

    /// <summary>Column vector k's element (or value) at <paramref name="reference"/> + <paramref name="extra"/> + its column.</summary>
    public string Load(string reference, int k, int extra = 0) => Width is { } v
        ? v.LoadAt(reference, Columns.At(k, extra))
        : $"{Code.Unsafe}.Add(ref {reference}, {Columns.At(k, extra)})";

    /// <summary>
    /// Column vector k's element at <paramref name="reference"/> + its offset within the panel: for a row pointer that
    /// already includes the panel loop's j.
    /// </summary>
    public string LoadInRow(string reference, int k) => Width is { } v
        ? v.Load(reference, Columns.Unit(k))
        : $"{Code.Unsafe}.Add(ref {reference}, {Columns.Unit(k)})";

    /// <summary>The statement that writes <paramref name="value"/> to column vector k at <paramref name="reference"/> + <paramref name="extra"/>.</summary>
    public string Store(string value, string reference, int k, int extra = 0) => Width is { } v
        ? v.StoreAt(value, reference, Columns.At(k, extra))
        : $"{Code.Unsafe}.Add(ref {reference}, {Columns.At(k, extra)}) = {value};";

    /// <summary>A scalar input broadcast to the panel's type (unchanged for single columns).</summary>
    public string Broadcast(string scalar) => Width is { } v ? v.Broadcast(scalar) : scalar;

    /// <summary>
    /// Writes the panels of one width branch: the panel loop over j when planned, then the remaining columns.
    /// <paramref name="prefix"/> tells the accumulators of a second set of panels in the same block from the first's.
    /// </summary>
    public static void WriteAll(CodeWriter w, NumericType t, GemmWidthPlan plan, int rows, Action<GemmPanel> panel, string prefix = "")
    {
        string sum = prefix.Length == 0 ? "sum" : prefix + "Sum", restName = prefix.Length == 0 ? "rest" : prefix + "Rest";
        var v = VectorWidth.Of(plan.Width, t);
        if (plan.Loop is { } loop)
        {
            w.Line($"// Columns 0 to {loop.End - 1} in panels of {loop.Step}: {rows} rows x {loop.Vectors} vectors of sums per pass over the depth.");
            using (w.Block($"for (int j = 0; j < {loop.End}; j += {loop.Step})"))
            {
                panel(new GemmPanel(t, v, loop.Vectors, new UnitOffsets("j", k => k * v.Lanes), 0, sum));
            }
        }

        if (plan.Rest is { } rest)
        {
            var width = rest.Width is { } shape ? VectorWidth.Of(shape, t) : null;
            var offsets = rest.Offsets;
            string what = width is null
                ? $"one column at a time (no vector fits {offsets.Count})"
                : $"{offsets.Count} vector(s) of {width.Lanes}{(rest.Overlap > 0 ? $", the last overlapping the columns before by {rest.Overlap}" : string.Empty)}";
            w.Line($"// Columns {offsets[0]} to {offsets[offsets.Count - 1] + (width?.Lanes ?? 1) - 1}: {what}.");
            panel(new GemmPanel(t, width, offsets.Count, new UnitOffsets(null, k => offsets[k]), rest.Overlap, restName));
        }
    }
}
