using System.Reflection;

namespace Unrolled.Samples;

/// <summary>Where a sample writes its plots, and the writing itself.</summary>
public static class SampleOutput
{
    /// <summary>
    /// The output directory: the first command-line argument when there is one (created if needed); otherwise the
    /// sample's project directory, which the project embeds at build time as the assembly metadata
    /// <c>ProjectDirectory</c>; otherwise the first directory above the executable that holds a <c>.csproj</c>;
    /// otherwise the current directory.
    /// </summary>
    public static string Directory(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && !string.IsNullOrWhiteSpace(args[0]))
        {
            string requested = Path.GetFullPath(args[0]);
            System.IO.Directory.CreateDirectory(requested);
            return requested;
        }

        string? embedded = Assembly.GetEntryAssembly()?
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ProjectDirectory")?.Value;
        if (!string.IsNullOrEmpty(embedded) && System.IO.Directory.Exists(embedded))
        {
            return embedded;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (dir.EnumerateFiles("*.csproj").Any())
            {
                return dir.FullName;
            }
        }

        return System.IO.Directory.GetCurrentDirectory();
    }

    /// <summary>Writes <paramref name="svg"/> to <paramref name="fileName"/> in <paramref name="directory"/> and says so.</summary>
    public static string Write(string directory, string fileName, string svg)
    {
        string path = Path.Combine(directory, fileName);
        File.WriteAllText(path, svg);
        Console.WriteLine($"wrote {Path.GetRelativePath(System.IO.Directory.GetCurrentDirectory(), path)}");
        return path;
    }
}
