using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace Unrolled.Generators.Tests.Infrastructure;

/// <summary>Emits a compilation and loads it; Unrolled itself resolves to the copy the tests already use.</summary>
public static class InMemoryAssembly
{
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10);
            throw new InvalidOperationException("The generated code does not compile:\n" + string.Join("\n", errors));
        }

        stream.Position = 0;
        return new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true).LoadFromStream(stream);
    }
}
