using System.Collections.Generic;
using System.Linq;
using Unrolled.Generators.Model;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emitter;

// A small network's single-sample forward pass, written as one straight-line method per SIMD width with every
// layer's values in locals (registers): no scratch buffer to clear, no call or span per layer, no store and reload
// between layers. A hidden value reaches the next layer by a lane shuffle (same width) or a lane read (otherwise).
internal sealed partial class NetworkEmitter
{
    /// <summary>Past this many multiply-adds, per-layer methods with loops are as fast and keep the code small.</summary>
    private const int MaxRegisterMultiplyAdds = 1024;

    /// <summary>The most vectors a layer may hold at the narrowest width: registers for accumulators and values.</summary>
    private const int MaxRegisterVectors = 8;

    private static readonly int[] RegisterWidths = [512, 256, 128];

    /// <summary>
    /// Small networks whose every vectorized layer has a SIMD activation (softmax allowed last, where it runs over the
    /// output span): the interpreter-order scalar activations of the other layers come from <see cref="ActivationCode"/>.
    /// </summary>
    private bool UsesRegisters =>
        _model.Layers.Sum(l => (long)l.FanIn * l.Units) <= MaxRegisterMultiplyAdds
        && RegisterPlans.Count > 0;

    private List<RegisterPlan>? _registerPlans;

    /// <summary>The distinct plans, widest first (a plan serves every width from its own down to the next plan's).</summary>
    private List<RegisterPlan> RegisterPlans => _registerPlans ??= BuildRegisterPlans();

    private List<RegisterPlan> BuildRegisterPlans()
    {
        var plans = new List<RegisterPlan>();
        foreach (int bits in RegisterWidths)
        {
            var widths = new VectorWidth?[LayerCount];
            for (int l = 0; l < LayerCount; l++)
            {
                var layer = _model.Layers[l];
                var width = VectorWidth.For(_t, layer.Units).FirstOrDefault(v => v.Bits <= bits)
                    ?? (IsPaddable(l) ? VectorWidth.Of(128, _t) : null);
                bool vectorOk = width is null
                    || HasVectorActivation(layer.Activation)
                    || (layer.Activation == Activation.Softmax && l == LayerCount - 1);
                if (!vectorOk || (width is not null && VectorCount(layer.Units, width) > MaxRegisterVectors))
                {
                    return new List<RegisterPlan>();
                }

                widths[l] = width;
            }

            var plan = new RegisterPlan(bits, widths);
            if (plans.Count == 0 || !plans[plans.Count - 1].SameWidths(plan))
            {
                plans.Add(plan);
            }
        }

        return plans;
    }

    /// <summary>
    /// A float layer of two or three units runs in one 128-bit vector whose last lanes are padding: its rows of W are
    /// read four floats at a time, which stays inside the parameters (the bias follows the last row), and the
    /// padding lanes are never read by the next layer, never stored, and masked out of a softmax.
    /// </summary>
    private bool IsPaddable(int l)
    {
        var layer = _model.Layers[l];
        bool last = l == LayerCount - 1;
        return _t == NumericType.Single
            && layer.Units >= 2
            && (HasVectorActivation(layer.Activation) || (layer.Activation == Activation.Softmax && last && FastActivations));
    }

    private static bool IsPadded(int units, VectorWidth v) => units < v.Lanes;

    private static int VectorCount(int units, VectorWidth v) => IsPadded(units, v) ? 1 : (units + v.Lanes - 1) / v.Lanes;

    /// <summary>Each vector's first unit: k lanes apart, the last moved back to end at the last unit.</summary>
    private static int[] VectorOffsets(int units, VectorWidth v) => IsPadded(units, v)
        ? [0]
        : Enumerable.Range(0, VectorCount(units, v)).Select(k => System.Math.Min(k * v.Lanes, units - v.Lanes)).ToArray();

