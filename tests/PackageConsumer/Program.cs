using System.Globalization;
using System.Reflection;
using PackageConsumer;
using Unrolled;

// Fixed parameters p[k] = 0.01 (k + 1) - 0.1, a fixed input and target: .ci/package-smoke.sh compares what this prints
// with values it computes independently.
var single = new SmokeNet();
Span<float> singleParameters = single.Parameters;
for (int k = 0; k < singleParameters.Length; k++)
{
    singleParameters[k] = 0.01f * (k + 1) - 0.1f;
}

var precise = new SmokeNetDouble();
Span<double> preciseParameters = precise.Parameters;
for (int k = 0; k < preciseParameters.Length; k++)
{
    preciseParameters[k] = 0.01 * (k + 1) - 0.1;
}

ReadOnlySpan<float> input = [3.0f, 1.0f];
ReadOnlySpan<float> target = [0.25f];
Span<float> output = stackalloc float[SmokeNet.OutputCount];
single.Forward(input, output);
float loss = single.Loss(input, target);

ReadOnlySpan<double> inputDouble = [3.0, 1.0];
ReadOnlySpan<double> targetDouble = [0.25];
Span<double> outputDouble = stackalloc double[SmokeNetDouble.OutputCount];
precise.Forward(inputDouble, outputDouble);
double lossDouble = precise.Loss(inputDouble, targetDouble);

// Through the interface and the interpreter too: the package's runtime and generator agree.
INetwork<double> asInterface = precise;
var reference = new ReferenceNetwork<double>(SmokeNetDouble.Spec);
precise.Parameters.CopyTo(reference.Parameters);
Span<double> referenceOutput = stackalloc double[1];
reference.Forward(inputDouble, referenceOutput);

string version = typeof(NetworkSpec).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
Console.WriteLine(Line("unrolled.version", version));
Console.WriteLine(Line("float.parameterCount", SmokeNet.ParameterCount.ToString(CultureInfo.InvariantCulture)));
Console.WriteLine(Line("float.output0", output[0].ToString("R", CultureInfo.InvariantCulture)));
Console.WriteLine(Line("float.loss", loss.ToString("R", CultureInfo.InvariantCulture)));
Console.WriteLine(Line("double.parameterCount", asInterface.ParameterCount.ToString(CultureInfo.InvariantCulture)));
Console.WriteLine(Line("double.output0", outputDouble[0].ToString("R", CultureInfo.InvariantCulture)));
Console.WriteLine(Line("double.loss", lossDouble.ToString("R", CultureInfo.InvariantCulture)));
Console.WriteLine(Line("reference.output0", referenceOutput[0].ToString("R", CultureInfo.InvariantCulture)));

// Baked weights through the package's build step: the first input of the fixture PolicyNet was exported from, whose
// outputs PyTorch recorded (.ci/package-smoke.sh compares them), through an instance and through the static entry.
ReadOnlySpan<float> policyInput = [0.3455841839313507f, 0.8216181397438049f, 0.3304370641708374f, -1.3031572103500366f];
Span<float> viaInstance = stackalloc float[PolicyNet.OutputCount];
Span<float> viaStatic = stackalloc float[PolicyNet.OutputCount];
var policy = new PolicyNet();
policy.Forward(policyInput, viaInstance);
PolicyNet.ForwardBaked(policyInput, viaStatic);
float firstWeight = policy.Parameters[0];
policy.Parameters.Clear();
policy.Initialize(seed: 1);
Console.WriteLine(Line("baked.parameterCount", PolicyNet.ParameterCount.ToString(CultureInfo.InvariantCulture)));
for (int k = 0; k < PolicyNet.OutputCount; k++)
{
    Console.WriteLine(Line($"baked.output{k}", viaInstance[k].ToString("R", CultureInfo.InvariantCulture)));
    Console.WriteLine(Line($"static.output{k}", viaStatic[k].ToString("R", CultureInfo.InvariantCulture)));
}

Console.WriteLine(Line("baked.initializeRestores", (policy.Parameters[0] == firstWeight).ToString(CultureInfo.InvariantCulture)));

static string Line(string key, string value) => key + "=" + value;
