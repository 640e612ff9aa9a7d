using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Unrolled.Benchmarks;

/// <summary>
/// One combination of a benchmark class's <c>[Params]</c> properties (the cartesian product of their values, as
/// BenchmarkDotNet runs them), for <see cref="Smoke"/>. A class without <c>[Params]</c> has one empty setting.
/// </summary>
public sealed class ParameterSetting
{
    private readonly (PropertyInfo Property, object? Value)[] _values;

    private ParameterSetting((PropertyInfo Property, object? Value)[] values) => _values = values;

    public static IEnumerable<ParameterSetting> All(Type type)
    {
        IEnumerable<(PropertyInfo Property, object? Value)[]> settings = [[]];
        foreach (PropertyInfo property in type.GetProperties())
        {
            if (property.GetCustomAttribute<ParamsAttribute>() is { } parameters)
            {
                settings = settings.SelectMany(s => parameters.Values.Select(v => s.Append((property, v)).ToArray())).ToList();
            }
        }

        return settings.Select(s => new ParameterSetting(s));
    }

    public void ApplyTo(object instance)
    {
        foreach ((PropertyInfo property, object? value) in _values)
        {
            property.SetValue(instance, value);
        }
    }

    /// <summary>"" or " [Samples=16]", as a suffix of the benchmark's name.</summary>
    public override string ToString() =>
        _values.Length == 0 ? "" : $" [{string.Join(", ", _values.Select(v => $"{v.Property.Name}={v.Value}"))}]";
}
