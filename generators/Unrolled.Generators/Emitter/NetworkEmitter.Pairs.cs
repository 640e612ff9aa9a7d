using System.Linq;
using Unrolled.Generators.Model;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emitter;

// Batches of a network too large for lanes run two samples at a time: each weight vector, loaded once, is
// multiplied into both samples' accumulators. That halves the weight traffic (which does not fit in L1 for
// 64-64-64-10 and larger) and doubles the independent chains of multiply-adds that hide the FMA latency.
internal sealed partial class NetworkEmitter
{
    /// <summary>Accumulators per sample in one pass over the inputs: two samples fill the eight of a single sample.</summary>
    private const int PairVectors = Accumulators / 2;

    /// <summary>Networks whose layers are all vectorized and whose batches no faster path (lanes, registers) takes.</summary>
    private bool UsesPairs => !UsesLanes && !UsesRegisters && _model.Layers.All(l => !l.Unrolled);

    /// <summary>In Forward's scratch block: pairs of samples first; sample 0 keeps its values in the scratch's a regions, sample 1 in its z regions.</summary>
    private void EmitPairLoop()
    {
        _w.Line("// Two samples at a time: each weight vector loaded once serves both.");
        using (_w.Block("for (; s + 1 < samples; s += 2)"))
        {
            string x0 = "input.Slice(s * InputCount, InputCount)", x1 = "input.Slice((s + 1) * InputCount, InputCount)";
            for (int l = 0; l < LayerCount; l++)
            {
                var layer = _model.Layers[l];
                bool last = l == LayerCount - 1;
                string a0 = last ? "output.Slice(s * OutputCount, OutputCount)" : Slice("scratch", _layout.ScratchA(l, layer), layer.Units);
                string a1 = last ? "output.Slice((s + 1) * OutputCount, OutputCount)" : Slice("scratch", _layout.ScratchZ(l), layer.Units);
                _w.Line($"{ForwardLayerPair(l + 1)}(parameters, {x0}, {x1}, {a0}, {a1});");
                x0 = a0;
                x1 = a1;
            }
        }
    }

    private void EmitForwardLayerPair(int l)
    {
        var layer = _model.Layers[l];
        int n = layer.FanIn, m = layer.Units;
        bool vectorActivation = HasVectorActivation(layer.Activation);
        var widths = VectorWidth.For(_t, m).ToList();
        _w.Line();
        _w.Line($"/// <summary>{Header(l)} for two samples at once: a = {ActivationName(layer.Activation)}(x W{l + 1} + b{l + 1}), each weight vector loaded once for both.</summary>");
        using (_w.Block($"private static void {ForwardLayerPair(l + 1)}({_t.ReadOnlySpan} parameters, {_t.ReadOnlySpan} x0, {_t.ReadOnlySpan} x1, {_t.Span} a0, {_t.Span} a1)"))
        {
            EmitParameterViews(l, "parameters", _t.ReadOnlySpan, "w", "b");
            _w.Line("// Constant lengths let the JIT drop the bounds checks below.");
            _w.Line($"x0 = x0.Slice(0, {n});");
            _w.Line($"x1 = x1.Slice(0, {n});");
            _w.Line($"a0 = a0.Slice(0, {m});");
            _w.Line($"a1 = a1.Slice(0, {m});");
            _w.Line();
            _w.Line($"ref {_t.Keyword} wr = ref {MemoryMarshal}.GetReference(w);");
            _w.Line($"ref {_t.Keyword} br = ref {MemoryMarshal}.GetReference(b);");
            _w.Line($"ref {_t.Keyword} a0r = ref {MemoryMarshal}.GetReference(a0);");
            _w.Line($"ref {_t.Keyword} a1r = ref {MemoryMarshal}.GetReference(a1);");
            _w.Line();
            for (int k = 0; k < widths.Count; k++)
            {
                using (_w.Block($"{(k == 0 ? "if" : "else if")} ({widths[k].IsAccelerated})"))
                {
                    EmitPairAffine(widths[k], n, m, vectorActivation ? layer : (LayerModel?)null);
                }
            }

            using (_w.Block(widths.Count == 0 ? "// No vector fits this layer." : "else"))
            {
                _w.Line("// Without SIMD: one sample after the other.");
                foreach (string sample in new[] { "0", "1" })
                {
                    using (_w.Block())
                    {
                        _w.Line($"{_t.ReadOnlySpan} x = x{sample};");
                        _w.Line($"{_t.Span} z = a{sample};");
                        _w.Line($"{_t.Span} a = a{sample};");
                        EmitLoopAffineBody(l);
                        if (vectorActivation)
                        {
                            EmitScalarActivationLoop(layer);
                        }
                    }
                }
            }

            if (!vectorActivation)
            {
                _w.Line();
                _w.Line($"// a = {ActivationCode.Describe(layer.Activation, layer.Alpha)}, in place over the stored z");
                foreach (string sample in new[] { "0", "1" })
                {
                    using (_w.Block())
                    {
                        _w.Line($"{_t.Span} z = a{sample};");
                        _w.Line($"{_t.Span} a = a{sample};");
                        if (layer.Activation == Activation.Softmax)
                        {
                            EmitSoftmax(m, unrolled: false);
                        }
                        else
                        {
                            EmitScalarActivationLoop(layer);
                        }
                    }
                }
            }
        }
    }

