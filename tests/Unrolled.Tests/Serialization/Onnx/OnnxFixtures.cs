using System.Text.Json;

namespace Unrolled.Tests.Serialization.Onnx;

/// <summary>The committed fixtures of tests/fixtures/onnx (written by make_fixtures.py), copied next to the tests.</summary>
internal static class OnnxFixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "fixtures", "onnx");

    public static string PathOf(string name) => Path.Combine(Directory, name + ".onnx");

    /// <summary>Every fixture's name, from its .json file.</summary>
    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static JsonElement Expected(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, name + ".json"))).RootElement;

    public static bool IsRefused(string name) => Expected(name).TryGetProperty("refused", out _);

    public static TheoryData<string> Accepted() => new(Names().Where(n => !IsRefused(n)));

    public static TheoryData<string> Refused() => new(Names().Where(IsRefused));

    public static double[][] Rows(JsonElement array) =>
        array.EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
}
