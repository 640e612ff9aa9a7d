using Microsoft.CodeAnalysis;

namespace Unrolled.Generators.Model;

/// <summary>A diagnostic waiting to be reported, in equatable form: the descriptor, where, and the message arguments.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor, location, arguments.ToEquatableArray());

    /// <summary>The diagnostic, at its place in <paramref name="compilation"/>'s syntax trees when one of them is its file (see <see cref="LocationInfo.ToLocation"/>).</summary>
    public Diagnostic ToDiagnostic(Compilation? compilation = null) =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(compilation), Arguments.AsSpan().ToArray());
}
