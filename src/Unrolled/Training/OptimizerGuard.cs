using System.Numerics;

namespace Unrolled;

/// <summary>Range checks of optimizer hyper-parameters, with messages that name the parameter and its range.</summary>
internal static class OptimizerGuard
{
    public static void Positive<T>(T value, string name)
        where T : IFloatingPointIeee754<T>
    {
        if (!(value > T.Zero) || !T.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and finite.");
        }
    }

    public static void NonNegative<T>(T value, string name)
        where T : IFloatingPointIeee754<T>
    {
        if (!(value >= T.Zero) || !T.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be zero or positive, and finite.");
        }
    }

    public static void InUnitInterval<T>(T value, string name)
        where T : IFloatingPointIeee754<T>
    {
        if (!(value >= T.Zero && value < T.One))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1).");
        }
    }

    public static void InOpenUnitInterval<T>(T value, string name)
        where T : IFloatingPointIeee754<T>
    {
        if (!(value > T.Zero && value < T.One))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in (0, 1).");
        }
    }

    public static void ParameterCount(int value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be zero or positive.");
        }
    }
}
