using System.Reflection;
using Unrolled.Generators.Tests.Infrastructure;

namespace Unrolled.Generators.Tests;

/// <summary>
/// No generated method may grow past what the JIT optimizes: past about 60,000 bytes of IL or 2,000 locals it
/// compiles the method with MinOpts, and a network runs many times slower (PERFORMANCE.md). Layers of 1 to 16,384
/// units with up to 16,384 inputs, in every unroll mode and both precisions.
/// </summary>
[Trait("Category", "SimdPaths")]
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
    [InlineData("[Network(16384)] [Dense(1, Activation.Sigmoid)]")]
    [InlineData("[Network(16384, Unroll = UnrollMode.Full)] [Dense(7, Activation.Elu)] [Dense(1)]")]
    [InlineData("[Network(7)] [Dense(16384, Activation.Tanh)] [Dense(7, Activation.LeakyRelu)]")]
    [InlineData("[Network(1000, Precision = Precision.Double)] [Dense(1000, Activation.Relu)] [Dense(128, Activation.Softplus)] [Dense(1)]")]
    [InlineData("[Network(256)] [Dense(4096, Activation.Relu)] [Dense(10)]")]
    [InlineData("[Network(4096, Loss = LossFunction.CrossEntropy)] [Dense(16384, Activation.Silu)] [Dense(1000, Activation.Sigmoid)] [Dense(7, Activation.Softmax)]")]
    [InlineData("[Network(16384, Unroll = UnrollMode.Loops)] [Dense(4096, Activation.Relu)] [Dense(128)]")]
    public void Every_generated_method_stays_within_the_JIT_optimization_limits(string attributes)
    {
        var run = GeneratorRunner.Run($"using Unrolled;\n{attributes}\npublic partial class Net;");
        Assert.Empty(run.CompilationDiagnostics);
        var assembly = InMemoryAssembly.Load(run.Output);

        // The network's own members, and the kernels in the file-local class beside it.
        var methods = assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .ToList();
        Assert.Contains(methods, m => m.Name == "ForwardLayer1");
        foreach (var method in methods)
        {
            var body = method.GetMethodBody();
            if (body is null)
            {
                continue;
            }

            int il = body.GetILAsByteArray()!.Length;
            Assert.True(il < MaxIlBytes, $"{method.DeclaringType!.Name}.{method.Name}: {il} bytes of IL");
            Assert.True(body.LocalVariables.Count < MaxLocals, $"{method.DeclaringType!.Name}.{method.Name}: {body.LocalVariables.Count} locals");
        }
    }
}
