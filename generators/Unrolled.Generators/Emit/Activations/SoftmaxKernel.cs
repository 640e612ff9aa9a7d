using System;
using System.Linq;

namespace Unrolled.Generators.Emit.Activations;

/// <summary>
/// e^(z_j - max z) / sum_k e^(z_k - max z) over the layer's units, shifted by the largest logit so that no
/// exponential overflows. Not element-wise: the forms below write whole statement sequences.
/// </summary>
internal sealed class SoftmaxKernel : ActivationKernel
{
    public override Activation Activation => Activation.Softmax;

    /// <summary>Across lanes (one sample per lane) and in a masked vector, with FastMath's exponential.</summary>
    public override bool HasVectorForm(bool fast) => fast;

    public override bool HasVectorDerivative(bool fast) => false;

    public override DerivativeReads VectorDerivativeReads => DerivativeReads.A;

    public override string Scalar(NumericType t, string z, double alpha, bool fast) => z;

    public override string? Vector(VectorWidth v, string z, double alpha) => null;

    public override string Derivative(NumericType t, string g, string z, string a, double alpha, bool fast, string temporary, out string? prelude)
    {
        prelude = null;
        return g;
    }

    public override string? VectorDerivative(VectorWidth v, string g, string z, string a, double alpha, bool fast) => null;

    public override string Describe(double alpha) => "softmax(z)_j = e^(z_j - max z) / sum_k e^(z_k - max z)";

    public override string DescribeDerivative(double alpha) => "softmax Jacobian: dz = a (da - (da . a))";

    /// <summary>e^x: FastMath's when <paramref name="fast"/>.</summary>
    public static string Exp(NumericType t, string x, bool fast) => fast ? $"{FastMath}.Exp({x})" : t.Call("Exp", x);

    /// <summary>Softmax of <paramref name="units"/> scalar locals into <paramref name="target"/>, written out.</summary>
    public static void WriteUnrolled(CodeWriter w, NumericType t, int units, bool fast, Func<int, string> z, Func<int, string> target)
    {
        string k = t.Keyword;
        w.Line($"{k} max = {z(0)};");
        for (int j = 1; j < units; j++)
        {
            w.Line($"max = {t.Call("Max", "max", z(j))};");
        }

        for (int j = 0; j < units; j++)
        {
            w.Line($"{k} e{j} = {Exp(t, $"{z(j)} - max", fast)};");
        }

        w.Line($"{k} sum = {string.Join(" + ", Enumerable.Range(0, units).Select(j => $"e{j}"))};");
        for (int j = 0; j < units; j++)
        {
            w.Line($"{target(j)} = e{j} / sum;");
        }
    }

    /// <summary>
    /// a = softmax(z) over spans named <paramref name="z"/> and <paramref name="a"/> (which may be one span): FastMath's
    /// vectorized softmax when <paramref name="fast"/>, else as loops.
    /// </summary>
    public static void WriteLoops(CodeWriter w, NumericType t, int units, bool fast, string z = "z", string a = "a")
    {
        if (fast)
        {
            w.Line($"{FastMath}.Softmax({z}, {a});");
            return;
        }

        w.Line($"{t.Keyword} max = {z}[0];");
        using (w.Block($"for (int j = 1; j < {units}; j++)"))
        {
            w.Line($"max = {t.Call("Max", "max", $"{z}[j]")};");
        }

        w.Line($"{t.Keyword} sum = {t.Literal(0)};");
        using (w.Block($"for (int j = 0; j < {units}; j++)"))
        {
            w.Line($"{a}[j] = {Exp(t, $"{z}[j] - max", fast)};");
            w.Line($"sum += {a}[j];");
        }

        using (w.Block($"for (int j = 0; j < {units}; j++)"))
        {
            w.Line($"{a}[j] /= sum;");
        }
    }

    /// <summary>
    /// Softmax across vectors <paramref name="value"/>(j) in place, one sample per lane; its locals end in
    /// <paramref name="suffix"/> (the layer's number), since one method may hold several softmax layers.
    /// </summary>
    public static void WriteAcrossLanes(CodeWriter w, VectorWidth v, int units, Func<int, string> value, string suffix = "")
    {
        string max = "max" + suffix, sum = "sum" + suffix;
        w.Line("// Softmax across the units, per lane, shifted by each sample's largest logit.");
        w.Line($"{v.Vector} {max} = {value(0)};");
        for (int j = 1; j < units; j++)
        {
            w.Line($"{max} = {v.Type}.Max({max}, {value(j)});");
        }

        for (int j = 0; j < units; j++)
        {
            w.Line($"{value(j)} = {FastMath}.Exp({value(j)} - {max});");
        }

        w.Line($"{v.Vector} {sum} = {string.Join(" + ", Enumerable.Range(0, units).Select(value))};");
        for (int j = 0; j < units; j++)
        {
            w.Line($"{value(j)} /= {sum};");
        }
    }

    /// <summary>
    /// Softmax of the first <paramref name="units"/> lanes of a 128-bit float vector <paramref name="z"/> into
    /// <paramref name="result"/>. Padding takes no part: -Inf cannot win the max, and its exponential is replaced by 0
    /// (computing e^-Inf would go through subnormal numbers, which the hardware handles slowly).
    /// </summary>
    public static void WriteMaskedVector(CodeWriter w, VectorWidth v, int units, string z, string result)
    {
        string mask = $"{v.Type}.AsSingle({v.Type}.Create({string.Join(", ", Enumerable.Range(0, v.Lanes).Select(lane => lane < units ? "-1" : "0"))}))";
        w.Line("// softmax over the real lanes: the padding neither wins the max nor adds to the sum.");
        w.Line($"{v.Vector} real = {mask};");
        w.Line($"{v.Vector} logits = {v.Type}.ConditionalSelect(real, {z}, {v.Broadcast($"{v.T.Keyword}.NegativeInfinity")});");
        w.Line($"{v.Vector} max = {v.Type}.Max(logits, {v.Type}.Shuffle(logits, {v.Type}.Create(2, 3, 0, 1)));");
        w.Line($"max = {v.Type}.Max(max, {v.Type}.Shuffle(max, {v.Type}.Create(1, 0, 3, 2)));");
        w.Line($"{v.Vector} e = {v.Type}.ConditionalSelect(real, {FastMath}.Exp({v.Type}.ConditionalSelect(real, {z} - max, {v.Zero})), {v.Zero});");
        w.Line($"{v.Vector} {result} = e / {v.Broadcast(v.Sum("e"))};");
    }

    /// <summary>delta = a (delta - (delta . a)) over spans named <paramref name="delta"/> and <paramref name="a"/>: the Jacobian-vector product.</summary>
    public static void WriteJacobianProduct(CodeWriter w, NumericType t, int units, string delta = "delta", string a = "a")
    {
        w.Line($"{t.Keyword} dot = {t.Literal(0)};");
        using (w.Block($"for (int k = 0; k < {units}; k++)"))
        {
            w.Line($"dot += {delta}[k] * {a}[k];");
        }

        using (w.Block($"for (int k = 0; k < {units}; k++)"))
        {
            w.Line($"{delta}[k] = {a}[k] * ({delta}[k] - dot);");
        }
    }
}
