using System;
using System.Collections.Generic;
using System.Linq;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Emitter;

// Layers too wide to unroll as scalars run as constant-bound SIMD code: one branch per vector width the layer
// fills (the JIT keeps only the branch the machine accelerates), then a scalar branch for machines without SIMD.
// Weights are input-major, so each input is broadcast against contiguous rows of W: several independent
// accumulators per input keep the FMA units busy.
internal sealed partial class NetworkEmitter
{
    /// <summary>Independent accumulators per pass over the inputs: enough to cover FMA latency, few enough for the registers.</summary>
    private const int Accumulators = 8;

    /// <summary>Up to this many inputs, the loop over the inputs is written out.</summary>
    private const int UnrolledInputs = 4;

    /// <summary>Up to this many vectors per row, the backward pass writes the row out.</summary>
    private const int UnrolledRowVectors = 16;

    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    private const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    /// <summary>
    /// Whether the SIMD branches apply the activation themselves (otherwise a scalar loop follows them). Activations
    /// that FastMath approximates stay scalar, with the Math functions, when the network asks for exact activations.
    /// </summary>
    private bool HasVectorActivation(Activation activation) => activation switch
    {
        Activation.Identity or Activation.Relu or Activation.LeakyRelu => true,
        Activation.Sigmoid or Activation.Tanh or Activation.Elu or Activation.Silu => FastActivations,
        _ => false,
    };

    /// <summary>Float networks use FastMath's approximations unless declared with ExactActivations.</summary>
    private bool FastActivations => _t == NumericType.Single && !_model.ExactActivations;

    private string VectorActivation(VectorWidth v, Activation activation, double alpha, string z)
    {
        string fast = ActivationCode.FastMath;
        string positive = $"{v.Type}.GreaterThan({z}, {v.Zero})";
        return activation switch
        {
            Activation.Relu => $"{v.Type}.Max({z}, {v.Zero})",
            Activation.LeakyRelu => $"{v.Type}.ConditionalSelect({positive}, {z}, {z} * {v.Broadcast(_t.Literal(alpha))})",
            Activation.Sigmoid => $"{fast}.Sigmoid({z})",
            Activation.Tanh => $"{fast}.Tanh({z})",
            Activation.Elu => $"{v.Type}.ConditionalSelect({positive}, {z}, {v.Broadcast(_t.Literal(alpha))} * ({fast}.Exp({z}) - {v.Broadcast(_t.Literal(1))}))",
            Activation.Silu => $"{z} * {fast}.Sigmoid({z})",
            _ => z,
        };
    }

