using System;
using System.Linq;

namespace Unrolled.Generators.Emit;

/// <summary>Which input of an affine block an expression is about: a constant index written out, or q past the loop's i.</summary>
internal readonly record struct InputIndex(bool InLoop, int Value, string Variable = "i")
{
    public static InputIndex Written(int i) => new(false, i);

    public static InputIndex Looped(int q, string variable = "i") => new(true, q, variable);

    /// <summary>The index as C#: <c>5</c>, or <c>i</c>, <c>i + 2</c> inside the loop.</summary>
    public string Expression => InLoop
        ? (Value == 0 ? Variable : Variable + " + " + Code.Invariant(Value))
        : Code.Invariant(Value);
}

/// <summary>
/// The one multiply-add core of generated code: for each of <see cref="Samples"/> samples and <see cref="Slots"/>
/// accumulators (a unit, or a vector of units), acc = bias + sum_i x_i w_i with fused multiply-adds, optionally split
/// over <see cref="Partials"/> partial sums that are added at the end. Every path (unrolled layers, SIMD layers, pairs,
/// lanes, registers) writes its sums through it; they differ only in where inputs come from, how weights are
/// addressed, how many samples share a weight, and the element type.
/// </summary>
internal sealed class AffineBlock
{
    private string[,]? _accumulators;

    /// <summary>The declared type of accumulators and inputs: <c>float</c>, or a vector type.</summary>
    public required string Type { get; init; }

    /// <summary>Zero of <see cref="Type"/>, the start of every partial sum but the first.</summary>
    public required string Zero { get; init; }

    public required int Inputs { get; init; }

    public required int Slots { get; init; }

    /// <summary>Samples that share each weight: every accumulator exists once per sample.</summary>
    public int Samples { get; init; } = 1;

    public int Partials { get; init; } = 1;

    /// <summary>Inputs [0, LoopedInputs) are visited by a loop over i in steps of <see cref="Partials"/>; the rest are written out.</summary>
    public int LoopedInputs { get; init; }

    /// <summary>The loop's bound as C#, when it is not a constant (a tile's row count): then every input is looped.</summary>
    public string? LoopBound { get; init; }

    /// <summary>The loop's variable: <c>i</c> over inputs, <c>s</c> over samples.</summary>
    public string Index { get; init; } = "i";

    /// <summary>
    /// Each accumulator's whole chain before the next one's (the dot-product order of scalar code, which keeps one
    /// accumulator live); otherwise input by input across all accumulators (the order of vector code). Slot-major
    /// blocks write every input out and use the inputs as given, without locals.
    /// </summary>
    public bool SlotMajor { get; init; }

    /// <summary>The name of the accumulator of (sample, slot); partial sums append <c>_q</c>.</summary>
    public required Func<int, int, string> Accumulator { get; init; }

    /// <summary>The first sample's starting value of a slot; the other samples copy it.</summary>
    public Func<int, string>? Bias { get; init; }

    /// <summary>Each sample's own starting value of a slot (sums accumulated into memory), instead of <see cref="Bias"/>.</summary>
    public Func<int, int, string>? Initial { get; init; }

    /// <summary>The value of input (sample, index), broadcast when the accumulators are vectors.</summary>
    public required Func<int, InputIndex, string> Input { get; init; }

    /// <summary>
    /// The local that holds input (sample, index), declared once per input and used by every slot; null (or a null
    /// name) to use <see cref="Input"/> as it is, for inputs that are values already.
    /// </summary>
    public Func<int, InputIndex, string?>? InputLocal { get; init; }

    /// <summary>The weight of (input, slot).</summary>
    public required Func<InputIndex, int, string> Weight { get; init; }

    /// <summary>With several samples: the local that holds the weight of (input, slot), loaded once for all of them.</summary>
    public Func<InputIndex, int, string>? WeightLocal { get; init; }

    /// <summary>The statement that starts each loop iteration (the row of W the loop's weights are addressed from).</summary>
    public string? LoopRow { get; init; }

    /// <summary>A second statement at the start of each loop iteration.</summary>
    public string? LoopRow2 { get; init; }

    /// <summary>Say in a comment why there are partial sums.</summary>
    public bool ExplainPartials { get; init; }

    /// <summary>The accumulator's name after <see cref="Write"/>, as reserved in the scope.</summary>
    public string AccumulatorName(int sample, int slot) => _accumulators![sample, slot];

    public void Write(CodeWriter w, NameScope scope)
    {
        _accumulators = new string[Samples, Slots];
        if (SlotMajor)
        {
            WriteSlotMajor(w, scope);
        }
        else
        {
            WriteInputMajor(w, scope);
        }
    }

