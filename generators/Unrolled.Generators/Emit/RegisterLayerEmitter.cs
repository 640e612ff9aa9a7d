using System.Collections.Generic;
using System.Linq;
using Unrolled.Generators.Emit.Activations;
using Unrolled.Generators.Planning;

namespace Unrolled.Generators.Emit;

/// <summary>
/// One layer of a register method. Values are locals named by layer: <c>z2_0</c> the sums of layer 2's first vector
/// (or unit), <c>a2_0</c> its activations, <c>x2_i</c> its inputs.
/// </summary>
internal static class RegisterLayerEmitter
{
    public static void EmitVectorLayer(CodeWriter w, NetworkPlan plan, RegisterVariantPlan variant, LayerPlan layer, NameScope scope)
    {
        var t = plan.Numeric();
        var registers = variant.Layers[layer.Index];
        var v = VectorWidth.Of(registers.Width!.Value, t);
        int n = layer.FanIn, m = layer.Units, weights = layer.WeightOffset, bias = layer.BiasOffset, l = layer.Number;
        var offsets = registers.Offsets;
        int partials = registers.Partials;
        bool last = layer.IsLast, padded = registers.Padded;
        string z = $"z{l}_";
        if (padded)
        {
            w.Line(m == v.Lanes - 1
                ? $"// {m} units in one vector: lane {m} is padding, computed but never used."
                : $"// {m} units in one vector: lanes {m} to {v.Lanes - 1} are padding, computed but never used.");
        }

        if (padded && last)
        {
            w.Line($"// The bias ends the parameters: read the {v.Lanes} floats that end there and move it to the first lanes.");
        }

        new AffineBlock
        {
            Type = v.Vector,
            Zero = v.Zero,
            Inputs = n,
            Slots = offsets.Count,
            Partials = partials,
            ExplainPartials = true,
            Accumulator = (_, k) => $"{z}{k}",
            Bias = !layer.HasBias ? null : k => padded && last
                ? $"{v.Type}.Shuffle({v.Load("p", bias + m - v.Lanes)}, {v.Type}.Create({string.Join(", ", Enumerable.Range(0, v.Lanes).Select(lane => v.Lanes - m + System.Math.Min(lane, m - 1)))}))"
                : v.Load("p", bias + offsets[k]),
            Input = (_, i) => Broadcast(plan, variant, layer, i.Value, v),
            InputLocal = (_, i) => $"x{l}_{i.Value}",
            Weight = (i, k) => v.Load("p", weights + (i.Value * m) + offsets[k]),
        }.Write(w, scope);

        var kernel = ActivationKernel.For(layer.Activation);
        if (padded && last)
        {
            EmitPaddedOutput(w, layer, v, $"{z}0");
            return;
        }

        if (last && !kernel.IsElementwise)
        {
            // The logits go to y, then softmax runs over y in place (as the per-layer path does after its vectors).
            for (int k = 0; k < offsets.Count; k++)
            {
                w.Line(v.Store($"{z}{k}", "yr", offsets[k]));
            }

            SoftmaxKernel.WriteLoops(w, t, m, plan.FastActivations, z: "y", a: "y");

            return;
        }

        for (int k = 0; k < offsets.Count; k++)
        {
            string activation = kernel.Vector(v, $"{z}{k}", layer.Alpha)!;
            w.Line(last ? v.Store(activation, "yr", offsets[k]) : $"{v.Vector} {scope.Reserve($"a{l}_{k}")} = {activation};");
        }
    }

    public static void EmitScalarLayer(CodeWriter w, NetworkPlan plan, RegisterVariantPlan variant, LayerPlan layer, NameScope scope)
    {
        var t = plan.Numeric();
        var registers = variant.Layers[layer.Index];
        int m = layer.Units, l = layer.Number;
        if (registers.ScalarForm == RegisterScalarForm.DotFromVectors)
        {
            EmitDotProducts(w, plan, layer, VectorWidth.Of(variant.Layers[layer.Index - 1].Width!.Value, t));
        }
        else
        {
            EmitScalarSums(w, plan, variant, layer, scope);
        }

        var kernel = ActivationKernel.For(layer.Activation);
        if (!kernel.IsElementwise)
        {
            SoftmaxKernel.WriteUnrolled(w, t, m, plan.FastActivations, j => $"z{l}_{j}", j => $"y[{j}]");
            return;
        }

        for (int j = 0; j < m; j++)
        {
            string activation = kernel.Scalar(t, $"z{l}_{j}", layer.Alpha, plan.FastActivations);
            w.Line(layer.IsLast ? $"y[{j}] = {activation};" : $"{t.Keyword} {scope.Reserve($"a{l}_{j}")} = {activation};");
        }
    }

