namespace Unrolled;

/// <summary>How the generator writes each layer's arithmetic.</summary>
/// <remarks>
/// <para>
/// The mode shapes the per-layer methods that Loss, Backward, batches and machines without SIMD use. A single-sample
/// Forward of a small network (up to 1,024 multiply-adds, 32 float or 16 double units per layer, activations with a
/// SIMD form) is always one straight-line method per SIMD width with every value in registers, whatever the mode.
/// </para>
/// <para>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</para>
/// </remarks>
public enum UnrollMode
{
    /// <summary>Unroll small layers into straight-line statements and write larger ones as constant-bound loops.</summary>
    Auto = 0,

    /// <summary>
    /// Unroll every layer that fits the JIT's optimization limits; a layer beyond them falls back to loops and the
    /// generator reports it (UNR013).
    /// </summary>
    Full = 1,

    /// <summary>Write every layer as constant-bound loops.</summary>
    Loops = 2,
}
