using System.Collections.Generic;
using System.Linq;

namespace Unrolled.Generators.Planning;

/// <summary>The vector widths generated code may use, and how a layer's units are covered by vectors.</summary>
internal static class VectorShapes
{
    /// <summary>Every width, widest first: the order of the branches generated code tests.</summary>
    public static readonly int[] AllBits = [512, 256, 128];

    public static int Lanes(int bits, Precision precision) => bits / 8 / (precision == Precision.Double ? 8 : 4);

    public static VectorShape Of(int bits, Precision precision) => new(bits, Lanes(bits, precision));

    /// <summary>The widths of at most <paramref name="maxBits"/>, widest first, whose lanes fit in <paramref name="units"/>.</summary>
    public static IEnumerable<VectorShape> Fitting(int units, Precision precision, int maxBits = 512) =>
        AllBits.Where(bits => bits <= maxBits).Select(bits => Of(bits, precision)).Where(v => v.Lanes <= units);

    public static bool IsPadded(int units, VectorShape v) => units < v.Lanes;

    public static int VectorCount(int units, VectorShape v) => IsPadded(units, v) ? 1 : (units + v.Lanes - 1) / v.Lanes;

    /// <summary>
    /// Each vector's first unit: <c>Lanes</c> apart, the last moved back to end at the last unit. Overlapping lanes
    /// compute the same values twice, harmless where z and a are written, not accumulated.
    /// </summary>
    public static int[] Offsets(int units, VectorShape v) => IsPadded(units, v)
        ? [0]
        : Enumerable.Range(0, VectorCount(units, v)).Select(k => System.Math.Min(k * v.Lanes, units - v.Lanes)).ToArray();

    /// <summary>
    /// With few chains of multiply-adds (vectors or units), each would wait on the FMA latency at every input:
    /// splitting the inputs over partial sums, combined at the end, keeps enough independent work in flight.
    /// </summary>
    public static int PartialSums(int chains, int inputs) =>
        chains >= Limits.Accumulators || inputs < Limits.MinPartialSumInputs
            ? 1
            : System.Math.Min(Limits.MaxPartialSums, Limits.Accumulators / chains);
}
