namespace Unrolled;

/// <summary>
/// A network that owns the seeded stream its dropout masks are drawn from (<see cref="LayerSpec.Dropout"/>): only
/// <see cref="INetwork{T}.Backward"/> draws, <see cref="INetwork{T}.Forward"/> and <see cref="INetwork{T}.Loss"/>
/// never drop. <see cref="Trainer{T}.Fit"/> seeds the stream from <see cref="TrainerOptions.Seed"/>, so that a
/// training run is reproducible bit for bit.
/// </summary>
/// <remarks>
/// The masks are a contract, so that any two implementations seeded alike drop the same units: the stream is a
/// <see cref="SeededRandom"/>, it starts as <c>SeedDropout(0)</c>, and every sample passed to Backward draws, for each
/// layer with dropout p &gt; 0 (input side first), one <see cref="SeededRandom.NextDouble()"/> u per unit in unit
/// order; the unit is kept when u &gt;= p (probability 1 - p). A kept output is multiplied by
/// <c>1 / (1 - p)</c>, computed as <c>T.One / T.CreateTruncating(1 - p)</c>, a dropped one by 0 (inverted dropout, as
/// PyTorch's <c>nn.Dropout</c> in training mode). The gradient flows through the same mask.
/// </remarks>
public interface IDropoutNetwork
{
    /// <summary>Restarts the dropout stream: the next <see cref="INetwork{T}.Backward"/> draws the masks of <paramref name="seed"/> from the start.</summary>
    void SeedDropout(long seed);
}
