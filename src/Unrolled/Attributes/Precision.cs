namespace Unrolled;

/// <summary>The floating-point type a generated network computes in.</summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
public enum Precision
{
    /// <summary>32-bit <see cref="float"/> (the default).</summary>
    Single = 0,

    /// <summary>64-bit <see cref="double"/>.</summary>
    Double = 1,
}
