using System.Reflection;

namespace Unrolled.Generators.Planning;

/// <summary>Facts about this generator that generated code records.</summary>
internal static class GeneratorInfo
{
    /// <summary>
    /// The generator's version as its assembly carries it (the package version), without the source revision the
    /// SDK appends after a '+', so that generated code depends on the release, not on the commit.
    /// </summary>
    public static readonly string Version = ReadVersion();

    private static string ReadVersion()
    {
        var assembly = typeof(GeneratorInfo).Assembly;
        string? version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString();
        if (version is null)
        {
            return "0.0.0";
        }

        int plus = version.IndexOf('+');
        return plus < 0 ? version : version.Substring(0, plus);
    }
}
