using System.Collections.Generic;
using System.Linq;
using Unrolled.Generators.Model;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emitter;

// One forward and one backward method per layer, so that no method outgrows what the JIT optimizes. Each writes
// a small layer as straight-line statements and a large one as constant-bound loops.
internal sealed partial class NetworkEmitter
{

    private string Header(int l)
    {
        var layer = _model.Layers[l];
        return $"Layer {l + 1} (Dense {layer.FanIn} -> {layer.Units}, {layer.Activation})";
    }

    /// <summary>Declares <c>w</c> and <c>b</c>, the layer's views of the parameters (or gradients), with constant lengths.</summary>
    private void EmitParameterViews(int l, string source, string spanType, string weights, string bias)
    {
        var layer = _model.Layers[l];
        int n = layer.FanIn, m = layer.Units;
        _w.Line($"{spanType} {weights} = {source}.Slice({_layout.Weights(l)}, {n * m}); // W{l + 1}[{n}, {m}]: [i * {m} + j] connects input i to unit j");
        _w.Line($"{spanType} {bias} = {source}.Slice({_layout.Bias(l, layer)}, {m}); // b{l + 1}[{m}]");
    }

    private void EmitForwardLayer(int l)
    {
        var layer = _model.Layers[l];
        int n = layer.FanIn, m = layer.Units;
        _w.Line();
        _w.Line($"/// <summary>{Header(l)}: z = x W{l + 1} + b{l + 1}, a = {ActivationName(layer.Activation)}(z).</summary>");
        using (_w.Block($"private static void {ForwardLayer(l + 1)}({_t.ReadOnlySpan} parameters, {_t.ReadOnlySpan} x, {_t.Span} z, {_t.Span} a)"))
        {
            EmitParameterViews(l, "parameters", _t.ReadOnlySpan, "w", "b");
            _w.Line("// Constant lengths let the JIT drop the bounds checks below.");
            _w.Line($"x = x.Slice(0, {n});");
            _w.Line($"z = z.Slice(0, {m});");
            _w.Line($"a = a.Slice(0, {m});");
            _w.Line();
            if (!layer.Unrolled)
            {
                EmitVectorForward(l);
                return;
            }

            EmitUnrolledAffine(l);
            _w.Line();
            _w.Line($"// a = {ActivationCode.Describe(layer.Activation, layer.Alpha)}");
            if (layer.Activation == Activation.Softmax)
            {
                EmitSoftmax(m, unrolled: true);
                return;
            }

            for (int j = 0; j < m; j++)
            {
                _w.Line($"a[{j}] = {ActivationCode.Forward(_t, layer.Activation, layer.Alpha, $"z{j}", FastActivations)};");
            }
        }
    }

    private void EmitUnrolledAffine(int l)
    {
        var layer = _model.Layers[l];
        int n = layer.FanIn, m = layer.Units;
        _w.Line($"// z = x W{l + 1} + b{l + 1}, unit by unit: zj = bj, then zj += xi W[i, j] for each input i (fused multiply-adds).");
        for (int i = 0; i < n; i++)
        {
            _w.Line($"{_t.Keyword} x{i} = x[{i}];");
        }

        // A narrow layer has few independent chains; with many inputs each unit's sum is split in partial sums.
        int partials = PartialSums(m, n);
        for (int j = 0; j < m; j++)
        {
            _w.Line($"{_t.Keyword} z{j} = b[{j}];");
            for (int p = 1; p < partials; p++)
            {
                _w.Line($"{_t.Keyword} z{j}_{p} = {_t.Literal(0)};");
            }

            for (int i = 0; i < n; i++)
            {
                string sum = i % partials == 0 ? $"z{j}" : $"z{j}_{i % partials}";
                _w.Line($"{sum} = {VectorWidth.MultiplyAdd($"x{i}", $"w[{(i * m) + j}]", sum)};");
            }

            if (partials > 1)
            {
                _w.Line($"z{j} = {string.Join(" + ", new[] { $"z{j}" }.Concat(Enumerable.Range(1, partials - 1).Select(p => $"z{j}_{p}")))};");
            }
        }

        for (int j = 0; j < m; j++)
        {
            _w.Line($"z[{j}] = z{j};");
        }
    }

