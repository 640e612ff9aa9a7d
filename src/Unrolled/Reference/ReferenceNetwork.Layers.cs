namespace Unrolled;

// One layer forward and backward: the affine step, the activation (PReLU with its learned slopes), and their gradients.
public sealed partial class ReferenceNetwork<T>
{
    /// <summary>
    /// z = x W + b (b only when the layer has one), one input at a time (each input scales a contiguous row of W),
    /// each step a fused multiply-add as generated code does it; a = f(z).
    /// </summary>
    private void LayerForward(int layer, ReadOnlySpan<T> x, Span<T> z, Span<T> a)
    {
        int units = z.Length;
        ReadOnlySpan<T> weights = _parameters.AsSpan(Spec.WeightOffset(layer), x.Length * units);
        if (Spec.HasBias(layer))
        {
            _parameters.AsSpan(Spec.BiasOffset(layer), units).CopyTo(z);
        }
        else
        {
            z.Clear();
        }

        for (int i = 0; i < x.Length; i++)
        {
            T xi = x[i];
            ReadOnlySpan<T> row = weights.Slice(i * units, units);
            for (int j = 0; j < units; j++)
            {
                z[j] = Numerics.Fused.MultiplyAdd(xi, row[j], z[j]);
            }
        }

        if (Spec.HasSlopes(layer))
        {
            ActivationMath.PRelu<T>(_parameters.AsSpan(Spec.SlopeOffset(layer), units), z, a);
        }
        else
        {
            ActivationMath.Apply(Spec.Layers[layer].Activation, _alphas[layer], z, a, _activations);
        }
    }

    /// <summary>
    /// Turns the layer's delta from dL/da into dL/dz in place (softmax: the Jacobian-vector product
    /// a ⊙ (delta - delta · a)); for PReLU it first adds the slopes' gradient.
    /// </summary>
    private void ActivationBackward(int layer)
    {
        if (Spec.HasSlopes(layer))
        {
            int offset = Spec.SlopeOffset(layer), units = Spec.Layers[layer].Units;
            ActivationMath.PReluBackward<T>(_parameters.AsSpan(offset, units), _z[layer], _delta[layer], _gradients.AsSpan(offset, units));
            return;
        }

        ActivationMath.Backward(Spec.Layers[layer].Activation, _alphas[layer], _z[layer], _a[layer], _delta[layer], _activations);
    }

    /// <summary>dW += xᵀ dz, db += dz (with a bias), and (unless this is the first layer) dx = W dz, with fused multiply-adds.</summary>
    private void LayerBackward(int layer, ReadOnlySpan<T> x, ReadOnlySpan<T> dz, Span<T> dx)
    {
        int units = dz.Length;
        ReadOnlySpan<T> weights = _parameters.AsSpan(Spec.WeightOffset(layer), x.Length * units);
        Span<T> weightGradients = _gradients.AsSpan(Spec.WeightOffset(layer), x.Length * units);
        for (int i = 0; i < x.Length; i++)
        {
            T xi = x[i];
            Span<T> gradientRow = weightGradients.Slice(i * units, units);
            for (int j = 0; j < units; j++)
            {
                gradientRow[j] = Numerics.Fused.MultiplyAdd(xi, dz[j], gradientRow[j]);
            }
        }

        if (Spec.HasBias(layer))
        {
            Span<T> biasGradients = _gradients.AsSpan(Spec.BiasOffset(layer), units);
            for (int j = 0; j < units; j++)
            {
                biasGradients[j] += dz[j];
            }
        }

        if (dx.IsEmpty)
        {
            return;
        }

        for (int i = 0; i < x.Length; i++)
        {
            ReadOnlySpan<T> row = weights.Slice(i * units, units);
            T sum = T.Zero;
            for (int j = 0; j < units; j++)
            {
                sum = Numerics.Fused.MultiplyAdd(row[j], dz[j], sum);
            }

            dx[i] = sum;
        }
    }
}