    private void WriteSlotMajor(CodeWriter w, NameScope scope)
    {
        for (int k = 0; k < Slots; k++)
        {
            Declare(w, scope, 0, k);
            for (int q = 1; q < Partials; q++)
            {
                w.Line($"{Type} {scope.Reserve(Sum(0, k, q))} = {Zero};");
            }

            for (int i = 0; i < Inputs; i++)
            {
                var index = InputIndex.Written(i);
                string sum = Sum(0, k, i % Partials);
                w.Line($"{sum} = {VectorWidth.MultiplyAdd(Input(0, index), Weight(index, k), sum)};");
            }

            Combine(w, 0, k);
        }
    }

    private void WriteInputMajor(CodeWriter w, NameScope scope)
    {
        // Each slot's accumulators, one per sample, then their partial sums.
        for (int k = 0; k < Slots; k++)
        {
            for (int r = 0; r < Samples; r++)
            {
                Declare(w, scope, r, k);
            }

            for (int q = 1; q < Partials; q++)
            {
                for (int r = 0; r < Samples; r++)
                {
                    w.Line($"{Type} {scope.Reserve(Sum(r, k, q))} = {Zero};");
                }
            }
        }

        if (ExplainPartials && Partials > 1)
        {
            w.Line($"// {Partials} partial sums per vector, over inputs i, i + 1, ..., so that the multiply-adds do not wait on each other.");
        }

        if (LoopedInputs > 0 || LoopBound is not null)
        {
            string bound = LoopBound ?? Code.Invariant(LoopedInputs);
            string header = Partials == 1
                ? $"for (int {Index} = 0; {Index} < {bound}; {Index}++)"
                : $"for (int {Index} = 0; {Index} < {bound}; {Index} += {Partials})";
            using (w.Block(header))
            {
                var body = scope.Child();
                foreach (string? statement in new[] { LoopRow, LoopRow2 })
                {
                    if (statement is not null)
                    {
                        w.Line(statement);
                    }
                }

                for (int q = 0; q < Partials; q++)
                {
                    WriteInput(w, body, InputIndex.Looped(q, Index), q);
                }
            }
        }

        for (int i = LoopBound is null ? LoopedInputs : Inputs; i < Inputs; i++)
        {
            WriteInput(w, scope, InputIndex.Written(i), i % Partials);
        }

        for (int k = 0; k < Slots; k++)
        {
            for (int r = 0; r < Samples; r++)
            {
                Combine(w, r, k);
            }
        }
    }

    /// <summary>One input into every accumulator: its value (in a local per sample), then one multiply-add per sample and slot.</summary>
    private void WriteInput(CodeWriter w, NameScope scope, InputIndex index, int partial)
    {
        var inputs = new string[Samples];
        for (int r = 0; r < Samples; r++)
        {
            inputs[r] = Input(r, index);
            if (InputLocal?.Invoke(r, index) is { } name)
            {
                string local = scope.Reserve(name);
                w.Line($"{Type} {local} = {inputs[r]};");
                inputs[r] = local;
            }
        }

        for (int k = 0; k < Slots; k++)
        {
            string weight = Weight(index, k);
            if (WeightLocal is not null)
            {
                string local = scope.Reserve(WeightLocal(index, k));
                w.Line($"{Type} {local} = {weight};");
                weight = local;
            }

            for (int r = 0; r < Samples; r++)
            {
                string sum = Sum(r, k, partial);
                w.Line($"{sum} = {VectorWidth.MultiplyAdd(inputs[r], weight, sum)};");
            }
        }
    }

    private void Declare(CodeWriter w, NameScope scope, int sample, int slot)
    {
        string name = scope.Reserve(Accumulator(sample, slot));
        _accumulators![sample, slot] = name;
        string initial = Initial is not null ? Initial(sample, slot)
            : Bias is null ? Zero
            : sample == 0 ? Bias(slot)
            : _accumulators[0, slot];
        w.Line($"{Type} {name} = {initial};");
    }

    private void Combine(CodeWriter w, int sample, int slot)
    {
        if (Partials > 1)
        {
            var terms = Enumerable.Range(0, Partials).Select(q => Sum(sample, slot, q));
            w.Line($"{_accumulators![sample, slot]} = {string.Join(" + ", terms)};");
        }
    }

    private string Sum(int sample, int slot, int partial) =>
        partial == 0 ? _accumulators![sample, slot] : _accumulators![sample, slot] + "_" + Code.Invariant(partial);
}