    /// <summary>The last layer in a padded vector: its activation (softmax over the real lanes only), then one store per unit.</summary>
    private static void EmitPaddedOutput(CodeWriter w, LayerPlan layer, VectorWidth v, string z)
    {
        string result = $"a{layer.Number}_0";
        var kernel = ActivationKernel.For(layer.Activation);
        if (!kernel.IsElementwise)
        {
            SoftmaxKernel.WriteMaskedVector(w, v, layer.Units, z, result);
        }
        else
        {
            w.Line($"{v.Vector} {result} = {kernel.Vector(v, z, layer.Alpha)};");
        }

        for (int j = 0; j < layer.Units; j++)
        {
            w.Line($"y[{j}] = {v.Type}.GetElement({result}, {j});");
        }
    }

    /// <summary>Input i of <paramref name="layer"/> as a scalar expression.</summary>
    private static string Input(NetworkPlan plan, RegisterVariantPlan variant, LayerPlan layer, int i)
    {
        if (layer.IsFirst)
        {
            return $"x[{i}]";
        }

        var previous = variant.Layers[layer.Index - 1];
        if (previous.Width is not { } shape)
        {
            return $"a{layer.Index}_{i}";
        }

        var v = VectorWidth.Of(shape, plan.Numeric());
        var (vector, lane) = Locate(previous, v, i);
        return $"{v.Type}.GetElement(a{layer.Index}_{vector}, {lane})";
    }

    /// <summary>Input i of <paramref name="layer"/> broadcast to every lane of <paramref name="to"/>.</summary>
    private static string Broadcast(NetworkPlan plan, RegisterVariantPlan variant, LayerPlan layer, int i, VectorWidth to)
    {
        if (!layer.IsFirst && variant.Layers[layer.Index - 1] is { Width: { } shape } previous && shape.Bits == to.Bits)
        {
            var v = VectorWidth.Of(shape, plan.Numeric());
            var (vector, lane) = Locate(previous, v, i);
            string index = v.T.Size == 4 ? "int" : "long";
            return $"{v.Type}.Shuffle(a{layer.Index}_{vector}, {v.Type}.Create(({index}){lane}))";
        }

        return to.Broadcast(Input(plan, variant, layer, i));
    }

    /// <summary>The vector holding unit i of a layer, and its lane there.</summary>
    private static (int Vector, int Lane) Locate(RegisterLayerPlan layer, VectorWidth v, int i)
    {
        var offsets = layer.Offsets;
        int vector = System.Math.Min(i / v.Lanes, offsets.Count - 1);
        return (vector, i - offsets[vector]);
    }

