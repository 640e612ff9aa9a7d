using System;
using System.Collections.Generic;
using System.Globalization;

namespace Unrolled;

/// <summary>
/// The shape rules of a network, in one place: <see cref="NetworkSpec"/> throws on them at run time and the
/// generator reports them as diagnostics at compile time, with the same messages (<see cref="SpecMessages"/>).
/// </summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
public static class SpecRules
{
    /// <summary>
    /// The most elements one buffer (a .NET array, <c>Array.MaxLength</c>) can hold: the parameters, and the values
    /// a sample needs, must each fit in one.
    /// </summary>
    public const int MaxBufferLength = 0x7FFFFFC7;

    /// <summary>
    /// Checks a declaration. <paramref name="alphas"/> holds each layer's alpha as written, NaN where none was given;
    /// <paramref name="alphasDeclared"/>, when known (the generator reads it from the attribute), tells a NaN that
    /// was written apart from one that stands for "not given". <paramref name="dropouts"/> holds each layer's dropout
    /// rate (null: none anywhere) and <paramref name="biases"/> whether it has a bias (null: every layer has one).
    /// </summary>
    /// <returns>Every broken rule, errors and warnings, in declaration order; empty when the declaration is sound.</returns>
    public static List<SpecProblem> Validate(
        string networkName,
        int inputs,
        IReadOnlyList<int> units,
        IReadOnlyList<Activation> activations,
        IReadOnlyList<double> alphas,
        LossFunction loss,
        Precision precision = Precision.Single,
        UnrollMode unroll = UnrollMode.Auto,
        IReadOnlyList<bool>? alphasDeclared = null,
        IReadOnlyList<double>? dropouts = null,
        IReadOnlyList<bool>? biases = null)
    {
        var problems = new List<SpecProblem>();
        string name = networkName;

        if (inputs <= 0)
        {
            Add(problems, SpecRule.InputsNotPositive, 0, name, Invariant(inputs));
        }

        bool lossKnown = CheckDefined(problems, name, loss, "Loss");
        bool precisionKnown = CheckDefined(problems, name, precision, "Precision");
        CheckDefined(problems, name, unroll, "Unroll");

        int count = units.Count;
        if (count == 0)
        {
            Add(problems, SpecRule.NoLayers, 0, name);
            return problems;
        }

        for (int i = 0; i < count; i++)
        {
            int layer = i + 1;
            Activation activation = activations[i];
            if (units[i] <= 0)
            {
                Add(problems, SpecRule.UnitsNotPositive, layer, Invariant(layer), name, Invariant(units[i]));
            }

            if (ActivationTraits.Of(activation) is null)
            {
                Add(problems, SpecRule.UnknownValue, layer,
                    "The activation of layer " + Invariant(layer), name, Invariant((int)activation), nameof(Activation), NamedValues<Activation>());
                continue;
            }

            if (activation == Activation.Softmax && units[i] == 1)
            {
                problems.Add(Problem(SpecRule.SingleUnitSoftmax, layer, isWarning: true, Invariant(layer), name));
            }

            bool declared = alphasDeclared is not null && alphasDeclared[i];
            if (precisionKnown && AlphaRules.Check(name, layer, activation, alphas[i], declared, precision) is { } alphaProblem)
            {
                problems.Add(alphaProblem);
            }

            CheckDropout(problems, name, layer, count, dropouts is null ? 0 : dropouts[i]);
        }

        CheckSize(problems, name, inputs, units, activations, biases);

        Activation output = activations[count - 1];
        if (lossKnown && ActivationTraits.Of(output) is not null
            && OutputActivationFor(loss) is { } needed && needed != output)
        {
            Add(problems, SpecRule.LossDoesNotFitOutput, count,
                loss.ToString(), needed.ToString(), name, output.ToString(), LossFor(output).ToString());
        }

        return problems;
    }

    /// <summary>True when no problem in <paramref name="problems"/> is an error.</summary>
    public static bool HasErrors(IReadOnlyList<SpecProblem> problems)
    {
        foreach (var problem in problems)
        {
            if (!problem.IsWarning)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The output activation <paramref name="loss"/> needs, or null when it fits any.</summary>
    internal static Activation? OutputActivationFor(LossFunction loss) => loss switch
    {
        LossFunction.CrossEntropy => Activation.Softmax,
        LossFunction.BinaryCrossEntropy => Activation.Sigmoid,
        _ => null,
    };

    /// <summary>The loss that fits an output layer of <paramref name="output"/>: the one computed from its logits, else MSE.</summary>
    internal static LossFunction LossFor(Activation output) => output switch
    {
        Activation.Softmax => LossFunction.CrossEntropy,
        Activation.Sigmoid => LossFunction.BinaryCrossEntropy,
        _ => LossFunction.MeanSquaredError,
    };

    internal static SpecProblem Problem(SpecRule rule, int layer, bool isWarning, params string[] arguments) =>
        new(rule, layer, SpecMessages.For(rule), arguments, isWarning);

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Written !(0 <= p && p < 1) so that NaN, which compares false with everything, fails.
    private static void CheckDropout(List<SpecProblem> problems, string name, int layer, int count, double dropout)
    {
        if (!(dropout >= 0 && dropout < 1))
        {
            Add(problems, SpecRule.DropoutOutOfRange, layer, Invariant(layer), name, dropout.ToString("R", CultureInfo.InvariantCulture));
        }
        else if (dropout > 0 && layer == count)
        {
            problems.Add(Problem(SpecRule.DropoutOnOutputLayer, layer, isWarning: true,
                Invariant(layer), name, dropout.ToString("R", CultureInfo.InvariantCulture)));
        }
    }

    // Counted in decimal: (fanIn + 2) * units of one layer fits a long, but a few such layers summed do not.
    private static void CheckSize(
        List<SpecProblem> problems, string name, int inputs, IReadOnlyList<int> units, IReadOnlyList<Activation> activations, IReadOnlyList<bool>? biases)
    {
        decimal parameters = 0, totalUnits = 0;
        long fanIn = Math.Max(inputs, 0);
        for (int i = 0; i < units.Count; i++)
        {
            long width = Math.Max(units[i], 0);
            long perUnit = fanIn + (biases is null || biases[i] ? 1 : 0) + (ActivationTraits.Of(activations[i])?.LearnsSlopes == true ? 1 : 0);
            parameters += (decimal)(perUnit * width);
            totalUnits += width;
            fanIn = width;
        }

        if (parameters > MaxBufferLength)
        {
            Add(problems, SpecRule.TooManyParameters, 0, name, Decimal(parameters), Invariant(MaxBufferLength));
        }

        // Backward keeps z, a and delta of every unit of one sample in one buffer.
        if (3 * totalUnits > MaxBufferLength)
        {
            Add(problems, SpecRule.TooManyUnits, 0, name, Decimal(totalUnits), Decimal(3 * totalUnits), Invariant(MaxBufferLength));
        }
    }

    private static bool CheckDefined<TEnum>(List<SpecProblem> problems, string name, TEnum value, string property)
        where TEnum : struct
    {
        if (Enum.IsDefined(typeof(TEnum), value))
        {
            return true;
        }

        Add(problems, SpecRule.UnknownValue, 0,
            property, name, Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), typeof(TEnum).Name, NamedValues<TEnum>());
        return false;
    }

    private static void Add(List<SpecProblem> problems, SpecRule rule, int layer, params string[] arguments) =>
        problems.Add(Problem(rule, layer, isWarning: false, arguments));

    private static string NamedValues<TEnum>() => string.Join(", ", Enum.GetNames(typeof(TEnum)));

    private static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
