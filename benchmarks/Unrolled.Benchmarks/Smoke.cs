using System.Reflection;
using BenchmarkDotNet.Attributes;
using Unrolled.Benchmarks.Peers;

namespace Unrolled.Benchmarks;

/// <summary>
/// <c>--smoke</c>: runs every benchmark method a few times without BenchmarkDotNet (seconds, not minutes), after the
/// same GlobalSetup (which checks that all implementations agree), and fails if a method throws or allocates after
/// warm-up (measured with GC.GetAllocatedBytesForCurrentThread). Methods marked <see cref="PeerBenchmarkAttribute"/>
/// time another library: their allocations are reported ("peer-allocates"), not failed. For CI; it measures no time.
/// </summary>
public static class Smoke
{
    private const int WarmupCalls = 2;
    private const int MeasuredCalls = 5;

    public static int Run(TextWriter log)
    {
        int failures = 0, methods = 0;
        IEnumerable<Type> types = typeof(Smoke).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .OrderBy(t => t.Name, StringComparer.Ordinal);
        foreach (Type type in types)
        {
            object instance = Activator.CreateInstance(type)!;
            foreach (MethodInfo setup in type.GetMethods().Where(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null))
            {
                setup.Invoke(instance, null);
            }

            foreach (MethodInfo method in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                methods++;
                Action call = method.ReturnType == typeof(void)
                    ? method.CreateDelegate<Action>(instance)
                    : WrapFloat(method.CreateDelegate<Func<float>>(instance));
                try
                {
                    for (int k = 0; k < WarmupCalls; k++)
                    {
                        call();
                    }

                    long before = GC.GetAllocatedBytesForCurrentThread();
                    for (int k = 0; k < MeasuredCalls; k++)
                    {
                        call();
                    }

                    long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                    bool peer = method.GetCustomAttribute<PeerBenchmarkAttribute>() is not null;
                    string verdict = allocated == 0 ? "ok" : peer ? "peer-allocates" : "ALLOCATES";
                    if (allocated != 0 && !peer)
                    {
                        failures++;
                    }

                    log.WriteLine($"{verdict,-14} {type.Name}.{method.Name}: {allocated} B over {MeasuredCalls} calls");
                }
                catch (Exception e)
                {
                    failures++;
                    log.WriteLine($"{"FAILED",-14} {type.Name}.{method.Name}: {e.GetType().Name}: {e.Message}");
                }
            }

            foreach (MethodInfo cleanup in type.GetMethods().Where(m => m.GetCustomAttribute<GlobalCleanupAttribute>() is not null))
            {
                cleanup.Invoke(instance, null);
            }
        }

        log.WriteLine($"smoke: {methods} benchmark methods, {failures} failed");
        return failures == 0 && methods > 0 ? 0 : 1;
    }

    private static Action WrapFloat(Func<float> f) => () => Sink = f();

    /// <summary>Keeps results alive so that nothing is optimized away.</summary>
    public static float Sink { get; private set; }
}