    /// <summary>The condition under which the register path runs, or null when its only plan is scalar (it runs anywhere).</summary>
    private string? RegisterGuard
    {
        get
        {
            var narrowest = RegisterPlans[RegisterPlans.Count - 1];
            return narrowest.IsScalar ? null : VectorWidth.Of(128, _t).IsAccelerated;
        }
    }

    /// <summary>In Forward: each sample through the register path, and return (a machine without SIMD falls through).</summary>
    private void EmitRegisterLoop()
    {
        string? guard = RegisterGuard;
        if (guard is null)
        {
            EmitRegisterSampleLoop();
            return;
        }

        using (_w.Block($"if ({guard})"))
        {
            EmitRegisterSampleLoop();
            _w.Line("return;");
        }

        _w.Line();
        _w.Line("// Without SIMD: layer by layer through a stack scratch.");
    }

    private void EmitRegisterSampleLoop()
    {
        _w.Line($"// Each layer's values stay in registers: see {ForwardSample}.");
        using (_w.Block($"for (int s = {(UsesLanes ? "first" : "0")}; s < samples; s++)"))
        {
            _w.Line($"{ForwardSample}({ParametersField}, input.Slice(s * InputCount, InputCount), output.Slice(s * OutputCount, OutputCount));");
        }
    }

    private void EmitRegisterMethods()
    {
        if (RegisterPlans.Count == 1)
        {
            EmitRegisterMethod(RegisterPlans[0], ForwardSample);
            return;
        }

        _w.Line();
        _w.Line("/// <summary>One sample's forward pass at the widest SIMD width the machine accelerates (the JIT keeps one call).</summary>");
        _w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (_w.Block($"private static void {ForwardSample}({_t.ReadOnlySpan} parameters, {_t.ReadOnlySpan} x, {_t.Span} y)"))
        {
            for (int k = 0; k < RegisterPlans.Count; k++)
            {
                var plan = RegisterPlans[k];
                string call = $"{ForwardSample}{plan.Suffix}(parameters, x, y);";
                // The last plan needs no test: Forward calls this only where 128-bit vectors are accelerated.
                if (k == RegisterPlans.Count - 1)
                {
                    if (k == 0)
                    {
                        _w.Line(call);
                    }
                    else
                    {
                        using (_w.Block("else"))
                        {
                            _w.Line(call);
                        }
                    }
                }
                else
                {
                    using (_w.Block($"{(k == 0 ? "if" : "else if")} ({VectorWidth.Of(plan.WidestBits, _t).IsAccelerated})"))
                    {
                        _w.Line(call);
                    }
                }
            }
        }

        foreach (var plan in RegisterPlans)
        {
            EmitRegisterMethod(plan, ForwardSample + plan.Suffix);
        }
    }