    /// <summary>The scalar loops of z = b + x W, for machines without SIMD.</summary>
    private void EmitLoopAffineBody(int l)
    {
        var layer = _model.Layers[l];
        int n = layer.FanIn, m = layer.Units;
        _w.Line($"// z = b{l + 1} + x W{l + 1}: start from the bias, then add each input times its row of W{l + 1} (rows are contiguous).");
        _w.Line("b.CopyTo(z);");
        using (_w.Block($"for (int i = 0; i < {n}; i++)"))
        {
            _w.Line($"{_t.Keyword} xi = x[i];");
            _w.Line($"{_t.ReadOnlySpan} row = w.Slice(i * {m}, {m});");
            using (_w.Block($"for (int j = 0; j < {m}; j++)"))
            {
                _w.Line($"z[j] = {VectorWidth.MultiplyAdd("xi", "row[j]", "z[j]")};");
            }
        }
    }

    /// <summary>a = softmax(z), shifted by the largest logit so that no exponential overflows.</summary>
    private void EmitSoftmax(int m, bool unrolled)
    {
        string k = _t.Keyword;
        if (unrolled)
        {
            _w.Line($"{k} max = z0;");
            for (int j = 1; j < m; j++)
            {
                _w.Line($"max = {_t.Call("Max", "max", $"z{j}")};");
            }

            for (int j = 0; j < m; j++)
            {
                _w.Line($"{k} e{j} = {ActivationCode.Exp(_t, $"z{j} - max", FastActivations)};");
            }

            _w.Line($"{k} sum = {string.Join(" + ", Enumerable.Range(0, m).Select(j => $"e{j}"))};");
            for (int j = 0; j < m; j++)
            {
                _w.Line($"a[{j}] = e{j} / sum;");
            }

            return;
        }

        _w.Line($"{k} max = z[0];");
        using (_w.Block($"for (int j = 1; j < {m}; j++)"))
        {
            _w.Line($"max = {_t.Call("Max", "max", "z[j]")};");
        }

        _w.Line($"{k} sum = {_t.Literal(0)};");
        using (_w.Block($"for (int j = 0; j < {m}; j++)"))
        {
            _w.Line($"a[j] = {ActivationCode.Exp(_t, "z[j] - max", FastActivations)};");
            _w.Line("sum += a[j];");
        }

        using (_w.Block($"for (int j = 0; j < {m}; j++)"))
        {
            _w.Line("a[j] /= sum;");
        }
    }

    private void EmitBackwardLayer(int l)
    {
        var layer = _model.Layers[l];
        int n = layer.FanIn, m = layer.Units;
        bool hidden = l < LayerCount - 1;
        bool first = l == 0;
        _w.Line();
        _w.Line("/// <summary>");
        _w.Line($"/// {Header(l)}, backward: turns delta = dL/da into dL/dz (the output layer's delta is dL/dz already),");
        _w.Line($"/// adds dW{l + 1} += xT delta and db{l + 1} += delta{(first ? string.Empty : ", and writes dL/dx = W delta to previousDelta")}.");
        _w.Line("/// </summary>");
        string previous = first ? string.Empty : $", {_t.Span} previousDelta";
        using (_w.Block($"private static void {BackwardLayer(l + 1)}({_t.ReadOnlySpan} parameters, {_t.Span} gradients, "
            + $"{_t.ReadOnlySpan} x, {_t.ReadOnlySpan} z, {_t.ReadOnlySpan} a, {_t.Span} delta{previous})"))
        {
            bool needsActivation = hidden && layer.Activation != Activation.Identity;
            if (!first)
            {
                _w.Line($"{_t.ReadOnlySpan} w = parameters.Slice({_layout.Weights(l)}, {n * m}); // W{l + 1}[{n}, {m}]: [i * {m} + j] connects input i to unit j");
            }

            EmitParameterViews(l, "gradients", _t.Span, "gw", "gb");
            _w.Line($"x = x.Slice(0, {n});");
            if (needsActivation)
            {
                _w.Line($"z = z.Slice(0, {m});");
                _w.Line($"a = a.Slice(0, {m});");
            }

            _w.Line($"delta = delta.Slice(0, {m});");
            if (!first)
            {
                _w.Line($"previousDelta = previousDelta.Slice(0, {n});");
            }

            _w.Line();
            if (layer.Unrolled)
            {
                EmitUnrolledBackward(l, hidden, first);
                return;
            }

            if (hidden && layer.Activation != Activation.Identity)
            {
                EmitActivationDerivativeLoop(layer);
                _w.Line();
            }

            EmitVectorBackward(l, first);
        }
    }

