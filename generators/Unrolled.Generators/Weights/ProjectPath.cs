using System;
using System.Collections.Generic;

namespace Unrolled.Generators.Weights;

/// <summary>
/// Paths as <c>Weights</c> and the additional files are matched: relative to the project directory, '/' separators,
/// no '.' segments and '..' resolved where it can be. Matching is ordinal (case-sensitive) on every system, so that a
/// project that builds on Windows also builds on Linux.
/// </summary>
internal static class ProjectPath
{
    public static string Normalize(string path)
    {
        string text = path.Trim().Replace('\\', '/');
        string root = "";
        if (text.StartsWith("/", StringComparison.Ordinal))
        {
            root = "/";
        }
        else if (text.Length >= 2 && text[1] == ':' && char.IsLetter(text[0]))
        {
            root = text.Substring(0, 2) + "/";
            text = text.Substring(2);
        }

        var segments = new List<string>();
        foreach (string segment in text.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
            }
            else if (segment != ".." || root.Length == 0)
            {
                segments.Add(segment);
            }
        }

        return root + string.Join("/", segments);
    }

    /// <summary>
    /// <paramref name="path"/> relative to <paramref name="projectDirectory"/> (with '..' for files outside it), or
    /// normalized as it is when there is no project directory or the two share no root.
    /// </summary>
    public static string Relative(string? projectDirectory, string path)
    {
        string file = Normalize(path);
        if (string.IsNullOrWhiteSpace(projectDirectory))
        {
            return file;
        }

        string directory = Normalize(projectDirectory!);
        if (!string.Equals(RootOf(directory), RootOf(file), StringComparison.OrdinalIgnoreCase))
        {
            return file;
        }

        string[] from = Segments(directory), to = Segments(file);

        int common = 0;
        while (common < from.Length && common < to.Length && from[common] == to[common])
        {
            common++;
        }

        var parts = new List<string>();
        for (int i = common; i < from.Length; i++)
        {
            parts.Add("..");
        }

        for (int i = common; i < to.Length; i++)
        {
            parts.Add(to[i]);
        }

        return string.Join("/", parts);
    }

    /// <summary>"/", a drive ("C:/"), or "" for a relative path.</summary>
    private static string RootOf(string normalized) =>
        normalized.StartsWith("/", StringComparison.Ordinal) ? "/"
        : normalized.Length >= 3 && normalized[1] == ':' ? normalized.Substring(0, 3)
        : "";

    private static string[] Segments(string normalized) => normalized.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
}
