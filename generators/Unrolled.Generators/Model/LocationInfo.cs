using System.Linq;
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
    /// The location in its syntax tree when <paramref name="compilation"/> holds the file: only such a location is checked
    /// against <c>#pragma warning disable</c> (a file-and-span location is not, dotnet/roslyn#68291). Otherwise a
    /// location by path, span and lines.
    /// </summary>
    public Location ToLocation(Compilation? compilation = null) =>
        compilation?.SyntaxTrees.FirstOrDefault(t => t.FilePath == FilePath) is { } tree && TextSpan.End <= tree.Length
            ? Location.Create(tree, TextSpan)
            : Location.Create(FilePath, TextSpan, LineSpan);
}
