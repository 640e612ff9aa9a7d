extern alias generator;

using generator::Unrolled.Generators.Model;
using generator::Unrolled.Generators.Planning;
using TrackingNames = generator::Unrolled.Generators.TrackingNames;

namespace Unrolled.Generators.Tests.Infrastructure;

/// <summary>The plan the generator's pipeline made for a declaration: what tests of a path assert on.</summary>
internal static class PlannedNetwork
{
    /// <summary>The plan of <c>public partial class Net</c> declared with <paramref name="attributes"/>.</summary>
    public static NetworkPlan Plan(string attributes)
    {
        var run = GeneratorRunner.Run($"using Unrolled;\n{attributes}\npublic partial class Net;");
        var outputs = run.Result.Results.Single().TrackedSteps[TrackingNames.Plans].Single().Outputs;
        var (plan, _) = ((NetworkPlan, CompilationFacts))outputs.Single().Value;
        return plan;
    }
}
