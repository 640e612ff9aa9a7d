using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using Unrolled.Benchmarks.Peak;
using Unrolled.Benchmarks.Peers;

namespace Unrolled.Benchmarks;

/// <summary>
/// <c>--smoke</c>: runs every benchmark method a few times without BenchmarkDotNet (seconds, not minutes), for every
/// value of the class's <c>[Params]</c>, after the same GlobalSetup (which checks that all implementations agree),
/// and fails if a method throws or allocates after warm-up (measured with GC.GetAllocatedBytesForCurrentThread).
/// Methods marked <see cref="PeerBenchmarkAttribute"/> time another library: their allocations are reported
/// ("peer-allocates"), not failed; those marked <see cref="RequiresVector512Attribute"/> are skipped where 512-bit
/// vectors are emulated. For CI; it measures no time.
/// </summary>
public static class Smoke
{
    private const int WarmupCalls = 2;
    private const int MeasuredCalls = 5;

    public static int Run(TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var tally = new Tally();
        IEnumerable<Type> types = typeof(Smoke).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .OrderBy(t => t.Name, StringComparer.Ordinal);
        foreach (Type type in types)
        {
            foreach (ParameterSetting setting in ParameterSetting.All(type))
            {
                RunClass(type, setting, tally, log);
            }
        }

        log.WriteLine($"smoke: {tally.Methods} benchmark runs, {tally.Failures} failed, {tally.Skipped} skipped, {clock.Elapsed.TotalSeconds:F1} s");
        return tally.Failures == 0 && tally.Methods > 0 ? 0 : 1;
    }

    private static void RunClass(Type type, ParameterSetting setting, Tally tally, TextWriter log)
    {
        object instance = Activator.CreateInstance(type)!;
        setting.ApplyTo(instance);
        InvokeAll<GlobalSetupAttribute>(type, instance);
        IEnumerable<MethodInfo> benchmarks = type.GetMethods()
            .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
            .OrderBy(m => m.Name, StringComparer.Ordinal);
        foreach (MethodInfo method in benchmarks)
        {
            string name = $"{type.Name}.{method.Name}{setting}";
            if (!RequiresVector512Attribute.IsMet(method, out string? missing))
            {
                tally.Skipped++;
                log.WriteLine($"{"skipped",-14} {name}: {missing}");
                continue;
            }

            tally.Methods++;
            RunMethod(instance, method, name, tally, log);
        }

        InvokeAll<GlobalCleanupAttribute>(type, instance);
    }

    private static void RunMethod(object instance, MethodInfo method, string name, Tally tally, TextWriter log)
    {
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
                tally.Failures++;
            }

            log.WriteLine($"{verdict,-14} {name}: {allocated} B over {MeasuredCalls} calls");
        }
        catch (Exception e)
        {
            tally.Failures++;
            log.WriteLine($"{"FAILED",-14} {name}: {e.GetType().Name}: {e.Message}");
        }
    }

    private static void InvokeAll<TAttribute>(Type type, object instance)
        where TAttribute : Attribute
    {
        foreach (MethodInfo method in type.GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            method.Invoke(instance, null);
        }
    }

    private static Action WrapFloat(Func<float> f) => () => Sink = f();

    /// <summary>Keeps results alive so that nothing is optimized away.</summary>
    public static float Sink { get; private set; }

    private sealed class Tally
    {
        public int Methods { get; set; }

        public int Failures { get; set; }

        public int Skipped { get; set; }
    }
}
