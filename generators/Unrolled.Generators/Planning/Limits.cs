namespace Unrolled.Generators.Planning;

/// <summary>
/// Every limit the planner applies, in one place, each with the measurement or the rule that chose it. The emitter
/// never compares a size with anything: it renders what the plan decided.
/// </summary>
internal static class Limits
{
    /// <summary>The runtime refuses an [InlineArray] struct of 1 MiB or more: larger buffers become arrays.</summary>
    public const int MaxInlineBytes = (1024 * 1024) - 1;

    /// <summary>Forward's scratch stays on the stack up to this size and is rented from the shared pool above it.</summary>
    public const int MaxStackScratchBytes = 64 * 1024;

    /// <summary>
    /// The most multiply-adds written out as straight-line code in one method. A fully unrolled layer costs about 30
    /// bytes of IL per multiply-add, and the JIT stops optimizing past about 60,000 bytes of IL or 2,000 locals
    /// (PERFORMANCE.md): 1,024 stays well inside both. It bounds unrolled layers, the lane path and the register path.
    /// </summary>
    public const int MaxStraightLineMultiplyAdds = 1024;

    /// <summary>An unrolled layer keeps one local per input and per unit: at most this many (the JIT's local limit).</summary>
    public const int MaxUnrolledLocals = 512;

    /// <summary>
    /// Auto unrolls a layer only while it has fewer units than one vector of this many bits holds (4 floats, 2 doubles).
    /// UnrollModeBenchmarks (docs/benchmarks.md): 2-16-16-2 ran twice as fast as SIMD code as unrolled; at 4-6-6-3 the
    /// two were within noise of each other.
    /// </summary>
    public const int AutoUnrollNarrowerThanBits = 128;

    /// <summary>
    /// Independent accumulators per pass over the inputs: the FMA latency (4 cycles) times its two ports, within the
    /// 16 vector registers of AVX2 with room for an input and a weight.
    /// </summary>
    public const int Accumulators = 8;

    /// <summary>Partial sums split a layer's inputs only when it has at least this many (fewer: the chains are short).</summary>
    public const int MinPartialSumInputs = 8;

    /// <summary>At most this many partial sums per accumulator: more gain nothing once eight chains are in flight.</summary>
    public const int MaxPartialSums = 4;

    /// <summary>Up to this many inputs, a SIMD layer's loop over its inputs is written out.</summary>
    public const int UnrolledInputs = 4;

    /// <summary>Up to this many vectors per row of W, the backward pass writes the row out instead of looping.</summary>
    public const int UnrolledRowVectors = 16;

    /// <summary>The lane path (one sample per lane) holds every layer's values at once: at most this many, inputs included.</summary>
    public const int MaxLaneValues = 256;

    /// <summary>The lane path's vector width: eight float or four double samples per pass.</summary>
    public const int LaneBits = 256;

    /// <summary>The most vectors one layer of the register path may hold at its narrowest width (registers for values and sums).</summary>
    public const int MaxRegisterVectors = 8;

    /// <summary>
    /// Samples per register block of the batch kernels: six rows of X broadcast against C vectors of W, the classic
    /// 6x16 AVX2 kernel (12 accumulators, two weight vectors and one broadcast in 16 registers) and 6x64 at 512 bits
    /// (24 accumulators in 32 registers).
    /// </summary>
    public const int BlockRows = 6;

    /// <summary>Vectors of units per register block at 512 bits (32 registers); 256 and 128 bits have 16 and take 2.</summary>
    public const int PanelVectors512 = 4;

    /// <summary>Vectors of units per register block at 256 and 128 bits.</summary>
    public const int PanelVectorsNarrow = 2;

    /// <summary>
    /// A tile's hidden activations stay within this many bytes (half of Zen 3's 512 KB L2 per core, beside the weights);
    /// Forward keeps them on the stack.
    /// </summary>
    public const int TileBytes = 64 * 1024;

    /// <summary>At most this many samples per tile: beyond, a tile's dW updates are amortized well enough.</summary>
    public const int MaxTileRows = 120;

    /// <summary>
    /// Past this many bytes of generated source a network gets an Info (UNR040) that says how long it adds to a build:
    /// measured here, eight 170 KB networks (784-128-10 variants) added 4.5 to 5.7 s to an incremental build on a
    /// 2-core VM, about 300 KB per second.
    /// </summary>
    public const int LargeSourceBytes = 1024 * 1024;

    /// <summary>The compiler's throughput on generated code, measured as above, for UNR040's estimate.</summary>
    public const int CompiledBytesPerSecond = 300 * 1024;

    /// <summary>A tile's trace (z, a, delta of every row) stays within this many values; bigger networks backpropagate one sample at a time.</summary>
    public const long MaxTileTraceValues = 256L * 1024 * 1024;

    /// <summary>
    /// Single-sample kernels (the register path, and per-layer methods of layers whose weights fit
    /// <see cref="WideLayerBytes"/>) use vectors of at most this many bits; batches still use 512. Measured on Zen 4,
    /// where 512-bit operations are split in two and their loads from the object's parameters straddle cache lines:
    /// with 256-bit vectors, 2-16-16-2 ran in 19.6 ns instead of 27.5, 64-64-64-10 in 351-359 instead of 372, 64-32-10
    /// in 126 instead of 144 (the side-by-side harness, same weights and inputs).
    /// </summary>
    public const int MaxSingleSampleBits = 256;

    /// <summary>
    /// A layer whose weights pass this many bytes streams them from L2 at every sample, where wider loads pay: its
    /// single-sample methods use 512-bit vectors too (784-128-10 ran in 4,692 ns with 256 bits, 4,055 with 512).
    /// </summary>
    public const int WideLayerBytes = 64 * 1024;
}
