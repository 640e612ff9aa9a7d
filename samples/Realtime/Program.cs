// Real-time embedding demo: a generated 2-16-16-1 tanh waveshaper applied sample by sample to a 48 kHz sine sweep,
// as an audio callback would. Reports the latency of each Forward call (p50, p99, p99.9, max), the collections and
// bytes allocated while processing (both must be zero: exit code 1 otherwise) and the throughput against real time.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Realtime;
using Unrolled;

const int SampleRate = 48_000;
const double SignalSeconds = 4.0;
const int MeasuredPasses = 6;                  // 6 x 192,000 = 1,152,000 timed calls
const int ThroughputPasses = 10;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string mode = RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "NativeAOT";
Console.WriteLine($"Unrolled real-time demo ({mode}, {RuntimeInformationText()})");
#if DEBUG
Console.WriteLine("note      Debug build: latencies are not representative; run with -c Release");
#endif

// 1. The network: trained for a moment to shape like y = tanh(g x) / tanh(g), g = 1 + 9 drive.
var shaper = new Waveshaper();
double trainingLoss = Training.Fit(shaper);
Console.WriteLine($"network   2-16-16-1 tanh, {Waveshaper.ParameterCount} float parameters; fitted to tanh(g x)/tanh(g), g = 1 + 9 drive: MSE {trainingLoss:G3}");

// 2. The signal: a logarithmic sine sweep 20 Hz -> 20 kHz at 0.9, the drive knob moving slowly from 0 to 1 and back.
int length = (int)(SampleRate * SignalSeconds);
var signal = new float[length];
var drive = new float[length];
var shaped = new float[length];
Signal.Sweep(signal, SampleRate, 20.0, 20_000.0, 0.9);
Signal.Knob(drive, SampleRate, 0.25);
Console.WriteLine($"signal    {SignalSeconds:0.#} s at {SampleRate} Hz: sine sweep 20 Hz -> 20 kHz, drive LFO 0.25 Hz ({length:N0} samples)");

// 3. Buffers for the measurement, then warm-up (tiered JIT reaches its optimized code; nothing to do under AOT).
long calls = (long)length * MeasuredPasses;
var latencies = new long[calls];
for (int round = 0; round < 3; round++)
{
    for (int pass = 0; pass < 20; pass++)
    {
        Processing.Timed(shaper, signal.AsSpan(0, SampleRate / 2), drive, shaped, latencies);
        Processing.Untimed(shaper, signal.AsSpan(0, SampleRate / 2), drive, shaped);
    }

    Thread.Sleep(150);
}

long timerOverhead = Processing.TimerOverhead();

// 4. Measured region: nothing may allocate, no collection may happen.
int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

long timedStart = Stopwatch.GetTimestamp();
for (int pass = 0; pass < MeasuredPasses; pass++)
{
    Processing.Timed(shaper, signal, drive, shaped, latencies.AsSpan(pass * length, length));
}

long timedEnd = Stopwatch.GetTimestamp();
for (int pass = 0; pass < ThroughputPasses; pass++)
{
    Processing.Untimed(shaper, signal, drive, shaped);
}

long untimedEnd = Stopwatch.GetTimestamp();

long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
int dGen0 = GC.CollectionCount(0) - gen0, dGen1 = GC.CollectionCount(1) - gen1, dGen2 = GC.CollectionCount(2) - gen2;

// 5. Report.
Array.Sort(latencies);
double nsPerTick = 1e9 / Stopwatch.Frequency;
double Percentile(double p) => latencies[(int)Math.Ceiling(p * calls) - 1] * nsPerTick;
double budgetNs = 1e9 / SampleRate;
double timedSeconds = (timedEnd - timedStart) / (double)Stopwatch.Frequency;
double untimedSeconds = (untimedEnd - timedEnd) / (double)Stopwatch.Frequency;
double audioSeconds = SignalSeconds * ThroughputPasses;
double nsPerSample = untimedSeconds * 1e9 / (length * (double)ThroughputPasses);

Console.WriteLine($"latency   {calls:N0} Forward calls, each timed with Stopwatch.GetTimestamp (timer overhead ~{timerOverhead * nsPerTick:0} ns, included)");
Console.WriteLine($"          p50 {Percentile(0.50):0} ns   p99 {Percentile(0.99):0} ns   p99.9 {Percentile(0.999):0} ns   max {latencies[^1] * nsPerTick:0} ns");
Console.WriteLine($"          per-sample budget at {SampleRate} Hz: {budgetNs:0} ns; p99.9 uses {100 * Percentile(0.999) / budgetNs:0.0}% of it, max {100 * latencies[^1] * nsPerTick / budgetNs:0.0}%");
Console.WriteLine($"throughput {nsPerSample:0.0} ns/sample untimed: x{audioSeconds / untimedSeconds:0} real time ({audioSeconds:0} s of audio in {untimedSeconds * 1000:0.0} ms); timed loop x{SignalSeconds * MeasuredPasses / timedSeconds:0}");
Console.WriteLine($"gc        collections during processing: gen0 {dGen0}, gen1 {dGen1}, gen2 {dGen2}");
Console.WriteLine($"alloc     bytes allocated during processing: {allocated}");
Console.WriteLine($"output    peak |y| {Signal.Peak(shaped):0.0000}, rms error vs the target curve {Training.RmsError(signal, drive, shaped):0.0000}");

bool clean = allocated == 0 && dGen0 == 0 && dGen1 == 0 && dGen2 == 0 && float.IsFinite(Signal.Peak(shaped));
Console.WriteLine(clean
    ? "result    OK: no allocation, no collection"
    : "result    FAIL: the processing loop allocated, collected or produced non-finite output");
return clean ? 0 : 1;

static string RuntimeInformationText() =>
    $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}, {Environment.ProcessorCount} cores";
