using System.Reflection;
using System.Runtime.Intrinsics;

namespace Unrolled.Benchmarks.Peak;

/// <summary>
/// Marks a benchmark that means something only where <see cref="Vector512.IsHardwareAccelerated"/> (elsewhere .NET
/// emulates 512-bit vectors in software): the suite's filter leaves it out and <c>--smoke</c> skips it there.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresVector512Attribute : Attribute
{
    /// <summary>Whether <paramref name="method"/> can run meaningfully here; if not, why not.</summary>
    public static bool IsMet(MethodInfo method, out string? missing)
    {
        ArgumentNullException.ThrowIfNull(method);
        bool met = method.GetCustomAttribute<RequiresVector512Attribute>() is null || Vector512.IsHardwareAccelerated;
        missing = met ? null : "Vector512 is not hardware-accelerated on this machine";
        return met;
    }
}
