using System.Runtime.CompilerServices;

namespace Unrolled.Generators.Tests.Infrastructure;

/// <summary>
/// Compares text with a committed snapshot, <c>Snapshots/{Class}.{Method}#{Hint}.verified.cs</c> beside the test
/// source. On a mismatch it writes <c>.received.cs</c> next to it and fails; <c>UNROLLED_ACCEPT_SNAPSHOTS=1</c>
/// accepts the new text instead, except under CI, which never accepts.
/// </summary>
public static class Snapshot
{
    public static void Verify(string actual, string hint, [CallerFilePath] string testFile = "", [CallerMemberName] string method = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");
        string className = Path.GetFileNameWithoutExtension(testFile);
        string stem = Path.Combine(directory, $"{className}.{method}#{Path.GetFileNameWithoutExtension(hint)}");
        string verified = stem + ".verified.cs", received = stem + ".received.cs";
        string normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);

        string? expected = File.Exists(verified) ? File.ReadAllText(verified) : null;
        if (expected == normalized)
        {
            File.Delete(received);
            return;
        }

        bool accept = Environment.GetEnvironmentVariable("UNROLLED_ACCEPT_SNAPSHOTS") == "1"
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
        if (accept)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, normalized);
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(received, normalized);
        Assert.Fail(expected is null
            ? $"No snapshot yet: review {received} and accept it with UNROLLED_ACCEPT_SNAPSHOTS=1."
            : $"Generated code differs from {verified}; see {received}. First difference at line {FirstDifferentLine(expected, normalized)}.");
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        string[] a = expected.Split('\n'), b = actual.Split('\n');
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i + 1;
    }
}
