using System;
using System.Collections.Generic;
using System.Globalization;

namespace Unrolled;

/// <summary>
/// The shape rules of a network, in one place: <see cref="NetworkSpec"/> throws on them at run time and the
/// generator reports them as diagnostics at compile time, with the same messages.
/// </summary>
/// <remarks>Shared as source with the generator: keep it free of anything netstandard2.0 lacks.</remarks>
public static class SpecRules
{
    /// <summary>
    /// Checks a declaration. <paramref name="alphas"/> holds each layer's alpha as written, NaN where none was given.
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
        UnrollMode unroll = UnrollMode.Auto)
    {
        var problems = new List<SpecProblem>();
        string name = "'" + networkName + "'";

        if (inputs <= 0)
        {
            problems.Add(new SpecProblem(SpecRule.InputsNotPositive, 0,
                $"{name} declares {inputs} inputs; the input count must be positive — declare at least 1 input"));
        }

        CheckDefined(problems, name, loss, "Loss");
        CheckDefined(problems, name, precision, "Precision");
        CheckDefined(problems, name, unroll, "Unroll");

        int count = units.Count;
        if (count == 0)
        {
            problems.Add(new SpecProblem(SpecRule.NoLayers, 0,
                $"{name} declares no layer — add at least one [Dense(units, activation)] attribute to it"));
            return problems;
        }

        long parameters = 0;
        long fanIn = inputs;
        for (int i = 0; i < count; i++)
        {
            int layer = i + 1;
            Activation activation = activations[i];
            if (units[i] <= 0)
            {
                problems.Add(new SpecProblem(SpecRule.UnitsNotPositive, layer,
                    $"Layer {layer} of {name} declares {units[i]} units; a layer needs at least 1 unit"));
            }

            if (!System.Enum.IsDefined(typeof(Activation), activation))
            {
                problems.Add(new SpecProblem(SpecRule.UnknownValue, layer,
                    $"Layer {layer} of {name} uses activation value {(int)activation}, which is not an Activation — use one of the named values"));
                continue;
            }

            if (activation == Activation.Softmax && layer != count)
            {
                problems.Add(new SpecProblem(SpecRule.SoftmaxNotLast, layer,
                    $"Softmax is only allowed on the last layer; layer {layer} of {name} uses it — use another activation here"));
            }

            CheckAlpha(problems, name, layer, activation, alphas[i]);

            parameters += (fanIn + 1) * System.Math.Max(units[i], 0);
            fanIn = System.Math.Max(units[i], 0);
        }

        if (parameters > int.MaxValue)
        {
            problems.Add(new SpecProblem(SpecRule.TooManyParameters, 0,
                $"{name} has {parameters.ToString(CultureInfo.InvariantCulture)} parameters, more than {int.MaxValue} — use fewer or smaller layers"));
        }

        Activation output = activations[count - 1];
        if (loss == LossFunction.CrossEntropy && output != Activation.Softmax)
        {
            problems.Add(new SpecProblem(SpecRule.LossDoesNotFitOutput, count,
                $"CrossEntropy needs a Softmax output layer, but the last layer of {name} uses {output} — make it Softmax, or use another loss"));
        }
        else if (loss == LossFunction.BinaryCrossEntropy && output != Activation.Sigmoid)
        {
            problems.Add(new SpecProblem(SpecRule.LossDoesNotFitOutput, count,
                $"BinaryCrossEntropy needs a Sigmoid output layer, but the last layer of {name} uses {output} — make it Sigmoid, or use another loss"));
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

    private static void CheckDefined<TEnum>(List<SpecProblem> problems, string name, TEnum value, string property)
        where TEnum : struct
    {
        if (!System.Enum.IsDefined(typeof(TEnum), value))
        {
            problems.Add(new SpecProblem(SpecRule.UnknownValue, 0,
                $"{property} of {name} is {System.Convert.ToInt32(value, CultureInfo.InvariantCulture)}, which is not a {typeof(TEnum).Name} — use one of the named values"));
        }
    }

    private static void CheckAlpha(List<SpecProblem> problems, string name, int layer, Activation activation, double alpha)
    {
        if (double.IsNaN(alpha))
        {
            return; // not given: the activation's default applies
        }

        string value = alpha.ToString("R", CultureInfo.InvariantCulture);
        switch (activation)
        {
            case Activation.LeakyRelu when !(alpha >= 0 && alpha < 1):
                problems.Add(new SpecProblem(SpecRule.AlphaOutOfRange, layer,
                    $"Alpha of LeakyRelu must be in [0, 1); layer {layer} of {name} sets {value} — use a slope such as 0.01"));
                break;
            case Activation.Elu when !(alpha > 0 && alpha <= double.MaxValue):
                problems.Add(new SpecProblem(SpecRule.AlphaOutOfRange, layer,
                    $"Alpha of Elu must be positive and finite; layer {layer} of {name} sets {value} — use a value such as 1.0"));
                break;
            case Activation.LeakyRelu:
            case Activation.Elu:
                break;
            default:
                problems.Add(new SpecProblem(SpecRule.AlphaNotUsed, layer,
                    $"{activation} takes no Alpha; layer {layer} of {name} sets it — remove Alpha, or use LeakyRelu or Elu",
                    isWarning: true));
                break;
        }
    }
}
