using Unrolled.Generators.Planning;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emit;

/// <summary>The class's constants, state, plain members and the inline-array types of its buffers.</summary>
internal static class MembersEmitter
{
    public static void EmitConstantsAndState(CodeWriter w, NetworkPlan plan)
    {
        var t = plan.Numeric();
        w.Line("/// <summary>The number of inputs per sample.</summary>");
        w.Line($"public const int InputCount = {plan.Inputs};");
        w.Line();
        w.Line("/// <summary>The number of outputs per sample.</summary>");
        w.Line($"public const int OutputCount = {plan.Outputs};");
        w.Line();
        w.Line("/// <summary>The number of weights and biases.</summary>");
        w.Line($"public const int ParameterCount = {plan.Buffers.ParameterCount};");
        w.Line();
        w.Line("/// <summary>The network's shape, as <see cref=\"global::Unrolled.ReferenceNetwork{T}\"/> takes it.</summary>");
        w.Line($"public static global::Unrolled.NetworkSpec Spec {{ get; }} = new global::Unrolled.NetworkSpec(");
        w.Line($"    {plan.Inputs},");
        w.Line("    new global::Unrolled.LayerSpec[]");
        w.Line("    {");
        foreach (var layer in plan.Layers)
        {
            string alpha = LayerSpec.TakesAlpha(layer.Activation) ? ", " + Code.Invariant(layer.Alpha) : string.Empty;
            w.Line($"        new global::Unrolled.LayerSpec({layer.Units}, global::Unrolled.Activation.{layer.Activation}{alpha}),");
        }

        w.Line("    },");
        w.Line($"    global::Unrolled.LossFunction.{plan.Loss},");
        w.Line($"    global::Unrolled.Precision.{plan.Precision});");
        w.Line();

        if (plan.Buffers.ParametersInline)
        {
            w.Line($"private {ParameterBuffer} {ParametersField};");
            w.Line($"private {ParameterBuffer} {GradientsField};");
        }
        else
        {
            w.Line($"// {plan.Buffers.ParameterCount} parameters exceed what an inline array can hold: arrays allocated once, here.");
            w.Line($"private readonly {t.Keyword}[] {ParametersField} = new {t.Keyword}[ParameterCount];");
            w.Line($"private readonly {t.Keyword}[] {GradientsField} = new {t.Keyword}[ParameterCount];");
        }

        w.Line($"private {TraceBuffer} {TraceField};");
        w.Line();

        if (plan.Type.GenerateConstructor)
        {
            w.Line("/// <summary>Creates the network with the parameters <see cref=\"Initialize\"/> gives for seed 0.</summary>");
            w.Line($"public {plan.Type.Name}() => Initialize(0);");
            w.Line();
        }

        w.Line("/// <summary>All weights and biases, layer after layer: W[fanIn, units] row-major, then b[units].</summary>");
        w.Line($"public {t.Span} Parameters => {ParametersField};");
        w.Line();
        w.Line("/// <summary>The gradient of the loss accumulated by <see cref=\"Backward\"/>, laid out as <see cref=\"Parameters\"/>.</summary>");
        w.Line($"public {t.Span} Gradients => {GradientsField};");
        w.Line();
    }

    public static void EmitMaintenance(CodeWriter w, NetworkPlan plan)
    {
        var t = plan.Numeric();
        w.Line("/// <summary>Sets every gradient to zero.</summary>");
        w.Line($"public void ZeroGradients() => (({t.Span}){GradientsField}).Clear();");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Draws the weights (Glorot uniform for sigmoid, tanh, identity and softmax layers, He uniform for the ReLU family)");
        w.Line("/// and zeroes the biases, deterministically from <paramref name=\"seed\"/>: the same values <see cref=\"global::Unrolled.ReferenceNetwork{T}\"/> draws.");
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
            EmitInlineArray(w, t, ParameterBuffer, "ParameterCount");
        }

        w.Line();
        w.Line($"/// <summary>What Backward keeps between its sweeps: z, a and delta of each layer ({buffers.TraceLength} {t.Keyword}s).</summary>");
        EmitInlineArray(w, t, TraceBuffer, Code.Invariant(buffers.TraceLength));

        if (buffers.ScratchOnStack)
        {
            w.Line();
            w.Line($"/// <summary>Forward's and Loss's stack scratch: z and a of each layer ({buffers.ScratchLength} {t.Keyword}s).</summary>");
            EmitInlineArray(w, t, ScratchBuffer, Code.Invariant(buffers.ScratchLength));
        }
    }

    private static void EmitInlineArray(CodeWriter w, NumericType t, string name, string length)
    {
        w.Line($"[global::System.Runtime.CompilerServices.InlineArray({length})]");
        using (w.Block($"private struct {name}"))
        {
            w.Line($"private {t.Keyword} _element0;");
        }
    }
}