    private static void EmitDotProducts(CodeWriter w, NetworkPlan plan, LayerPlan layer, VectorWidth v)
    {
        var t = plan.Numeric();
        int n = layer.FanIn, m = layer.Units, weights = layer.WeightOffset, l = layer.Number;
        string k = t.Keyword, index = t.Size == 4 ? "int" : "long", d = $"d{l}";
        int vectors = n / v.Lanes;
        var products = new List<(string Input, int Weight)>();
        if (m == 1)
        {
            w.Line($"// z = {(layer.HasBias ? "b + " : string.Empty)}sum of x W (W{l} is one column: contiguous): lane-wise products, then one horizontal sum.");
            for (int c = 0; c < vectors; c++)
            {
                products.Add(($"a{l - 1}_{c}", weights + (c * v.Lanes)));
            }
        }
        else
        {
            // W is [input, unit] interleaved: each input is repeated for its two units, so that products line up with W.
            w.Line($"// z = {(layer.HasBias ? "b + " : string.Empty)}x W for two units: each input repeated twice lines up with W{l}'s interleaved rows; then the even and odd lanes are summed.");
            int half = v.Lanes / 2;
            string low = string.Join(", ", Enumerable.Range(0, v.Lanes).Select(lane => $"({index}){lane / 2}"));
            string high = string.Join(", ", Enumerable.Range(0, v.Lanes).Select(lane => $"({index}){half + (lane / 2)}"));
            for (int c = 0; c < vectors; c++)
            {
                w.Line($"{v.Vector} {d}_{c}_low = {v.Type}.Shuffle(a{l - 1}_{c}, {v.Type}.Create({low}));");
                w.Line($"{v.Vector} {d}_{c}_high = {v.Type}.Shuffle(a{l - 1}_{c}, {v.Type}.Create({high}));");
                products.Add(($"{d}_{c}_low", weights + (c * v.Lanes * 2)));
                products.Add(($"{d}_{c}_high", weights + (c * v.Lanes * 2) + v.Lanes));
            }
        }

        w.Line($"{v.Vector} {d} = {products[0].Input} * {v.Load("p", products[0].Weight)};");
        foreach (var (input, weight) in products.Skip(1))
        {
            w.Line($"{d} = {VectorWidth.MultiplyAdd(input, v.Load("p", weight), d)};");
        }

        // Fold the halves together down to 128 bits, where lanes u, u + m, ... all hold unit u's partial sums.
        string current = d;
        var width = v;
        while (width.Bits > 128)
        {
            var narrower = VectorWidth.Of(width.Bits / 2, t);
            string folded = $"{d}_{narrower.Bits}";
            w.Line($"{narrower.Vector} {folded} = {width.Type}.GetLower({current}) + {width.Type}.GetUpper({current});");
            current = folded;
            width = narrower;
        }

        if (m == 1)
        {
            w.Line($"{k} z{l}_0 = {BiasPlus(layer, 0)}{width.Sum(current)};");
            return;
        }

        if (width.Lanes == 4)
        {
            w.Line($"{current} += {width.Type}.Shuffle({current}, {width.Type}.Create(2, 3, 0, 1));");
        }

        w.Line($"{k} z{l}_0 = {BiasPlus(layer, 0)}{width.Type}.ToScalar({current});");
        w.Line($"{k} z{l}_1 = {BiasPlus(layer, 1)}{width.Type}.GetElement({current}, 1);");
    }

    private static void EmitScalarSums(CodeWriter w, NetworkPlan plan, RegisterVariantPlan variant, LayerPlan layer, NameScope scope)
    {
        var t = plan.Numeric();
        var registers = variant.Layers[layer.Index];
        int n = layer.FanIn, m = layer.Units, weights = layer.WeightOffset, bias = layer.BiasOffset, l = layer.Number;
        string k = t.Keyword;

        // Inputs read from memory or out of a vector are read once, into locals: every unit uses them.
        bool readOnce = registers.ReadInputsOnce;
        if (readOnce)
        {
            for (int i = 0; i < n; i++)
            {
                w.Line($"{k} {scope.Reserve($"x{l}_{i}")} = {Input(plan, variant, layer, i)};");
            }
        }

        new AffineBlock
        {
            Type = k,
            Zero = t.Literal(0),
            Inputs = n,
            Slots = m,
            Partials = registers.Partials,
            SlotMajor = true,
            Accumulator = (_, j) => $"z{l}_{j}",
            Bias = layer.HasBias ? j => Parameter(bias + j) : null,
            Input = (_, i) => readOnce ? $"x{l}_{i.Value}" : Input(plan, variant, layer, i.Value),
            Weight = (i, j) => Parameter(weights + (i.Value * m) + j),
        }.Write(w, scope);
    }

    /// <summary><c>b[j] + </c> as a parameter read, or nothing for a layer without bias.</summary>
    private static string BiasPlus(LayerPlan layer, int j) => layer.HasBias ? Parameter(layer.BiasOffset + j) + " + " : string.Empty;

    private static string Parameter(int offset) => offset == 0 ? "p" : $"{Code.Unsafe}.Add(ref p, {offset})";
}
