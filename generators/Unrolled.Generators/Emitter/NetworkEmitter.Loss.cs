using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emitter;

// The loss of one sample and its gradient at the output layer, written as the interpreter's LossMath computes them.
internal sealed partial class NetworkEmitter
{
    private void EmitComputeLoss()
    {
        int m = _model.Outputs;
        string k = _t.Keyword, zero = _t.Literal(0);
        _w.Line();
        _w.Line("/// <summary>The loss of one sample from the output layer's z and a.</summary>");
        using (_w.Block($"private static {k} {ComputeLoss}({_t.ReadOnlySpan} z, {_t.ReadOnlySpan} a, {_t.ReadOnlySpan} target)"))
        {
            _w.Line($"z = z.Slice(0, {m});");
            _w.Line($"a = a.Slice(0, {m});");
            _w.Line($"target = target.Slice(0, {m});");
            _w.Line($"{k} sum = {zero};");
            switch (_model.Loss)
            {
                case LossFunction.CrossEntropy:
                    _w.Line("// -sum_k t_k log softmax(z)_k = sum_k t_k (logsumexp(z) - z_k), logsumexp taken around the largest logit.");
                    _w.Line($"{k} max = z[0];");
                    using (_w.Block($"for (int k = 1; k < {m}; k++)"))
                    {
                        _w.Line($"max = {_t.Call("Max", "max", "z[k]")};");
                    }

                    _w.Line($"{k} exps = {zero};");
                    using (_w.Block($"for (int k = 0; k < {m}; k++)"))
                    {
                        _w.Line($"exps += {_t.Call("Exp", "z[k] - max")};");
                    }

                    _w.Line($"{k} logSumExp = max + {_t.Call("Log", "exps")};");
                    using (_w.Block($"for (int k = 0; k < {m}; k++)"))
                    {
                        _w.Line("sum += target[k] * (logSumExp - z[k]);");
                    }

                    _w.Line("return sum;");
                    break;

                case LossFunction.BinaryCrossEntropy:
                    _w.Line("// Mean over the outputs of -[t log s(z) + (1 - t) log(1 - s(z))] = max(z, 0) - z t + log(1 + e^-|z|).");
                    using (_w.Block($"for (int k = 0; k < {m}; k++)"))
                    {
                        _w.Line($"sum += {_t.Call("Max", "z[k]", zero)} - z[k] * target[k] + "
                            + $"{_t.Call("Log", $"{_t.Literal(1)} + {_t.Call("Exp", "-" + _t.Call("Abs", "z[k]"))}")};");
                    }

                    _w.Line($"return sum / {_t.Literal(m)};");
                    break;

                default:
                    _w.Line("// Mean over the outputs of (a - t)^2.");
                    using (_w.Block($"for (int k = 0; k < {m}; k++)"))
                    {
                        _w.Line($"{k} e = a[k] - target[k];");
                        _w.Line("sum += e * e;");
                    }

                    _w.Line($"return sum / {_t.Literal(m)};");
                    break;
            }
        }
    }

    private void EmitOutputDelta()
    {
        var output = _model.Layers[LayerCount - 1];
        int m = output.Units;
        string k = _t.Keyword, count = _t.Literal(m);
        _w.Line();
        _w.Line("/// <summary>dL/dz of the output layer, written to <paramref name=\"delta\"/>.</summary>");
        using (_w.Block($"private static void {OutputDelta}({_t.ReadOnlySpan} z, {_t.ReadOnlySpan} a, {_t.ReadOnlySpan} target, {_t.Span} delta)"))
        {
            _w.Line($"z = z.Slice(0, {m});");
            _w.Line($"a = a.Slice(0, {m});");
            _w.Line($"target = target.Slice(0, {m});");
            _w.Line($"delta = delta.Slice(0, {m});");
            switch (_model.Loss)
            {
                case LossFunction.CrossEntropy:
                    _w.Line("// Softmax and cross-entropy fused: dL/dz = softmax(z) sum(t) - t (= a - t for targets that sum to 1).");
                    _w.Line($"{k} total = {_t.Literal(0)};");
                    using (_w.Block($"for (int k = 0; k < {m}; k++)"))
                    {
                        _w.Line("total += target[k];");
                    }

                    using (_w.Block($"for (int k = 0; k < {m}; k++)"))
                    {
                        _w.Line("delta[k] = a[k] * total - target[k];");
                    }

                    break;

                case LossFunction.BinaryCrossEntropy:
                    _w.Line("// Sigmoid and binary cross-entropy fused: dL/dz = (sigmoid(z) - t) / outputs.");
                    using (_w.Block($"for (int k = 0; k < {m}; k++)"))
                    {
                        _w.Line($"delta[k] = (a[k] - target[k]) / {count};");
                    }

                    break;

                default:
                    _w.Line("// dL/da = 2 (a - t) / outputs, then through the output activation to dL/dz.");
                    using (_w.Block($"for (int k = 0; k < {m}; k++)"))
                    {
                        _w.Line($"delta[k] = {_t.Literal(2)} * (a[k] - target[k]) / {count};");
                    }

                    EmitOutputActivationBackward(output, m);
                    break;
            }
        }
    }

    private void EmitOutputActivationBackward(Model.LayerModel output, int m)
    {
        if (output.Activation == Activation.Identity)
        {
            return;
        }

        _w.Line($"// {ActivationCode.DescribeDerivative(output.Activation, output.Alpha)}");
        if (output.Activation == Activation.Softmax)
        {
            _w.Line($"{_t.Keyword} dot = {_t.Literal(0)};");
            using (_w.Block($"for (int k = 0; k < {m}; k++)"))
            {
                _w.Line("dot += delta[k] * a[k];");
            }

            using (_w.Block($"for (int k = 0; k < {m}; k++)"))
            {
                _w.Line("delta[k] = a[k] * (delta[k] - dot);");
            }

            return;
        }

        using (_w.Block($"for (int k = 0; k < {m}; k++)"))
        {
            string expression = ActivationCode.Backward(_t, output.Activation, output.Alpha, "delta[k]", "z[k]", "a[k]", "s", out string? prelude);
            if (prelude is not null)
            {
                _w.Line(prelude);
            }

            _w.Line($"delta[k] = {expression};");
        }
    }
}
