using System.Linq;
using Unrolled.Generators.Model;

namespace Unrolled.Generators.Planning;

// The plan holds every decision about the code to write, as strings, numbers, enums and EquatableArray only, so
// that the incremental pipeline caches on it. The emitter renders it and decides nothing.

/// <summary>What to write for one network: its identity, its layers' kernels, its buffers and its entry points' strategies.</summary>
/// <param name="FastActivations">Float networks without ExactActivations: sigmoid, tanh and exp come from FastMath.</param>
/// <param name="Tiles">How batches run as matrix products, or null when they run one sample per lane.</param>
internal sealed record NetworkPlan(
    TypePlan Type,
    Precision Precision,
    int Inputs,
    int Outputs,
    LossFunction Loss,
    bool ExactActivations,
    bool FastActivations,
    EquatableArray<LayerPlan> Layers,
    BufferPlan Buffers,
    ForwardPlan Forward,
    TilePlan? Tiles)
{
    public LayerPlan Output => Layers[Layers.Count - 1];

    /// <summary>Whether a layer has dropout: the network implements IDropoutNetwork and its Backward draws masks.</summary>
    public bool HasDropout => Layers.Any(l => l.HasDropout);

    /// <summary>
    /// Whether Backward multiplies <paramref name="layer"/>'s gradient by its mask: every layer with dropout but a
    /// cross-entropy output, whose loss reads the logits (its mask is drawn, keeping the stream in step, and unused).
    /// </summary>
    public bool MasksGradient(LayerPlan layer) => layer.HasDropout && (!layer.IsLast || Loss == LossFunction.MeanSquaredError);

    /// <summary>The weights baked from the network's Weights file, or null when it declares none.</summary>
    public BakedWeightsPlan? Weights { get; init; }
}

/// <summary>
/// Where the generated code goes: the user's type, re-opened with its enclosing types, for the public members; and a
/// file-local static class for the kernels the user never calls.
/// </summary>
/// <param name="GenerateConstructor">False when the class declares its own instance constructors.</param>
/// <param name="KernelsClass">The kernels' class, file-local in the generated file: <c>CirclesNetKernels</c>.</param>
/// <param name="GeneratorVersion">The generator's version, written into [GeneratedCode].</param>
internal sealed record TypePlan(
    string Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Name,
    string HintName,
    bool GenerateConstructor,
    string KernelsClass,
    string GeneratorVersion);

/// <summary>How a layer's per-layer methods compute: straight-line scalar statements, or SIMD loops.</summary>
internal enum LayerCode
{
    /// <summary>Every multiply-add written out on scalars.</summary>
    Unrolled,

    /// <summary>Constant-bound SIMD code, one branch per vector width, and a scalar branch for machines without SIMD.</summary>
    Simd,
}

/// <summary>A vector width: its bits and how many elements of the network's type it holds.</summary>
internal readonly record struct VectorShape(int Bits, int Lanes);

/// <summary>One dense layer and the kernels its methods use.</summary>
/// <param name="Number">1-based, as generated names and comments count layers.</param>
/// <param name="BiasOffset">Where b starts in the parameters, or -1 when the layer has no bias (<see cref="HasBias"/> false).</param>
/// <param name="SlopeOffset">Where PReLU's learned slopes start (after the bias), or -1 for other activations.</param>
/// <param name="Dropout">The probability p that Backward drops each output (0: none); Forward and Loss never drop.</param>
/// <param name="DerivativeInBackward">
/// The output layer's f'(z) is applied by its backward method, after the loss's dL/da (and the dropout mask): a
/// mean-squared-error output with dropout or PReLU's slopes. Otherwise the output delta is dL/dz already.
/// </param>
/// <param name="UnrolledPartials">Partial sums per unit of the unrolled form (1: one chain per unit).</param>
/// <param name="VectorActivation">The SIMD branches apply the activation themselves; otherwise a scalar loop follows them.</param>
/// <param name="ForwardWidths">The SIMD forward branches, widest first (empty when the layer is unrolled or too narrow).</param>
/// <param name="BackwardWidths">The SIMD backward branches, widest first.</param>
/// <param name="VectorDerivative">Backward multiplies by f'(z) a vector at a time (otherwise element by element).</param>
internal sealed record LayerPlan(
    int Number,
    int FanIn,
    int Units,
    Activation Activation,
    double Alpha,
    bool IsFirst,
    bool IsLast,
    int WeightOffset,
    int BiasOffset,
    bool HasBias,
    int SlopeOffset,
    double Dropout,
    bool DerivativeInBackward,
    LayerCode Code,
    int UnrolledPartials,
    bool VectorActivation,
    EquatableArray<VectorShape> ElementwiseWidths,
    EquatableArray<AffineWidthPlan> ForwardWidths,
    EquatableArray<SimdBackwardPlan> BackwardWidths,
    bool VectorDerivative)
{
    public int Index => Number - 1;

    /// <summary>Whether the activation has learned slopes (PReLU): a block of parameters after the bias.</summary>
    public bool HasSlopes => SlopeOffset >= 0;

    /// <summary>Whether Backward drops the layer's outputs (inverted dropout, masks from the network's stream).</summary>
    public bool HasDropout => Dropout > 0;

    /// <summary>Whether backward multiplies by the activation's derivative (the output layer's is usually in its delta already).</summary>
    public bool NeedsDerivative => (!IsLast || DerivativeInBackward) && Activation != Activation.Identity;
}

/// <summary>
/// One block of accumulators of a SIMD layer: the first unit of each vector, the partial sums per vector, and how
/// many inputs a loop visits (in steps of the partial sums; the remaining inputs are written out).
/// </summary>
internal sealed record AffineChunkPlan(EquatableArray<int> Offsets, int Partials, int LoopedInputs);

/// <summary>
/// A loop over tiles of units, each <paramref name="Vectors"/> vectors (<paramref name="Step"/> units) of accumulators,
/// covering units [0, <paramref name="End"/>): the code of a layer does not grow with its width.
/// </summary>
internal sealed record TileLoopPlan(int Vectors, int Step, int End, int LoopedInputs);

/// <summary>An affine kernel's branch at one vector width: whole tiles in a loop, then the remaining units in one block.</summary>
internal sealed record AffineWidthPlan(VectorShape Width, TileLoopPlan? Tiles, AffineChunkPlan? Rest);

/// <summary>A layer's backward branch at one vector width.</summary>
/// <param name="FullVectors">Whole vectors per row of W; the remaining units are updated one by one.</param>
/// <param name="RowUnrolled">The vectors of a row are written out (otherwise a loop over them).</param>
internal sealed record SimdBackwardPlan(VectorShape Width, int FullVectors, bool RowUnrolled);