    private void EmitPairAffine(VectorWidth v, int n, int m, LayerModel? activation)
    {
        // As in the single-sample code: vectors cover the units, the last one moved back to end at the last unit.
        var offsets = VectorOffsets(m, v).ToList();
        int count = offsets.Count;
        for (int first = 0; first < count; first += PairVectors)
        {
            var chunk = offsets.Skip(first).Take(PairVectors).ToList();
            using (_w.Block())
            {
                _w.Line($"// units {chunk[0]} to {chunk[chunk.Count - 1] + v.Lanes - 1} of both samples");
                // With few vectors, the inputs are split over partial sums too, so that eight chains of multiply-adds stay in flight.
                int partials = 2 * chunk.Count >= Accumulators || n < 8 ? 1 : System.Math.Min(4, Accumulators / (2 * chunk.Count));
                for (int k = 0; k < chunk.Count; k++)
                {
                    _w.Line($"{v.Vector} s0_{k} = {v.Load("br", chunk[k])};");
                    _w.Line($"{v.Vector} s1_{k} = s0_{k};");
                    for (int q = 1; q < partials; q++)
                    {
                        _w.Line($"{v.Vector} s0_{k}_{q} = {v.Zero};");
                        _w.Line($"{v.Vector} s1_{k}_{q} = {v.Zero};");
                    }
                }

                int whole = n - (n % partials);
                using (_w.Block(partials == 1 ? $"for (int i = 0; i < {n}; i++)" : $"for (int i = 0; i < {whole}; i += {partials})"))
                {
                    _w.Line($"ref {_t.Keyword} row = ref {Unsafe}.Add(ref wr, i * {m});");
                    for (int q = 0; q < partials; q++)
                    {
                        string i = q == 0 ? "i" : $"i + {q}";
                        string suffix = q == 0 ? string.Empty : $"_{q}";
                        _w.Line($"{v.Vector} x0_{q} = {v.Broadcast($"x0[{i}]")};");
                        _w.Line($"{v.Vector} x1_{q} = {v.Broadcast($"x1[{i}]")};");
                        for (int k = 0; k < chunk.Count; k++)
                        {
                            _w.Line($"{v.Vector} w{q}_{k} = {v.Load("row", (q * m) + chunk[k])};");
                            _w.Line($"s0_{k}{suffix} = {VectorWidth.MultiplyAdd($"x0_{q}", $"w{q}_{k}", $"s0_{k}{suffix}")};");
                            _w.Line($"s1_{k}{suffix} = {VectorWidth.MultiplyAdd($"x1_{q}", $"w{q}_{k}", $"s1_{k}{suffix}")};");
                        }
                    }
                }

                for (int i = whole; i < n; i++)
                {
                    for (int k = 0; k < chunk.Count; k++)
                    {
                        string weight = v.Load("wr", (i * m) + chunk[k]);
                        _w.Line($"s0_{k} = {VectorWidth.MultiplyAdd(v.Broadcast($"x0[{i}]"), weight, $"s0_{k}")};");
                        _w.Line($"s1_{k} = {VectorWidth.MultiplyAdd(v.Broadcast($"x1[{i}]"), weight, $"s1_{k}")};");
                    }
                }

                for (int k = 0; k < chunk.Count && partials > 1; k++)
                {
                    foreach (string sample in new[] { "0", "1" })
                    {
                        var terms = Enumerable.Range(0, partials).Select(q => q == 0 ? $"s{sample}_{k}" : $"s{sample}_{k}_{q}");
                        _w.Line($"s{sample}_{k} = {string.Join(" + ", terms)};");
                    }
                }

                for (int k = 0; k < chunk.Count; k++)
                {
                    foreach (string sample in new[] { "0", "1" })
                    {
                        string value = activation is { } layer
                            ? VectorActivation(v, layer.Activation, layer.Alpha, $"s{sample}_{k}")
                            : $"s{sample}_{k}";
                        _w.Line(v.Store(value, $"a{sample}r", chunk[k]));
                    }
                }
            }
        }
    }
}
