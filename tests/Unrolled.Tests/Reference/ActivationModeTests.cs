using Unrolled.Numerics;

namespace Unrolled.Tests.Reference;

/// <summary>The interpreter's Fast mode computes what generated float networks compute; doubles are exact in both modes.</summary>
public class ActivationModeTests
{
    private static readonly NetworkSpec Spec = new(
        3,
        [new LayerSpec(4, Activation.Tanh), new LayerSpec(4, Activation.Silu), new LayerSpec(4, Activation.Softplus), new LayerSpec(3, Activation.Softmax)],
        LossFunction.CrossEntropy);

    [Fact]
    public void Fast_mode_uses_FastMath_for_float_activations()
    {
        var exact = new ReferenceNetwork<float>(Spec, seed: 2);
        var fast = new ReferenceNetwork<float>(Spec, seed: 2, ActivationMode.Fast);
        float[] x = [0.3f, -1.1f, 2.0f];
        float[] yExact = new float[3], yFast = new float[3];
        exact.Forward(x, yExact);
        fast.Forward(x, yFast);
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(yExact[k], yFast[k], 1e-6f);
        }

        // One layer by hand: tanh through FastMath.
        var single = new ReferenceNetwork<float>(new NetworkSpec(1, [new LayerSpec(1, Activation.Tanh)]), activations: ActivationMode.Fast);
        single.Parameters[0] = 1f;
        single.Parameters[1] = 0f;
        float[] y = new float[1];
        single.Forward([0.7f], y);
        Assert.Equal(FastMath.Tanh(0.7f), y[0]);
        Assert.NotEqual(MathF.Tanh(0.7f), FastMath.Tanh(0.7f)); // so that the line above tells the modes apart
    }

    [Fact]
    public void Double_networks_are_exact_in_both_modes()
    {
        var spec = new NetworkSpec(3, Spec.Layers, LossFunction.CrossEntropy, Precision.Double);
        var exact = new ReferenceNetwork<double>(spec, seed: 2);
        var fast = new ReferenceNetwork<double>(spec, seed: 2, ActivationMode.Fast);
        double[] x = [0.3, -1.1, 2.0], t = [0.2, 0.3, 0.5];
        Assert.Equal(exact.Backward(x, t), fast.Backward(x, t));
        Assert.Equal(exact.Gradients.ToArray(), fast.Gradients.ToArray());
    }

    [Fact]
    public void An_undefined_mode_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReferenceNetwork<float>(Spec, 0, (ActivationMode)7));
}