    /// <summary>The forward body of a vectorized layer, after the views and constant-length slices.</summary>
    private void EmitVectorForward(int l)
    {
        var layer = _model.Layers[l];
        int n = layer.FanIn, m = layer.Units;
        bool vectorActivation = HasVectorActivation(layer.Activation);
        var widths = VectorWidth.For(_t, m).ToList();

        _w.Line($"ref {_t.Keyword} wr = ref {MemoryMarshal}.GetReference(w);");
        _w.Line($"ref {_t.Keyword} br = ref {MemoryMarshal}.GetReference(b);");
        _w.Line($"ref {_t.Keyword} zr = ref {MemoryMarshal}.GetReference(z);");
        _w.Line($"ref {_t.Keyword} ar = ref {MemoryMarshal}.GetReference(a);");
        _w.Line();
        _w.Line($"// z = b{l + 1} + x W{l + 1}{(vectorActivation ? $", a = {ActivationCode.Describe(layer.Activation, layer.Alpha)}" : string.Empty)}: "
            + "a vector of units per accumulator, each input broadcast against its row of W.");
        for (int k = 0; k < widths.Count; k++)
        {
            using (_w.Block($"{(k == 0 ? "if" : "else if")} ({widths[k].IsAccelerated})"))
            {
                EmitVectorAffine(widths[k], n, m, vectorActivation ? layer : (LayerModel?)null);
            }
        }

        using (_w.Block(widths.Count == 0 ? "// No vector fits this layer." : "else"))
        {
            EmitLoopAffineBody(l);
            if (vectorActivation)
            {
                EmitScalarActivationLoop(layer);
            }
        }

        if (!vectorActivation)
        {
            _w.Line();
            _w.Line($"// a = {ActivationCode.Describe(layer.Activation, layer.Alpha)}");
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

    private void EmitVectorAffine(VectorWidth v, int n, int m, LayerModel? activation)
    {
        // Vectors cover the units; the last one is moved back to end at the last unit. Overlapping lanes compute
        // the same values twice, which is harmless here because z and a are written, not accumulated.
        var offsets = VectorOffsets(m, v).ToList();
        int count = offsets.Count;
        for (int first = 0; first < count; first += Accumulators)
        {
            var chunk = offsets.Skip(first).Take(Accumulators).ToList();
            using (_w.Block())
            {
                _w.Line($"// units {chunk[0]} to {chunk[chunk.Count - 1] + v.Lanes - 1}");
                for (int k = 0; k < chunk.Count; k++)
                {
                    _w.Line($"{v.Vector} acc{k} = {v.Load("br", chunk[k])};");
                }

                int partials = PartialSums(chunk.Count, n);
                if (n <= UnrolledInputs)
                {
                    for (int i = 0; i < n; i++)
                    {
                        _w.Line($"{v.Vector} x{i} = {v.Broadcast($"x[{i}]")};");
                        for (int k = 0; k < chunk.Count; k++)
                        {
                            _w.Line($"acc{k} = {VectorWidth.MultiplyAdd($"x{i}", v.Load("wr", (i * m) + chunk[k]), $"acc{k}")};");
                        }
                    }
                }
                else if (partials > 1)
                {
                    EmitPartialSums(v, n, m, chunk, partials);
                }
                else
                {
                    using (_w.Block($"for (int i = 0; i < {n}; i++)"))
                    {
                        _w.Line($"{v.Vector} xi = {v.Broadcast("x[i]")};");
                        _w.Line($"ref {_t.Keyword} row = ref {Unsafe}.Add(ref wr, i * {m});");
                        for (int k = 0; k < chunk.Count; k++)
                        {
                            _w.Line($"acc{k} = {VectorWidth.MultiplyAdd("xi", v.Load("row", chunk[k]), $"acc{k}")};");
                        }
                    }
                }

                for (int k = 0; k < chunk.Count; k++)
                {
                    _w.Line(v.Store($"acc{k}", "zr", chunk[k]));
                }

                if (activation is { } layer)
                {
                    for (int k = 0; k < chunk.Count; k++)
                    {
                        _w.Line(v.Store(VectorActivation(v, layer.Activation, layer.Alpha, $"acc{k}"), "ar", chunk[k]));
                    }
                }
            }
        }
    }

    /// <summary>
    /// With few vectors of units, one chain of multiply-adds per vector would wait on the FMA latency at every input;
    /// splitting the inputs over several partial sums (combined at the end) keeps enough independent work in flight.
    /// </summary>
    private static int PartialSums(int vectors, int inputs) =>
        vectors >= Accumulators || inputs < 8 ? 1 : System.Math.Min(4, Accumulators / vectors);

    private void EmitPartialSums(VectorWidth v, int n, int m, List<int> chunk, int partials)
    {
        _w.Line($"// {partials} partial sums per vector, over inputs i, i + 1, ..., so that the multiply-adds do not wait on each other.");
        for (int k = 0; k < chunk.Count; k++)
        {
            for (int p = 1; p < partials; p++)
            {
                _w.Line($"{v.Vector} acc{k}_{p} = {v.Zero};");
            }
        }

        int whole = n - (n % partials);
        using (_w.Block($"for (int i = 0; i < {whole}; i += {partials})"))
        {
            _w.Line($"ref {_t.Keyword} row = ref {Unsafe}.Add(ref wr, i * {m});");
            for (int p = 0; p < partials; p++)
            {
                _w.Line($"{v.Vector} x{p} = {v.Broadcast($"x[i + {p}]")};");
                for (int k = 0; k < chunk.Count; k++)
                {
                    string acc = p == 0 ? $"acc{k}" : $"acc{k}_{p}";
                    _w.Line($"{acc} = {VectorWidth.MultiplyAdd($"x{p}", v.Load("row", (p * m) + chunk[k]), acc)};");
                }
            }
        }

        for (int i = whole; i < n; i++)
        {
            for (int k = 0; k < chunk.Count; k++)
            {
                _w.Line($"acc{k} = {VectorWidth.MultiplyAdd(v.Broadcast($"x[{i}]"), v.Load("wr", (i * m) + chunk[k]), $"acc{k}")};");
            }
        }

        for (int k = 0; k < chunk.Count; k++)
        {
            var terms = new[] { $"acc{k}" }.Concat(Enumerable.Range(1, partials - 1).Select(p => $"acc{k}_{p}"));
            _w.Line($"acc{k} = {string.Join(" + ", terms)};");
        }
    }

    private void EmitScalarActivationLoop(LayerModel layer)
    {
        using (_w.Block($"for (int j = 0; j < {layer.Units}; j++)"))
        {
            _w.Line($"a[j] = {ActivationCode.Forward(_t, layer.Activation, layer.Alpha, "z[j]", FastActivations)};");
        }
    }

    /// <summary>The backward body of a vectorized layer: dW += x^T delta and (except for layer 1) dx = W delta.</summary>
    private void EmitVectorBackward(int l, bool first)
    {
        var layer = _model.Layers[l];
        int n = layer.FanIn, m = layer.Units;
        var widths = VectorWidth.For(_t, m).ToList();
        if (!first)
        {
            _w.Line($"ref {_t.Keyword} wr = ref {MemoryMarshal}.GetReference(w);");
        }

        _w.Line($"ref {_t.Keyword} gwr = ref {MemoryMarshal}.GetReference(gw);");
        _w.Line($"ref {_t.Keyword} dr = ref {MemoryMarshal}.GetReference(delta);");
        _w.Line();
        _w.Line(first
            ? $"// dW{l + 1} += x^T delta, one input (one row of W{l + 1}) at a time."
            : $"// dW{l + 1} += x^T delta and dL/dx = W{l + 1} delta, one input (one row of W{l + 1}) at a time.");
        for (int k = 0; k < widths.Count; k++)
        {
            using (_w.Block($"{(k == 0 ? "if" : "else if")} ({widths[k].IsAccelerated})"))
            {
                EmitVectorRowUpdates(widths[k], n, m, first);
            }
        }

        using (_w.Block(widths.Count == 0 ? "// No vector fits this layer." : "else"))
        {
            EmitLoopRowUpdates(l, first);
        }

        _w.Line();
        _w.Line($"// db{l + 1} += delta");
        _w.Line($"ref {_t.Keyword} gbr = ref {MemoryMarshal}.GetReference(gb);");
        EmitElementwise(m, v => new[] { v.StoreAt($"{v.LoadAt("gbr", "j")} + {v.LoadAt("dr", "j")}", "gbr", "j") }, new[] { "gb[j] += delta[j];" });
    }

    private void EmitVectorRowUpdates(VectorWidth v, int n, int m, bool first)
    {
        int full = m / v.Lanes;
        string k = _t.Keyword;
        using (_w.Block($"for (int i = 0; i < {n}; i++)"))
        {
            _w.Line($"{k} xi = x[i];");
            _w.Line($"{v.Vector} xv = {v.Broadcast("xi")};");
            _w.Line($"ref {k} gRow = ref {Unsafe}.Add(ref gwr, i * {m});");
            if (!first)
            {
                _w.Line($"ref {k} wRow = ref {Unsafe}.Add(ref wr, i * {m});");
                _w.Line($"{v.Vector} dot0 = {v.Zero};");
                _w.Line($"{v.Vector} dot1 = {v.Zero};");
            }

            if (full <= UnrolledRowVectors)
            {
                for (int c = 0; c < full; c++)
                {
                    int offset = c * v.Lanes;
                    _w.Line($"{v.Vector} d{c} = {v.Load("dr", offset)};");
                    _w.Line(v.Store(VectorWidth.MultiplyAdd("xv", $"d{c}", v.Load("gRow", offset)), "gRow", offset));
                    if (!first)
                    {
                        _w.Line($"dot{c % 2} = {VectorWidth.MultiplyAdd(v.Load("wRow", offset), $"d{c}", $"dot{c % 2}")};");
                    }
                }
            }
            else
            {
                using (_w.Block($"for (int j = 0; j < {full * v.Lanes}; j += {v.Lanes})"))
                {
                    _w.Line($"{v.Vector} d = {v.LoadAt("dr", "j")};");
                    _w.Line(v.StoreAt(VectorWidth.MultiplyAdd("xv", "d", v.LoadAt("gRow", "j")), "gRow", "j"));
                    if (!first)
                    {
                        _w.Line($"dot0 = {VectorWidth.MultiplyAdd(v.LoadAt("wRow", "j"), "d", "dot0")};");
                    }
                }
            }

            if (!first)
            {
                _w.Line($"{k} sum = {v.Sum("dot0 + dot1")};");
            }

            for (int j = full * v.Lanes; j < m; j++)
            {
                string gradient = $"{Unsafe}.Add(ref gRow, {j})";
                _w.Line($"{gradient} = {VectorWidth.MultiplyAdd("xi", $"delta[{j}]", gradient)};");
                if (!first)
                {
                    _w.Line($"sum = {VectorWidth.MultiplyAdd($"{Unsafe}.Add(ref wRow, {j})", $"delta[{j}]", "sum")};");
                }
            }

            if (!first)
            {
                _w.Line("previousDelta[i] = sum;");
            }
        }
    }
}