    private void EmitRegisterMethod(RegisterPlan plan, string name)
    {
        string k = _t.Keyword;
        _w.Line();
        _w.Line($"/// <summary>Forward of one sample, every layer's values in locals{(plan.IsScalar ? " (scalar: no layer fills a vector)" : $" (vectors of up to {plan.WidestBits} bits)")}.</summary>");
        // Compiled on its own, not inlined into Forward and its caller: the activations' AggressiveInlining then
        // never runs into the caller's inlining budget (a call of FastMath.Tanh costs more than this call).
        _w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]");
        using (_w.Block($"private static void {name}({_t.ReadOnlySpan} parameters, {_t.ReadOnlySpan} x, {_t.Span} y)"))
        {
            _w.Line("// Constant lengths let the JIT drop the bounds checks below.");
            _w.Line("parameters = parameters.Slice(0, ParameterCount);");
            _w.Line($"x = x.Slice(0, {_model.Inputs});");
            _w.Line($"y = y.Slice(0, {_model.Outputs});");
            _w.Line($"ref {k} p = ref {MemoryMarshal}.GetReference(parameters);");
            if (plan.Widths[LayerCount - 1] is { } output && !IsPadded(_model.Outputs, output))
            {
                _w.Line($"ref {k} yr = ref {MemoryMarshal}.GetReference(y);");
            }

            for (int l = 0; l < LayerCount; l++)
            {
                _w.Line();
                var layer = _model.Layers[l];
                _w.Line($"// {Header(l)}: z = x W{l + 1} + b{l + 1}, a = {ActivationCode.Describe(layer.Activation, layer.Alpha)}");
                if (plan.Widths[l] is { } v)
                {
                    EmitRegisterVectorLayer(plan, l, v);
                }
                else
                {
                    EmitRegisterScalarLayer(plan, l);
                }
            }
        }
    }

    /// <summary>The last layer in a padded vector: its activation (softmax over the real lanes only), then one store per unit.</summary>
    private void EmitPaddedOutput(int l, VectorWidth v, string z)
    {
        var layer = _model.Layers[l];
        int m = layer.Units;
        string result = $"a{l + 1}_0";
        if (layer.Activation == Activation.Softmax)
        {
            string mask = $"{v.Type}.AsSingle({v.Type}.Create({string.Join(", ", Enumerable.Range(0, v.Lanes).Select(lane => lane < m ? "-1" : "0"))}))";
            // Padding takes no part: -Inf cannot win the max, and its exponential is replaced by 0 (computing e^-Inf
            // would go through subnormal numbers, which the hardware handles slowly).
            _w.Line("// softmax over the real lanes: the padding neither wins the max nor adds to the sum.");
            _w.Line($"{v.Vector} real = {mask};");
            _w.Line($"{v.Vector} logits = {v.Type}.ConditionalSelect(real, {z}, {v.Broadcast($"{_t.Keyword}.NegativeInfinity")});");
            _w.Line($"{v.Vector} max = {v.Type}.Max(logits, {v.Type}.Shuffle(logits, {v.Type}.Create(2, 3, 0, 1)));");
            _w.Line($"max = {v.Type}.Max(max, {v.Type}.Shuffle(max, {v.Type}.Create(1, 0, 3, 2)));");
            _w.Line($"{v.Vector} e = {v.Type}.ConditionalSelect(real, {ActivationCode.FastMath}.Exp({v.Type}.ConditionalSelect(real, {z} - max, {v.Zero})), {v.Zero});");
            _w.Line($"{v.Vector} {result} = e / {v.Broadcast(v.Sum("e"))};");
        }
        else
        {
            _w.Line($"{v.Vector} {result} = {VectorActivation(v, layer.Activation, layer.Alpha, z)};");
        }

        for (int j = 0; j < m; j++)
        {
            _w.Line($"y[{j}] = {v.Type}.GetElement({result}, {j});");
        }
    }

    /// <summary>Input i of layer <paramref name="l"/> as a scalar expression.</summary>
    private string RegisterInput(RegisterPlan plan, int l, int i)
    {
        if (l == 0)
        {
            return $"x[{i}]";
        }

        var previous = _model.Layers[l - 1];
        if (plan.Widths[l - 1] is not { } v)
        {
            return $"a{l}_{i}";
        }

        var (vector, lane) = Locate(previous.Units, v, i);
        return $"{v.Type}.GetElement(a{l}_{vector}, {lane})";
    }

    /// <summary>Input i of layer <paramref name="l"/> broadcast to every lane of <paramref name="to"/>.</summary>
    private string RegisterBroadcast(RegisterPlan plan, int l, int i, VectorWidth to)
    {
        if (l > 0 && plan.Widths[l - 1] is { } v && v.Bits == to.Bits)
        {
            var (vector, lane) = Locate(_model.Layers[l - 1].Units, v, i);
            string index = _t.Size == 4 ? "int" : "long";
            return $"{v.Type}.Shuffle(a{l}_{vector}, {v.Type}.Create(({index}){lane}))";
        }

        return to.Broadcast(RegisterInput(plan, l, i));
    }

    /// <summary>The vector holding unit i of a layer of <paramref name="units"/> units, and its lane there.</summary>
    private static (int Vector, int Lane) Locate(int units, VectorWidth v, int i)
    {
        int[] offsets = VectorOffsets(units, v);
        int vector = System.Math.Min(i / v.Lanes, offsets.Length - 1);
        return (vector, i - offsets[vector]);
    }

    private void EmitRegisterVectorLayer(RegisterPlan plan, int l, VectorWidth v)
    {
        var layer = _model.Layers[l];
        int n = layer.FanIn, m = layer.Units, weights = _layout.Weights(l), bias = _layout.Bias(l, layer);
        int[] offsets = VectorOffsets(m, v);
        int partials = PartialSums(offsets.Length, n);
        bool last = l == LayerCount - 1;
        string z = $"z{l + 1}_";
        bool padded = IsPadded(m, v);
        if (padded)
        {
            _w.Line(m == v.Lanes - 1
                ? $"// {m} units in one vector: lane {m} is padding, computed but never used."
                : $"// {m} units in one vector: lanes {m} to {v.Lanes - 1} are padding, computed but never used.");
        }

        for (int k = 0; k < offsets.Length; k++)
        {
            string biasLoad = padded && last
                ? $"{v.Type}.Shuffle({v.Load("p", bias + m - v.Lanes)}, {v.Type}.Create({string.Join(", ", Enumerable.Range(0, v.Lanes).Select(lane => v.Lanes - m + System.Math.Min(lane, m - 1)))}))"
                : v.Load("p", bias + offsets[k]);
            if (padded && last)
            {
                _w.Line($"// The bias ends the parameters: read the {v.Lanes} floats that end there and move it to the first lanes.");
            }

            _w.Line($"{v.Vector} {z}{k} = {biasLoad};");
            for (int q = 1; q < partials; q++)
            {
                _w.Line($"{v.Vector} {z}{k}_{q} = {v.Zero};");
            }
        }

        if (partials > 1)
        {
            _w.Line($"// {partials} partial sums per vector, over inputs i, i + 1, ..., so that the multiply-adds do not wait on each other.");
        }

        for (int i = 0; i < n; i++)
        {
            string input = $"x{l + 1}_{i}";
            _w.Line($"{v.Vector} {input} = {RegisterBroadcast(plan, l, i, v)};");
            for (int k = 0; k < offsets.Length; k++)
            {
                string sum = i % partials == 0 ? $"{z}{k}" : $"{z}{k}_{i % partials}";
                _w.Line($"{sum} = {VectorWidth.MultiplyAdd(input, v.Load("p", weights + (i * m) + offsets[k]), sum)};");
            }
        }

        for (int k = 0; k < offsets.Length && partials > 1; k++)
        {
            _w.Line($"{z}{k} = {string.Join(" + ", new[] { $"{z}{k}" }.Concat(Enumerable.Range(1, partials - 1).Select(q => $"{z}{k}_{q}")))};");
        }

        if (padded && last)
        {
            EmitPaddedOutput(l, v, $"{z}0");
            return;
        }

        if (last && layer.Activation == Activation.Softmax)
        {
            // The logits go to y, then softmax runs over y in place (as the per-layer path does after its vectors).
            for (int k = 0; k < offsets.Length; k++)
            {
                _w.Line(v.Store($"{z}{k}", "yr", offsets[k]));
            }

            using (_w.Block())
            {
                _w.Line($"{_t.Span} z = y;");
                _w.Line($"{_t.Span} a = y;");
                EmitSoftmax(m, unrolled: false);
            }

            return;
        }

        for (int k = 0; k < offsets.Length; k++)
        {
            string activation = VectorActivation(v, layer.Activation, layer.Alpha, $"{z}{k}");
            _w.Line(last ? v.Store(activation, "yr", offsets[k]) : $"{v.Vector} a{l + 1}_{k} = {activation};");
        }
    }

    private void EmitRegisterScalarLayer(RegisterPlan plan, int l)
    {
        var layer = _model.Layers[l];
        int m = layer.Units;
        string k = _t.Keyword;
        bool last = l == LayerCount - 1;
        if (l > 0 && plan.Widths[l - 1] is { } previous && CanDotFromVectors(m, _model.Layers[l - 1].Units, previous))
        {
            EmitRegisterDotProducts(l, previous);
        }
        else
        {
            EmitRegisterScalarSums(plan, l);
        }

        if (layer.Activation == Activation.Softmax)
        {
            string z = $"z{l + 1}_";
            _w.Line($"{k} max = {z}0;");
            for (int j = 1; j < m; j++)
            {
                _w.Line($"max = {_t.Call("Max", "max", $"{z}{j}")};");
            }

            for (int j = 0; j < m; j++)
            {
                _w.Line($"{k} e{j} = {ActivationCode.Exp(_t, $"{z}{j} - max", FastActivations)};");
            }

            _w.Line($"{k} sum = {string.Join(" + ", Enumerable.Range(0, m).Select(j => $"e{j}"))};");
            for (int j = 0; j < m; j++)
            {
                _w.Line($"y[{j}] = e{j} / sum;");
            }

            return;
        }

        for (int j = 0; j < m; j++)
        {
            string activation = ActivationCode.Forward(_t, layer.Activation, layer.Alpha, $"z{l + 1}_{j}", FastActivations);
            _w.Line(last ? $"y[{j}] = {activation};" : $"{k} a{l + 1}_{j} = {activation};");
        }
    }

    /// <summary>
    /// A layer of one or two units fed by whole vectors (no overlapping lanes) is computed as vector products and
    /// one horizontal sum, instead of a lane read and a scalar multiply-add per input and unit.
    /// </summary>
    private bool CanDotFromVectors(int units, int inputs, VectorWidth previous) =>
        inputs % previous.Lanes == 0 && (units == 1 || (units == 2 && previous.Lanes >= 4));

    private void EmitRegisterDotProducts(int l, VectorWidth v)
    {
        var layer = _model.Layers[l];
        int n = layer.FanIn, m = layer.Units, weights = _layout.Weights(l), bias = _layout.Bias(l, layer);
        string k = _t.Keyword, index = _t.Size == 4 ? "int" : "long", d = $"d{l + 1}";
        int vectors = n / v.Lanes;
        var products = new List<(string Input, int Weight)>();
        if (m == 1)
        {
            _w.Line($"// z = b + sum of x W (W{l + 1} is one column: contiguous): lane-wise products, then one horizontal sum.");
            for (int c = 0; c < vectors; c++)
            {
                products.Add(($"a{l}_{c}", weights + (c * v.Lanes)));
            }
        }
        else
        {
            // W is [input, unit] interleaved: each input is repeated for its two units, so that products line up with W.
            _w.Line($"// z = b + x W for two units: each input repeated twice lines up with W{l + 1}'s interleaved rows; then the even and odd lanes are summed.");
            int half = v.Lanes / 2;
            string low = string.Join(", ", Enumerable.Range(0, v.Lanes).Select(lane => $"({index}){lane / 2}"));
            string high = string.Join(", ", Enumerable.Range(0, v.Lanes).Select(lane => $"({index}){half + (lane / 2)}"));
            for (int c = 0; c < vectors; c++)
            {
                _w.Line($"{v.Vector} {d}_{c}_low = {v.Type}.Shuffle(a{l}_{c}, {v.Type}.Create({low}));");
                _w.Line($"{v.Vector} {d}_{c}_high = {v.Type}.Shuffle(a{l}_{c}, {v.Type}.Create({high}));");
                products.Add(($"{d}_{c}_low", weights + (c * v.Lanes * 2)));
                products.Add(($"{d}_{c}_high", weights + (c * v.Lanes * 2) + v.Lanes));
            }
        }

        _w.Line($"{v.Vector} {d} = {products[0].Input} * {v.Load("p", products[0].Weight)};");
        foreach (var (input, weight) in products.Skip(1))
        {
            _w.Line($"{d} = {VectorWidth.MultiplyAdd(input, v.Load("p", weight), d)};");
        }

        // Fold the halves together down to 128 bits, where lanes u, u + m, ... all hold unit u's partial sums.
        string current = d;
        var width = v;
        while (width.Bits > 128)
        {
            var narrower = VectorWidth.Of(width.Bits / 2, _t);
            string folded = $"{d}_{narrower.Bits}";
            _w.Line($"{narrower.Vector} {folded} = {width.Type}.GetLower({current}) + {width.Type}.GetUpper({current});");
            current = folded;
            width = narrower;
        }

        if (m == 1)
        {
            _w.Line($"{k} z{l + 1}_0 = {Parameter(bias)} + {width.Sum(current)};");
            return;
        }

        if (width.Lanes == 4)
        {
            _w.Line($"{current} += {width.Type}.Shuffle({current}, {width.Type}.Create(2, 3, 0, 1));");
        }

        _w.Line($"{k} z{l + 1}_0 = {Parameter(bias)} + {width.Type}.ToScalar({current});");
        _w.Line($"{k} z{l + 1}_1 = {Parameter(bias + 1)} + {width.Type}.GetElement({current}, 1);");
    }

    private void EmitRegisterScalarSums(RegisterPlan plan, int l)
    {
        var layer = _model.Layers[l];
        int n = layer.FanIn, m = layer.Units, weights = _layout.Weights(l), bias = _layout.Bias(l, layer);
        string k = _t.Keyword;

        // Inputs read from memory or out of a vector are read once, into locals: every unit uses them.
        bool readOnce = m > 1 && (l == 0 || plan.Widths[l - 1] is not null);
        if (readOnce)
        {
            for (int i = 0; i < n; i++)
            {
                _w.Line($"{k} x{l + 1}_{i} = {RegisterInput(plan, l, i)};");
            }
        }

        int partials = PartialSums(m, n);
        for (int j = 0; j < m; j++)
        {
            string z = $"z{l + 1}_{j}";
            _w.Line($"{k} {z} = {Parameter(bias + j)};");
            for (int q = 1; q < partials; q++)
            {
                _w.Line($"{k} {z}_{q} = {_t.Literal(0)};");
            }

            for (int i = 0; i < n; i++)
            {
                string sum = i % partials == 0 ? z : $"{z}_{i % partials}";
                string input = readOnce ? $"x{l + 1}_{i}" : RegisterInput(plan, l, i);
                _w.Line($"{sum} = {VectorWidth.MultiplyAdd(input, Parameter(weights + (i * m) + j), sum)};");
            }

            if (partials > 1)
            {
                _w.Line($"{z} = {string.Join(" + ", new[] { z }.Concat(Enumerable.Range(1, partials - 1).Select(q => $"{z}_{q}")))};");
            }
        }
    }

    private string Parameter(int offset) => offset == 0 ? "p" : $"{Unsafe}.Add(ref p, {offset})";

    /// <summary>The vector width of each layer at one top width (null: scalar).</summary>
    private sealed class RegisterPlan(int bits, VectorWidth?[] widths)
    {
        public int Bits { get; } = bits;

        public VectorWidth?[] Widths { get; } = widths;

        public bool IsScalar => Widths.All(w => w is null);

        /// <summary>The widest vector a layer uses (0 for a scalar plan).</summary>
        public int WidestBits => IsScalar ? 0 : Widths.Where(w => w is not null).Max(w => w!.Bits);

        public string Suffix => IsScalar ? "Scalar" : WidestBits.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public bool SameWidths(RegisterPlan other) =>
            Widths.Zip(other.Widths, (a, b) => a?.Bits == b?.Bits).All(same => same);
    }
}
