using System.Collections.Generic;
using System.Linq;
using Unrolled.Generators.Emit.Activations;
using Unrolled.Generators.Planning;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emit;

/// <summary>
/// One layer's backward method: delta = dL/da becomes dL/dz through f'(z), then dW += x^T delta, db += delta and
/// (except for the first layer) dL/dx = W delta for the layer before.
/// </summary>
internal static class BackwardLayerEmitter
{
    public static void Emit(CodeWriter w, NetworkPlan plan, LayerPlan layer)
    {
        var t = plan.Numeric();
        int n = layer.FanIn, m = layer.Units, l = layer.Number;
        bool first = layer.IsFirst;
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// {Code.Header(layer)}, backward: turns delta = dL/da into dL/dz (the output layer's delta is dL/dz already),");
        w.Line($"/// adds dW{l} += xT delta{(layer.HasBias ? $" and db{l} += delta" : " (no bias)")}{(layer.HasSlopes ? $", the slopes' ds{l}" : string.Empty)}{(first ? string.Empty : ", and writes dL/dx = W delta to previousDelta")}.");
        w.Line("/// </summary>");
        string previous = first ? string.Empty : $", {t.Span} previousDelta";
        using (w.Block($"private static void {BackwardLayer(l)}({t.ReadOnlySpan} parameters, {t.Span} gradients, "
            + $"{t.ReadOnlySpan} x, {t.ReadOnlySpan} z, {t.ReadOnlySpan} a, {t.Span} delta{previous})"))
        {
            if (!first)
            {
                w.Line($"{t.ReadOnlySpan} w = parameters.Slice({layer.WeightOffset}, {n * m}); // W{l}[{n}, {m}]: [i * {m} + j] connects input i to unit j");
            }

            if (layer.HasSlopes)
            {
                ScalarLayerCode.EmitSlopeView(w, layer, "parameters", t.ReadOnlySpan, "s");
            }

            ScalarLayerCode.EmitParameterViews(w, layer, "gradients", t.Span, "dW", "db", "ds");
            w.Line($"x = x.Slice(0, {n});");
            if (layer.NeedsDerivative)
            {
                w.Line($"z = z.Slice(0, {m});");
                w.Line($"a = a.Slice(0, {m});");
            }

            w.Line($"delta = delta.Slice(0, {m});");
            if (!first)
            {
                w.Line($"previousDelta = previousDelta.Slice(0, {n});");
            }

            w.Line();
            if (layer.Code == LayerCode.Unrolled)
            {
                EmitUnrolled(w, t, layer, plan.FastActivations);
                return;
            }

            if (layer.NeedsDerivative)
            {
                EmitDerivativeLoop(w, plan, layer);
                w.Line();
            }

            EmitSimd(w, t, layer);
        }
    }

    private static void EmitUnrolled(CodeWriter w, NumericType t, LayerPlan layer, bool fast)
    {
        int n = layer.FanIn, m = layer.Units, l = layer.Number;
        string k = t.Keyword;
        if (layer.NeedsDerivative && !ActivationKernel.For(layer.Activation).IsElementwise)
        {
            // A hidden softmax: every dz_j reads every da_k through dot = da . a.
            w.Line($"// dL/dz = {ActivationKernel.For(layer.Activation).DescribeDerivative(layer.Alpha)}");
            w.Line($"{k} dot = {string.Join(" + ", Enumerable.Range(0, m).Select(j => $"(delta[{j}] * a[{j}])"))};");
            for (int j = 0; j < m; j++)
            {
                w.Line($"{k} d{j} = a[{j}] * (delta[{j}] - dot);");
            }
        }
        else if (layer.NeedsDerivative && layer.HasSlopes)
        {
            w.Line($"// dL/dz = dL/da f'(z), {ActivationKernel.For(layer.Activation).DescribeDerivative(layer.Alpha)}");
            for (int j = 0; j < m; j++)
            {
                w.Line($"{k} d{j} = delta[{j}];");
                foreach (string line in PReluKernel.WriteBackward(t, $"z[{j}]", $"d{j}", $"s[{j}]", $"ds[{j}]"))
                {
                    w.Line(line);
                }
            }
        }
        else if (layer.NeedsDerivative)
        {
            var kernel = ActivationKernel.For(layer.Activation);
            w.Line($"// dL/dz = dL/da f'(z), {kernel.DescribeDerivative(layer.Alpha)}");
            for (int j = 0; j < m; j++)
            {
                string expression = kernel.Derivative(t, $"delta[{j}]", $"z[{j}]", $"a[{j}]", layer.Alpha, fast, $"s{j}", out string? prelude);
                if (prelude is not null)
                {
                    w.Line(prelude);
                }

                w.Line($"{k} d{j} = {expression};");
            }
        }
        else
        {
            w.Line(!layer.IsLast ? "// dL/dz = dL/da: the identity passes the gradient through." : "// delta is dL/dz already.");
            for (int j = 0; j < m; j++)
            {
                w.Line($"{k} d{j} = delta[{j}];");
            }
        }

        w.Line();
        w.Line($"// dW{l} += xT delta: each weight's gradient is its input times its unit's delta.");
        for (int i = 0; i < n; i++)
        {
            w.Line($"{k} x{i} = x[{i}];");
            for (int j = 0; j < m; j++)
            {
                w.Line($"dW[{(i * m) + j}] = {VectorWidth.MultiplyAdd($"x{i}", $"d{j}", $"dW[{(i * m) + j}]")};");
            }
        }

        if (layer.HasBias)
        {
            w.Line();
            w.Line($"// db{l} += delta");
            for (int j = 0; j < m; j++)
            {
                w.Line($"db[{j}] += d{j};");
            }
        }

        if (layer.IsFirst)
        {
            return;
        }

        w.Line();
        w.Line($"// dL/dx = W{l} delta: what each input of this layer contributed, for layer {l - 1}.");
        for (int i = 0; i < n; i++)
        {
            string sum = $"w[{i * m}] * d0";
            for (int j = 1; j < m; j++)
            {
                sum = VectorWidth.MultiplyAdd($"w[{(i * m) + j}]", $"d{j}", sum);
            }

            w.Line($"previousDelta[{i}] = {sum};");
        }
    }

    /// <summary>delta *= f'(z), a vector at a time where the kernel has a vector form.</summary>
    private static void EmitDerivativeLoop(CodeWriter w, NetworkPlan plan, LayerPlan layer)
    {
        var t = plan.Numeric();
        var kernel = ActivationKernel.For(layer.Activation);
        if (!kernel.IsElementwise)
        {
            w.Line($"// dL/dz = {kernel.DescribeDerivative(layer.Alpha)}: every dz_j reads every da_k.");
            SoftmaxKernel.WriteJacobianProduct(w, t, layer.Units);
            return;
        }

        if (layer.HasSlopes)
        {
            w.Line($"// dL/dz = dL/da f'(z), {kernel.DescribeDerivative(layer.Alpha)}");
            using (w.Block($"for (int j = 0; j < {layer.Units}; j++)"))
            {
                foreach (string line in PReluKernel.WriteBackward(t, "z[j]", "delta[j]", "s[j]", "ds[j]"))
                {
                    w.Line(line);
                }
            }

            return;
        }

        w.Line($"// dL/dz = dL/da f'(z), {kernel.DescribeDerivative(layer.Alpha)}");
        string expression = kernel.Derivative(t, "delta[j]", "z[j]", "a[j]", layer.Alpha, plan.FastActivations, "s", out string? prelude);
        var scalar = prelude is null
            ? new[] { $"delta[j] = {expression};" }
            : new[] { prelude, $"delta[j] = {expression};" };
        if (!layer.VectorDerivative)
        {
            using (w.Block($"for (int j = 0; j < {layer.Units}; j++)"))
            {
                foreach (string line in scalar)
                {
                    w.Line(line);
                }
            }

            return;
        }

        // Each derivative reads z or a = f(z), not both.
        var reads = kernel.VectorDerivativeReads;
        bool usesZ = (reads & DerivativeReads.Z) != 0, usesA = (reads & DerivativeReads.A) != 0;
        w.Line(Code.RefTo(t, "gr", "delta"));
        w.Line(usesZ ? Code.RefTo(t, "zr", "z") : Code.RefTo(t, "ar", "a"));
        if (usesZ && usesA)
        {
            w.Line(Code.RefTo(t, "ar", "a"));
        }

        ElementwiseLoop.Emit(w, layer.Units, Widths(t, layer), v =>
        {
            var lines = new List<string> { $"{v.Vector} g = {v.LoadAt("gr", "j")};" };
            if (usesZ)
            {
                lines.Add($"{v.Vector} zv = {v.LoadAt("zr", "j")};");
            }

            if (usesA)
            {
                lines.Add($"{v.Vector} av = {v.LoadAt("ar", "j")};");
            }

            lines.Add(v.StoreAt(kernel.VectorDerivative(v, "g", "zv", "av", layer.Alpha, plan.FastActivations)!, "gr", "j"));
            return lines.ToArray();
        }, scalar);
    }

    /// <summary>The backward body of a vectorized layer: dW += x^T delta and (except for layer 1) dx = W delta.</summary>
    private static void EmitSimd(CodeWriter w, NumericType t, LayerPlan layer)
    {
        int l = layer.Number;
        bool first = layer.IsFirst;
        if (!first)
        {
            w.Line(Code.RefTo(t, "wr", "w"));
        }

        w.Line(Code.RefTo(t, "dWr", "dW"));
        w.Line(Code.RefTo(t, "dr", "delta"));
        w.Line();
        w.Line(first
            ? $"// dW{l} += x^T delta, one input (one row of W{l}) at a time."
            : $"// dW{l} += x^T delta and dL/dx = W{l} delta, one input (one row of W{l}) at a time.");
        var widths = layer.BackwardWidths.Select(p => VectorWidth.Of(p.Width, t)).ToList();
        WidthDispatch.Write(
            w,
            widths,
            v => EmitRowUpdates(w, t, layer, v, layer.BackwardWidths.First(p => p.Width.Bits == v.Bits)),
            () => EmitRowUpdateLoops(w, t, layer));

        if (!layer.HasBias)
        {
            return;
        }

        w.Line();
        w.Line($"// db{l} += delta");
        w.Line(Code.RefTo(t, "dbr", "db"));
        ElementwiseLoop.Emit(w, layer.Units, Widths(t, layer), v => new[] { v.StoreAt($"{v.LoadAt("dbr", "j")} + {v.LoadAt("dr", "j")}", "dbr", "j") }, new[] { "db[j] += delta[j];" });
    }

    private static void EmitRowUpdates(CodeWriter w, NumericType t, LayerPlan layer, VectorWidth v, SimdBackwardPlan widthPlan)
    {
        int n = layer.FanIn, m = layer.Units, full = widthPlan.FullVectors;
        bool first = layer.IsFirst;
        string k = t.Keyword;
        using (w.Block($"for (int i = 0; i < {n}; i++)"))
        {
            w.Line($"{k} xi = x[i];");
            w.Line($"{v.Vector} xv = {v.Broadcast("xi")};");
            w.Line($"ref {k} dWRow = ref {Code.Unsafe}.Add(ref dWr, i * {m});");
            if (!first)
            {
                w.Line($"ref {k} wRow = ref {Code.Unsafe}.Add(ref wr, i * {m});");
                w.Line($"{v.Vector} dot0 = {v.Zero};");
                w.Line($"{v.Vector} dot1 = {v.Zero};");
            }

            if (widthPlan.RowUnrolled)
            {
                for (int c = 0; c < full; c++)
                {
                    int offset = c * v.Lanes;
                    w.Line($"{v.Vector} d{c} = {v.Load("dr", offset)};");
                    w.Line(v.Store(VectorWidth.MultiplyAdd("xv", $"d{c}", v.Load("dWRow", offset)), "dWRow", offset));
                    if (!first)
                    {
                        w.Line($"dot{c % 2} = {VectorWidth.MultiplyAdd(v.Load("wRow", offset), $"d{c}", $"dot{c % 2}")};");
                    }
                }
            }
            else
            {
                using (w.Block($"for (int j = 0; j < {full * v.Lanes}; j += {v.Lanes})"))
                {
                    w.Line($"{v.Vector} d = {v.LoadAt("dr", "j")};");
                    w.Line(v.StoreAt(VectorWidth.MultiplyAdd("xv", "d", v.LoadAt("dWRow", "j")), "dWRow", "j"));
                    if (!first)
                    {
                        w.Line($"dot0 = {VectorWidth.MultiplyAdd(v.LoadAt("wRow", "j"), "d", "dot0")};");
                    }
                }
            }

            if (!first)
            {
                w.Line($"{k} sum = {v.Sum("dot0 + dot1")};");
            }

            for (int j = full * v.Lanes; j < m; j++)
            {
                string gradient = $"{Code.Unsafe}.Add(ref dWRow, {j})";
                w.Line($"{gradient} = {VectorWidth.MultiplyAdd("xi", $"delta[{j}]", gradient)};");
                if (!first)
                {
                    w.Line($"sum = {VectorWidth.MultiplyAdd($"{Code.Unsafe}.Add(ref wRow, {j})", $"delta[{j}]", "sum")};");
                }
            }

            if (!first)
            {
                w.Line("previousDelta[i] = sum;");
            }
        }
    }

    /// <summary>The scalar loops of dW += x^T delta and dx = W delta, for machines without SIMD.</summary>
    private static void EmitRowUpdateLoops(CodeWriter w, NumericType t, LayerPlan layer)
    {
        int n = layer.FanIn, m = layer.Units;
        bool first = layer.IsFirst;
        string k = t.Keyword;
        using (w.Block($"for (int i = 0; i < {n}; i++)"))
        {
            w.Line($"{k} xi = x[i];");
            w.Line($"{t.Span} dWRow = dW.Slice(i * {m}, {m});");
            if (!first)
            {
                w.Line($"{t.ReadOnlySpan} row = w.Slice(i * {m}, {m});");
                w.Line($"{k} sum = {t.Literal(0)};");
            }

            using (w.Block($"for (int j = 0; j < {m}; j++)"))
            {
                w.Line($"dWRow[j] = {VectorWidth.MultiplyAdd("xi", "delta[j]", "dWRow[j]")};");
                if (!first)
                {
                    w.Line($"sum = {VectorWidth.MultiplyAdd("row[j]", "delta[j]", "sum")};");
                }
            }

            if (!first)
            {
                w.Line("previousDelta[i] = sum;");
            }
        }
    }

    private static List<VectorWidth> Widths(NumericType t, LayerPlan layer) =>
        layer.ElementwiseWidths.Select(shape => VectorWidth.Of(shape, t)).ToList();
}
