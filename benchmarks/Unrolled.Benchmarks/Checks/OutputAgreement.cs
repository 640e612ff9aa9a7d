namespace Unrolled.Benchmarks.Checks;

/// <summary>Checks, in GlobalSetup, that a peer computes the generated network's outputs before anything is timed.</summary>
public static class OutputAgreement
{
    /// <summary>The largest relative difference allowed between a peer's outputs and the generated network's.</summary>
    public const float RelativeTolerance = 1e-5f;

    /// <summary>
    /// Throws unless every output in <paramref name="actual"/> is within <see cref="RelativeTolerance"/> of the same
    /// output in <paramref name="expected"/>, relative to the largest magnitude in <paramref name="expected"/>: the
    /// normwise relative difference <c>max |a - e| / max |e|</c>. (Elementwise, a linear output that cancels to
    /// about 1e-6 differs by more than 1e-5 of itself between two correct summation orders.)
    /// </summary>
    /// <returns>The normwise relative difference found.</returns>
    public static float Check(string what, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, int outputsPerSample)
    {
        if (expected.Length != actual.Length || outputsPerSample <= 0 || expected.Length % outputsPerSample != 0)
        {
            throw new ArgumentException($"{what}: {actual.Length} outputs to compare with {expected.Length}, {outputsPerSample} per sample.");
        }

        float scale = float.Epsilon;
        foreach (float value in expected)
        {
            scale = MathF.Max(scale, MathF.Abs(value));
        }

        float worst = 0f;
        for (int k = 0; k < expected.Length; k++)
        {
            float relative = MathF.Abs(expected[k] - actual[k]) / scale;
            if (!(relative <= RelativeTolerance))
            {
                throw new InvalidOperationException(
                    $"{what}: sample {k / outputsPerSample} output {k % outputsPerSample} is {actual[k]:R}, the generated " +
                    $"network's is {expected[k]:R} (difference {relative:E2} of the largest output {scale:R}; at most {RelativeTolerance:E0}).");
            }

            worst = MathF.Max(worst, relative);
        }

        return worst;
    }
}
