namespace Unrolled;

// Dropout: masks drawn in Backward only (the order is IDropoutNetwork's contract), kept in buffers allocated by the
// constructor, and fixed masks for tests, gradient checks and comparisons with other implementations.
public sealed partial class ReferenceNetwork<T> : IDropoutNetwork
{
    /// <summary>Restarts the dropout stream; layers whose mask is fixed keep it (see <see cref="SetDropoutMask"/>).</summary>
    public void SeedDropout(long seed) => _dropoutRandom.Reseed(seed);

    /// <summary>
    /// Fixes the mask of <paramref name="layer"/> (0-based) for every following <see cref="Backward"/> until
    /// <see cref="ReleaseDropoutMasks"/>: unit j is kept (its output scaled by 1 / (1 - p)) where
    /// <paramref name="keep"/>[j] is true and dropped where it is false. Nothing is drawn for a fixed layer.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is not a layer of the network.</exception>
    /// <exception cref="ArgumentException">The layer has no dropout, or <paramref name="keep"/> is not one flag per unit.</exception>
    public void SetDropoutMask(int layer, ReadOnlySpan<bool> keep)
    {
        CheckDropoutLayer(layer);
        SpanGuard.Length(keep, Spec.Layers[layer].Units, nameof(keep));
        for (int j = 0; j < keep.Length; j++)
        {
            _mask[layer][j] = keep[j] ? _keptScale[layer] : T.Zero;
        }

        _maskFixed[layer] = true;
    }

    /// <summary>Writes the mask <paramref name="layer"/> (0-based) used last (drawn or fixed) into <paramref name="keep"/>: true where the unit was kept.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is not a layer of the network.</exception>
    /// <exception cref="ArgumentException">The layer has no dropout, or <paramref name="keep"/> is not one flag per unit.</exception>
    public void CopyDropoutMask(int layer, Span<bool> keep)
    {
        CheckDropoutLayer(layer);
        SpanGuard.Length(keep, Spec.Layers[layer].Units, nameof(keep));
        for (int j = 0; j < keep.Length; j++)
        {
            keep[j] = _mask[layer][j] != T.Zero;
        }
    }

    /// <summary>Every layer draws its mask from the stream again.</summary>
    public void ReleaseDropoutMasks() => Array.Clear(_maskFixed);

    /// <summary>The layer's output as the next layer (or the loss) reads it in Backward: a after the mask where there is dropout.</summary>
    private T[] TrainingOutput(int layer) => _dropped[layer] ?? _a[layer];

    /// <summary>Draws (unless fixed) the layer's mask and writes the dropped output a * mask; nothing for layers without dropout.</summary>
    private void DropOutputs(int layer)
    {
        T[]? dropped = _dropped[layer];
        if (dropped is null)
        {
            return;
        }

        T[] mask = _mask[layer], a = _a[layer];
        if (!_maskFixed[layer])
        {
            double p = Spec.Layers[layer].Dropout;
            for (int j = 0; j < mask.Length; j++)
            {
                mask[j] = _dropoutRandom.NextDouble() >= p ? _keptScale[layer] : T.Zero;
            }
        }

        for (int j = 0; j < a.Length; j++)
        {
            dropped[j] = a[j] * mask[j];
        }
    }

    /// <summary>dL/da = mask * dL/d(dropped a), in place on the layer's delta; nothing for layers without dropout.</summary>
    private void DropGradients(int layer)
    {
        if (_dropped[layer] is null)
        {
            return;
        }

        T[] mask = _mask[layer], delta = _delta[layer];
        for (int j = 0; j < delta.Length; j++)
        {
            delta[j] *= mask[j];
        }
    }

    private void CheckDropoutLayer(int layer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, Spec.Layers.Count);
        if (_dropped[layer] is null)
        {
            throw new ArgumentException($"Layer {layer + 1} has no dropout (Dropout is 0), so it has no mask.", nameof(layer));
        }
    }
}
