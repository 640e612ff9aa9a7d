using System.Reflection;
using ScottPlot;

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

    /// <summary>
    /// Writes <paramref name="plot"/> as <paramref name="name"/>.png, rendered at twice <paramref name="width"/> x
    /// <paramref name="height"/> for sharp text on high-density screens, and as <paramref name="name"/>.svg at that
    /// size, into <paramref name="directory"/>, and says so.
    /// </summary>
    public static void Save(Plot plot, string directory, string name, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        string png = Path.Combine(directory, name + ".png"), svg = Path.Combine(directory, name + ".svg");
        plot.ScaleFactor = 2;
        plot.SavePng(png, 2 * width, 2 * height);
        plot.ScaleFactor = 1;
        plot.SaveSvg(svg, width, height);
        Console.WriteLine($"wrote {Relative(png)} and {Path.GetFileName(svg)}");
    }

    private static string Relative(string path) => Path.GetRelativePath(System.IO.Directory.GetCurrentDirectory(), path);
}
