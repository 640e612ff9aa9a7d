using System.Globalization;

namespace Unrolled;

/// <summary>
/// The range of each activation's alpha, checked on the value the network computes with: a Single network turns
/// alpha into a float first, which can push a value out of range (0.99999999999 becomes 1) or to infinity (1e39).
/// </summary>
/// <remarks>
/// Written as <c>!(lo &lt;= x &amp;&amp; x &lt; hi)</c> so that NaN, which compares false with everything, fails.
/// Shared as source with the generator: keep it free of anything netstandard2.0 lacks.
/// </remarks>
internal static class AlphaRules
{
    /// <summary>
    /// The problem with the alpha of layer <paramref name="layer"/> of <paramref name="name"/>, or null when there is
    /// none. <paramref name="declared"/> is true when NaN was written as the value rather than standing for "not given".
    /// </summary>
    public static SpecProblem? Check(string name, int layer, Activation activation, double alpha, bool declared, Precision precision)
    {
        if (double.IsNaN(alpha) && !declared)
        {
            return null; // not given: the activation's default applies
        }

        var traits = ActivationTraits.Of(activation)!;
        string layerText = SpecRules.Invariant(layer);
        if (!traits.TakesAlpha)
        {
            return SpecRules.Problem(SpecRule.AlphaNotUsed, layer, isWarning: true, activation.ToString(), layerText, name);
        }

        bool single = precision == Precision.Single;
        double computed = single ? (float)alpha : alpha;
        if (InRange(activation, computed))
        {
            return null;
        }

        string value = Text(alpha);
        if (single && InRange(activation, alpha))
        {
            value += " (" + ((float)alpha).ToString("R", CultureInfo.InvariantCulture) + " as a float)";
        }

        return SpecRules.Problem(SpecRule.AlphaOutOfRange, layer, isWarning: false,
            activation.ToString(), Range(activation, single), layerText, name, value, Text(traits.DefaultAlpha));
    }

    private static bool InRange(Activation activation, double alpha) => activation switch
    {
        Activation.LeakyRelu => alpha >= 0 && alpha < 1,
        Activation.Elu => alpha > 0 && alpha <= double.MaxValue,
        _ => alpha >= -double.MaxValue && alpha <= double.MaxValue,
    };

    private static string Range(Activation activation, bool single) => activation switch
    {
        Activation.LeakyRelu => "in [0, 1)",
        Activation.Elu when single => "positive and at most " + float.MaxValue.ToString("R", CultureInfo.InvariantCulture) + " (the largest float)",
        Activation.Elu => "positive and finite",
        _ => single ? "a finite float" : "finite",
    };

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