    private void EmitUnrolledBackward(int l, bool hidden, bool first)
    {
        var layer = _model.Layers[l];
        int n = layer.FanIn, m = layer.Units;
        string k = _t.Keyword;
        if (hidden && layer.Activation != Activation.Identity)
        {
            _w.Line($"// dL/dz = dL/da f'(z), {ActivationCode.DescribeDerivative(layer.Activation, layer.Alpha)}");
            for (int j = 0; j < m; j++)
            {
                string expression = ActivationCode.Backward(_t, layer.Activation, layer.Alpha, $"delta[{j}]", $"z[{j}]", $"a[{j}]", $"s{j}", out string? prelude);
                if (prelude is not null)
                {
                    _w.Line(prelude);
                }

                _w.Line($"{k} d{j} = {expression};");
            }
        }
        else
        {
            _w.Line(hidden ? "// dL/dz = dL/da: the identity passes the gradient through." : "// delta is dL/dz already.");
            for (int j = 0; j < m; j++)
            {
                _w.Line($"{k} d{j} = delta[{j}];");
            }
        }

        _w.Line();
        _w.Line($"// dW{l + 1} += xT delta: each weight's gradient is its input times its unit's delta.");
        for (int i = 0; i < n; i++)
        {
            _w.Line($"{k} x{i} = x[{i}];");
            for (int j = 0; j < m; j++)
            {
                _w.Line($"gw[{(i * m) + j}] = {VectorWidth.MultiplyAdd($"x{i}", $"d{j}", $"gw[{(i * m) + j}]")};");
            }
        }

        _w.Line();
        _w.Line($"// db{l + 1} += delta");
        for (int j = 0; j < m; j++)
        {
            _w.Line($"gb[{j}] += d{j};");
        }

        if (first)
        {
            return;
        }

        _w.Line();
        _w.Line($"// dL/dx = W{l + 1} delta: what each input of this layer contributed, for layer {l}.");
        for (int i = 0; i < n; i++)
        {
            string sum = $"w[{i * m}] * d0";
            for (int j = 1; j < m; j++)
            {
                sum = VectorWidth.MultiplyAdd($"w[{(i * m) + j}]", $"d{j}", sum);
            }

            _w.Line($"previousDelta[{i}] = {sum};");
        }
    }

    private void EmitActivationDerivativeLoop(LayerModel layer)
    {
        _w.Line($"// dL/dz = dL/da f'(z), {ActivationCode.DescribeDerivative(layer.Activation, layer.Alpha)}");
        string expression = ActivationCode.Backward(_t, layer.Activation, layer.Alpha, "delta[j]", "z[j]", "a[j]", "s", out string? prelude);
        var scalar = prelude is null
            ? new[] { $"delta[j] = {expression};" }
            : new[] { prelude, $"delta[j] = {expression};" };
        if (VectorDerivative(VectorWidth.Of(128, _t), layer, "g", "zv", "av") is null)
        {
            using (_w.Block($"for (int j = 0; j < {layer.Units}; j++)"))
            {
                foreach (string line in scalar)
                {
                    _w.Line(line);
                }
            }

            return;
        }

        // Each derivative reads z or a = f(z), not both.
        string sample = VectorDerivative(VectorWidth.Of(128, _t), layer, "g", "zv", "av")!;
        bool usesZ = sample.Contains("zv"), usesA = sample.Contains("av");
        _w.Line($"ref {_t.Keyword} gr = ref {MemoryMarshal}.GetReference(delta);");
        _w.Line(usesZ ? $"ref {_t.Keyword} zr = ref {MemoryMarshal}.GetReference(z);" : $"ref {_t.Keyword} ar = ref {MemoryMarshal}.GetReference(a);");
        if (usesZ && usesA)
        {
            _w.Line($"ref {_t.Keyword} ar = ref {MemoryMarshal}.GetReference(a);");
        }

        EmitElementwise(layer.Units, v =>
        {
            var lines = new System.Collections.Generic.List<string> { $"{v.Vector} g = {v.LoadAt("gr", "j")};" };
            if (usesZ)
            {
                lines.Add($"{v.Vector} zv = {v.LoadAt("zr", "j")};");
            }

            if (usesA)
            {
                lines.Add($"{v.Vector} av = {v.LoadAt("ar", "j")};");
            }

            lines.Add(v.StoreAt(VectorDerivative(v, layer, "g", "zv", "av")!, "gr", "j"));
            return lines.ToArray();
        }, scalar);
    }

