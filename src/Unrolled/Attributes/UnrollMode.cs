namespace Unrolled;

/// <summary>How the generator writes each layer's arithmetic.</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
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
