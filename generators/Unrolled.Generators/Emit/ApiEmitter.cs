using System.Linq;
using Unrolled.Generators.Planning;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emit;

/// <summary>
/// The members of the user's class: constants, shape, state, the public entry points (which check their arguments and
/// call the kernels), maintenance, the interface's members and the inline buffers. Types are spelled in full here.
/// </summary>
internal static class ApiEmitter
{
    private const string InlineArray = "global::System.Runtime.CompilerServices.InlineArray";

    public static void EmitConstantsAndState(CodeWriter w, NetworkPlan plan)
    {
        var t = plan.Numeric();
        var buffers = plan.Buffers;
        w.Line("/// <summary>The number of inputs per sample.</summary>");
        w.Line($"public const int InputCount = {plan.Inputs};");
        w.Line();
        w.Line("/// <summary>The number of outputs per sample.</summary>");
        w.Line($"public const int OutputCount = {plan.Outputs};");
        w.Line();
        w.Line(plan.Layers.Any(l => l.HasSlopes)
            ? "/// <summary>The number of weights, biases and PReLU slopes.</summary>"
            : "/// <summary>The number of weights and biases.</summary>");
        w.Line($"public const int ParameterCount = {buffers.ParameterCount};");
        w.Line();
        w.Line("/// <summary>The network's shape, as <see cref=\"global::Unrolled.ReferenceNetwork{T}\"/> takes it.</summary>");
        w.Line($"public static global::Unrolled.NetworkSpec Spec {{ get; }} = new global::Unrolled.NetworkSpec(");
        w.Line($"    {plan.Inputs},");
        w.Line("    new global::Unrolled.LayerSpec[]");
        w.Line("    {");
        foreach (var layer in plan.Layers)
        {
            string alpha = LayerSpec.TakesAlpha(layer.Activation) ? ", " + Code.Invariant(layer.Alpha) : string.Empty;
            string bias = (layer.HasDropout ? ", dropout: " + Code.Invariant(layer.Dropout) : string.Empty)
                + (layer.HasBias ? string.Empty : ", bias: false");
            w.Line($"        new global::Unrolled.LayerSpec({layer.Units}, global::Unrolled.Activation.{layer.Activation}{alpha}{bias}),");
        }

        w.Line("    },");
        w.Line($"    global::Unrolled.LossFunction.{plan.Loss},");
        w.Line($"    global::Unrolled.Precision.{plan.Precision});");
        w.Line();

        if (buffers.ParametersInline)
        {
            w.Line($"private {ParameterBuffer} {ParametersField};");
            w.Line($"private {ParameterBuffer} {GradientsField};");
        }
        else
        {
            w.Line($"// {buffers.ParameterCount} parameters exceed what an inline array can hold: arrays allocated once, here.");
            w.Line($"private readonly {t.Keyword}[] {ParametersField} = new {t.Keyword}[ParameterCount];");
            w.Line($"private readonly {t.Keyword}[] {GradientsField} = new {t.Keyword}[ParameterCount];");
        }

        if (plan.HasDropout)
        {
            w.Line($"// Backward's dropout masks: IDropoutNetwork's stream, which starts as SeedDropout(0).");
            w.Line($"private readonly global::Unrolled.SeededRandom {DropoutField} = new(0);");
        }

        if (buffers.TraceInline)
        {
            w.Line($"private {TraceBuffer} {TraceField};");
        }
        else
        {
            w.Line($"// Backward's trace ({buffers.TraceLength} values) exceeds what an inline array can hold: an array allocated once, here.");
            w.Line($"private readonly {t.Keyword}[] {TraceField} = new {t.Keyword}[{buffers.TraceLength}];");
        }

        if (plan.Tiles is { TransposedValues: > 0 } tiles)
        {
            w.Line(tiles.TransposedInline
                ? $"private {TransposedBuffer} {TransposedField};"
                : $"private readonly {t.Keyword}[] {TransposedField} = new {t.Keyword}[{tiles.TransposedValues}];");
        }

        w.Line();
        if (plan.Type.GenerateConstructor)
        {
            w.Line(plan.Weights is { } baked
                ? BakedWeightsEmitter.ConstructorSummary(baked)
                : "/// <summary>Creates the network with the parameters <see cref=\"Initialize\"/> gives for seed 0.</summary>");
            w.Line($"public {plan.Type.Name}() => Initialize(0);");
            w.Line();
        }

        w.Line("/// <summary>All weights and biases, layer after layer: W[fanIn, units] row-major, then b[units].</summary>");
        w.Line($"public {t.GlobalSpan} Parameters => {ParametersField};");
        w.Line();
        w.Line("/// <summary>The gradient of the loss accumulated by <see cref=\"Backward\"/>, laid out as <see cref=\"Parameters\"/>.</summary>");
        w.Line($"public {t.GlobalSpan} Gradients => {GradientsField};");
        w.Line();
    }

