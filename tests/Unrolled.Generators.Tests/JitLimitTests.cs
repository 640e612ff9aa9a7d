using System.Reflection;
using Unrolled.Generators.Tests.Infrastructure;

namespace Unrolled.Generators.Tests;

/// <summary>
/// No generated method may grow past what the JIT optimizes: past about 60,000 bytes of IL or 2,000 locals it
/// compiles the method with MinOpts, and a network runs many times slower (PERFORMANCE.md).
/// </summary>
public class JitLimitTests
{
    private const int MaxIlBytes = 60_000;
    private const int MaxLocals = 2_000;

    [Theory]
    [InlineData("[Network(784, Loss = LossFunction.CrossEntropy)] [Dense(128, Activation.Relu)] [Dense(10, Activation.Softmax)]")]
    [InlineData("[Network(784, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)] [Dense(128, Activation.Tanh)] [Dense(10, Activation.Softmax)]")]
    [InlineData("[Network(64)] [Dense(64, Activation.Relu)] [Dense(64, Activation.Relu)] [Dense(10)]")]
    [InlineData("[Network(32, Unroll = UnrollMode.Full)] [Dense(32, Activation.Silu)] [Dense(16, Activation.Tanh)] [Dense(2)]")]
    [InlineData("[Network(2, Unroll = UnrollMode.Full)] [Dense(256, Activation.Tanh)] [Dense(1)]")]
    public void Every_generated_method_stays_within_the_JIT_optimization_limits(string attributes)
    {
        var run = GeneratorRunner.Run($"using Unrolled;\n{attributes}\npublic partial class Net;");
        Assert.Empty(run.CompilationDiagnostics);
        var type = InMemoryAssembly.Load(run.Output).GetType("Net", throwOnError: true)!;

        var methods = type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
        Assert.NotEmpty(methods);
        foreach (var method in methods)
        {
            var body = method.GetMethodBody();
            if (body is null)
            {
                continue;
            }

            int il = body.GetILAsByteArray()!.Length;
            Assert.True(il < MaxIlBytes, $"{method.Name}: {il} bytes of IL");
            Assert.True(body.LocalVariables.Count < MaxLocals, $"{method.Name}: {body.LocalVariables.Count} locals");
        }
    }
}
