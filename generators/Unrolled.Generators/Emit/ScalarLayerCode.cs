using Unrolled.Generators.Emit.Activations;
using Unrolled.Generators.Planning;

namespace Unrolled.Generators.Emit;

/// <summary>Pieces every layer method shares: its views of the parameters, and the scalar loops of machines without SIMD.</summary>
internal static class ScalarLayerCode
{
    /// <summary>Declares the layer's views of the parameters (or gradients), with constant lengths.</summary>
    public static void EmitParameterViews(CodeWriter w, LayerPlan layer, string source, string spanType, string weights, string bias, string? slopes = null)
    {
        int n = layer.FanIn, m = layer.Units, l = layer.Number;
        w.Line($"{spanType} {weights} = {source}.Slice({layer.WeightOffset}, {n * m}); // W{l}[{n}, {m}]: [i * {m} + j] connects input i to unit j");
        if (layer.HasBias)
        {
            w.Line($"{spanType} {bias} = {source}.Slice({layer.BiasOffset}, {m}); // b{l}[{m}]");
        }

        if (layer.HasSlopes && slopes is not null)
        {
            EmitSlopeView(w, layer, source, spanType, slopes);
        }
    }

    /// <summary>Declares the view of PReLU's slopes (or their gradients).</summary>
    public static void EmitSlopeView(CodeWriter w, LayerPlan layer, string source, string spanType, string name) =>
        w.Line($"{spanType} {name} = {source}.Slice({layer.SlopeOffset}, {layer.Units}); // slopes{layer.Number}[{layer.Units}]");

    /// <summary>a = f(z) for unit <paramref name="j"/>: the kernel's scalar form, or PReLU's with its slope s[j].</summary>
    public static string Activation(NetworkPlan plan, LayerPlan layer, string z, string j) => layer.HasSlopes
        ? PReluKernel.WithSlope(plan.Numeric(), z, $"s[{j}]")
        : ActivationKernel.For(layer.Activation).Scalar(plan.Numeric(), z, layer.Alpha, plan.FastActivations);

    /// <summary>The scalar loops of z = b + x W over spans named x, w, b and z, for machines without SIMD.</summary>
    public static void EmitAffineLoops(CodeWriter w, NumericType t, LayerPlan layer)
    {
        int n = layer.FanIn, m = layer.Units;
        if (layer.HasBias)
        {
            w.Line($"// z = b{layer.Number} + x W{layer.Number}: start from the bias, then add each input times its row of W{layer.Number} (rows are contiguous).");
            w.Line("b.CopyTo(z);");
        }
        else
        {
            w.Line($"// z = x W{layer.Number} (no bias): start from zero, then add each input times its row of W{layer.Number} (rows are contiguous).");
            w.Line("z.Clear();");
        }
        using (w.Block($"for (int i = 0; i < {n}; i++)"))
        {
            w.Line($"{t.Keyword} xi = x[i];");
            w.Line($"{t.ReadOnlySpan} row = w.Slice(i * {m}, {m});");
            using (w.Block($"for (int j = 0; j < {m}; j++)"))
            {
                w.Line($"z[j] = {VectorWidth.MultiplyAdd("xi", "row[j]", "z[j]")};");
            }
        }
    }

    /// <summary>a = f(z), element by element over spans named z and a.</summary>
    public static void EmitActivationLoop(CodeWriter w, NetworkPlan plan, LayerPlan layer)
    {
        string activation = Activation(plan, layer, "z[j]", "j");
        using (w.Block($"for (int j = 0; j < {layer.Units}; j++)"))
        {
            w.Line($"a[j] = {activation};");
        }
    }

    /// <summary>The activation's formula for a comment: <c>a = relu(z) = max(z, 0)</c>.</summary>
    public static string Describe(LayerPlan layer) => ActivationKernel.For(layer.Activation).Describe(layer.Alpha);
}