    /// <summary>g f'(z) for a vector of units, the formulas of <see cref="ActivationCode.Backward"/>; null where only the scalar form exists.</summary>
    private string? VectorDerivative(VectorWidth v, LayerModel layer, string g, string z, string a)
    {
        string one = v.Broadcast(_t.Literal(1)), alpha = v.Broadcast(_t.Literal(layer.Alpha));
        string positive = $"{v.Type}.GreaterThan({z}, {v.Zero})";
        return layer.Activation switch
        {
            Activation.Sigmoid => $"{g} * {a} * ({one} - {a})",
            Activation.Tanh => $"{g} * ({one} - {a} * {a})",
            Activation.Relu => $"{v.Type}.ConditionalSelect({positive}, {g}, {v.Zero})",
            Activation.LeakyRelu => $"{v.Type}.ConditionalSelect({positive}, {g}, {alpha} * {g})",
            Activation.Elu => $"{v.Type}.ConditionalSelect({positive}, {g}, {g} * ({a} + {alpha}))",
            Activation.Softplus when FastActivations => $"{g} * {ActivationCode.FastMath}.Sigmoid({z})",
            _ => null,
        };
    }

    /// <summary>
    /// An element-wise loop over <paramref name="units"/> elements (index j): whole vectors at the widest accelerated
    /// width, the remainder (and machines without SIMD) with the scalar statements. No lane is processed twice, so
    /// the statements may update in place.
    /// </summary>
    private void EmitElementwise(int units, System.Func<VectorWidth, string[]> vector, string[] scalar)
    {
        var widths = VectorWidth.For(_t, units).ToList();
        for (int k = 0; k < widths.Count; k++)
        {
            var v = widths[k];
            int whole = units - (units % v.Lanes);
            using (_w.Block($"{(k == 0 ? "if" : "else if")} ({v.IsAccelerated})"))
            {
                using (_w.Block($"for (int j = 0; j < {whole}; j += {v.Lanes})"))
                {
                    foreach (string line in vector(v))
                    {
                        _w.Line(line);
                    }
                }

                if (whole < units)
                {
                    using (_w.Block($"for (int j = {whole}; j < {units}; j++)"))
                    {
                        foreach (string line in scalar)
                        {
                            _w.Line(line);
                        }
                    }
                }
            }
        }

        using (_w.Block(widths.Count == 0 ? $"for (int j = 0; j < {units}; j++)" : "else"))
        {
            if (widths.Count == 0)
            {
                foreach (string line in scalar)
                {
                    _w.Line(line);
                }
            }
            else
            {
                using (_w.Block($"for (int j = 0; j < {units}; j++)"))
                {
                    foreach (string line in scalar)
                    {
                        _w.Line(line);
                    }
                }
            }
        }
    }

    /// <summary>The scalar loops of dW += x^T delta and dx = W delta, for machines without SIMD.</summary>
    private void EmitLoopRowUpdates(int l, bool first)
    {
        var layer = _model.Layers[l];
        int n = layer.FanIn, m = layer.Units;
        string k = _t.Keyword;
        using (_w.Block($"for (int i = 0; i < {n}; i++)"))
        {
            _w.Line($"{k} xi = x[i];");
            _w.Line($"{_t.Span} gradientRow = gw.Slice(i * {m}, {m});");
            if (!first)
            {
                _w.Line($"{_t.ReadOnlySpan} row = w.Slice(i * {m}, {m});");
                _w.Line($"{k} sum = {_t.Literal(0)};");
            }

            using (_w.Block($"for (int j = 0; j < {m}; j++)"))
            {
                _w.Line($"gradientRow[j] = {VectorWidth.MultiplyAdd("xi", "delta[j]", "gradientRow[j]")};");
                if (!first)
                {
                    _w.Line($"sum = {VectorWidth.MultiplyAdd("row[j]", "delta[j]", "sum")};");
                }
            }

            if (!first)
            {
                _w.Line("previousDelta[i] = sum;");
            }
        }
    }

    private static string ActivationName(Activation activation) => activation switch
    {
        Activation.LeakyRelu => "leaky_relu",
        _ => activation.ToString().ToLowerInvariant(),
    };
}
