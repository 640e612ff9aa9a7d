using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Unrolled.Generators.Model;

/// <summary>A location reduced to equatable values; turned back into a <see cref="Location"/> only when reported.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());

    public static LocationInfo? From(Location location) => location.SourceTree is null
        ? null
        : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    /// <summary>
    /// The location in its syntax tree when <paramref name="trees"/> holds the file: only such a location is checked
    /// against <c>#pragma warning disable</c> (a file-and-span location is not, dotnet/roslyn#68291). Otherwise a
    /// location by path, span and lines.
    /// </summary>
    public Location ToLocation(SyntaxTrees? trees = null) => trees?.Find(FilePath) is { } tree && TextSpan.End <= tree.Length
        ? Location.Create(tree, TextSpan)
        : Location.Create(FilePath, TextSpan, LineSpan);
}

/// <summary>
/// The compilation's syntax trees by path, looked up when diagnostics are reported (never kept in a pipeline value:
/// the report step re-runs with each compilation, the models and plans before it stay cached).
/// </summary>
internal sealed class SyntaxTrees
{
    private readonly System.Collections.Generic.Dictionary<string, SyntaxTree> _byPath = new(System.StringComparer.Ordinal);

    public SyntaxTrees(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            _byPath[tree.FilePath] = tree;
        }
    }

    public SyntaxTree? Find(string path) => _byPath.TryGetValue(path, out var tree) ? tree : null;
}