    public static void EmitEntryPoints(CodeWriter w, NetworkPlan plan)
    {
        var t = plan.Numeric();
        string kernels = Code.Kernels(plan);
        const string Guard = "global::Unrolled.SpanGuard.Samples";
        w.Line("/// <summary>");
        w.Line("/// Computes the outputs of one sample, or of a batch: <paramref name=\"input\"/> holds N samples row-major");
        w.Line("/// [N, InputCount] and <paramref name=\"output\"/> receives [N, OutputCount]. Reads only <see cref=\"Parameters\"/>:");
        w.Line("/// safe to call from many threads at once.");
        w.Line("/// </summary>");
        w.Line($"/// <param name=\"input\">{plan.Inputs} inputs per sample.</param>");
        w.Line($"/// <param name=\"output\">Receives {plan.Outputs} outputs per sample.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' lengths do not describe the same number of whole samples.</exception>");
        using (w.Block($"public void Forward({t.GlobalReadOnlySpan} input, {t.GlobalSpan} output)"))
        {
            // One sample is the common case: its lengths are checked without dividing.
            w.Line("int samples = input.Length == InputCount && output.Length == OutputCount");
            w.Line("    ? 1");
            w.Line($"    : {Guard}(input.Length, InputCount, nameof(input), output.Length, OutputCount, nameof(output));");
            w.Line($"{kernels}.Forward({ParametersField}, input, output, samples);");
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// The loss of one sample, or the sum of the losses of a batch (row-major, as in <see cref=\"Forward\"/>).");
        w.Line("/// Reads only <see cref=\"Parameters\"/>: safe to call from many threads at once.");
        w.Line("/// </summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' lengths do not describe the same number of whole samples.</exception>");
        using (w.Block($"public {t.Keyword} Loss({t.GlobalReadOnlySpan} input, {t.GlobalReadOnlySpan} target)"))
        {
            w.Line($"int samples = {Guard}(input.Length, InputCount, nameof(input), target.Length, OutputCount, nameof(target));");
            w.Line($"return {kernels}.Loss({ParametersField}, input, target, samples);");
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Runs each sample forward, then adds its gradient dLoss/dParameters to <see cref=\"Gradients\"/>: for a batch");
        w.Line("/// (row-major, as in <see cref=\"Forward\"/>), the gradient of the summed loss. Writes the network's buffers:");
        w.Line("/// not for concurrent use.");
        w.Line("/// </summary>");
        w.Line("/// <returns>The sample's loss, or the sum of the batch's losses.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans' lengths do not describe the same number of whole samples.</exception>");
        using (w.Block($"public {t.Keyword} Backward({t.GlobalReadOnlySpan} input, {t.GlobalReadOnlySpan} target)"))
        {
            w.Line($"int samples = {Guard}(input.Length, InputCount, nameof(input), target.Length, OutputCount, nameof(target));");
            string transposed = plan.Tiles is null ? string.Empty
                : plan.Tiles.TransposedValues > 0 ? $"{TransposedField}, " : "default, ";
            string dropout = plan.HasDropout ? $"{DropoutField}, " : string.Empty;
            w.Line($"return {kernels}.Backward({ParametersField}, {GradientsField}, {TraceField}, {transposed}{dropout}input, target, samples);");
        }

        if (plan.HasDropout)
        {
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// Restarts the stream Backward draws its dropout masks from, in the order <see cref=\"global::Unrolled.IDropoutNetwork\"/>");
            w.Line("/// specifies: a network and a <see cref=\"global::Unrolled.ReferenceNetwork{T}\"/> seeded alike drop the same units.");
            w.Line("/// </summary>");
            w.Line($"public void {SeedDropout}(long seed) => {DropoutField}.Reseed(seed);");
        }

        w.Line();
        if (plan.Weights is { } baked)
        {
            BakedWeightsEmitter.EmitForwardBaked(w, plan, baked);
        }
    }

    public static void EmitMaintenance(CodeWriter w, NetworkPlan plan)
    {
        var t = plan.Numeric();
        w.Line("/// <summary>Sets every gradient to zero.</summary>");
        w.Line($"public void ZeroGradients() => (({t.GlobalSpan}){GradientsField}).Clear();");
        w.Line();
        if (plan.Weights is { } baked)
        {
            BakedWeightsEmitter.EmitInitialize(w, plan, baked);
            return;
        }

        w.Line("/// <summary>");
        w.Line("/// Draws the weights (Glorot uniform for sigmoid, tanh, identity and softmax layers, He uniform for the ReLU family)");
        w.Line("/// and zeroes the biases, deterministically from <paramref name=\"seed\"/>: the same values");
        w.Line("/// <see cref=\"global::Unrolled.ReferenceNetwork{T}\"/> draws.");
        w.Line("/// </summary>");
        w.Line($"public void Initialize(int seed) => global::Unrolled.Initializer.Initialize<{t.Keyword}>(Spec, {ParametersField}, seed);");
        w.Line();
    }

    public static void EmitInterfaceMembers(CodeWriter w, NetworkPlan plan)
    {
        string network = Code.Interface(plan.Numeric());
        w.Line($"global::Unrolled.NetworkSpec {network}.Spec => Spec;");
        w.Line();
        w.Line($"int {network}.InputCount => InputCount;");
        w.Line();
        w.Line($"int {network}.OutputCount => OutputCount;");
        w.Line();
        w.Line($"int {network}.ParameterCount => ParameterCount;");
    }

    public static void EmitBuffers(CodeWriter w, NetworkPlan plan)
    {
        var t = plan.Numeric();
        var buffers = plan.Buffers;
        if (buffers.ParametersInline)
        {
            w.Line();
            w.Line($"/// <summary>{buffers.ParameterCount} {t.Keyword}s inline in the object: the parameters, and in a second field their gradients.</summary>");
            Code.EmitInlineArray(w, t, ParameterBuffer, "ParameterCount", InlineArray);
        }

        if (buffers.TraceInline)
        {
            w.Line();
            w.Line($"/// <summary>What Backward keeps between its sweeps: z, a and delta of each layer{(plan.Tiles is null ? string.Empty : ", for a tile of samples")} ({buffers.TraceLength} {t.Keyword}s).</summary>");
            Code.EmitInlineArray(w, t, TraceBuffer, Code.Invariant(buffers.TraceLength), InlineArray);
        }

        if (plan.Tiles is { TransposedValues: > 0, TransposedInline: true } tiles)
        {
            w.Line();
            w.Line($"/// <summary>Backward's packed W^T of every layer but the first ({tiles.TransposedValues} {t.Keyword}s).</summary>");
            Code.EmitInlineArray(w, t, TransposedBuffer, Code.Invariant(tiles.TransposedValues), InlineArray);
        }
    }
}
