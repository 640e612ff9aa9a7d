using Unrolled.Generators.Model;

namespace Unrolled.Generators.Planning;

/// <summary>
/// Batches as matrix products: tiles of <see cref="TileRows"/> samples go through each layer as Z = X W + b, in
/// register blocks of <see cref="BlockRows"/> rows by a panel of units; Backward computes dW += X^T delta,
/// db += sum(delta) and dX = delta W^T the same way. Samples left over (fewer than a block) run one by one.
/// </summary>
/// <param name="ScratchValues">A tile's hidden activations, which Forward keeps in a scratch.</param>
/// <param name="ScratchOnStack">That scratch fits the stack (otherwise it is rented from the shared pool).</param>
/// <param name="TransposedValues">Backward's copy of W^T for every layer but the first, packed once per call.</param>
/// <param name="TransposedInline">That copy is an inline array in the object (otherwise an array allocated at construction).</param>
internal sealed record TilePlan(
    int BlockRows,
    int TileRows,
    int ScratchValues,
    bool ScratchOnStack,
    int TransposedValues,
    bool TransposedInline,
    EquatableArray<LayerTilePlan> Layers);

/// <summary>One layer's batch kernels.</summary>
/// <param name="Forward">Panels over the layer's units, per width: the forward product and dW.</param>
/// <param name="InputGradient">Panels over the layer's inputs, per width: dX = delta W^T (empty for the first layer).</param>
/// <param name="ScratchOffset">Where Forward keeps the tile's activations of this layer (hidden layers).</param>
/// <param name="TraceZ">Where Backward keeps the tile's z of this layer in the trace (rows of units values).</param>
/// <param name="TransposedOffset">Where this layer's W^T starts in the packed copy (layers after the first).</param>
internal sealed record LayerTilePlan(
    EquatableArray<GemmWidthPlan> Forward,
    EquatableArray<GemmWidthPlan> InputGradient,
    int ScratchOffset,
    int TraceZ,
    int TraceA,
    int TraceDelta,
    int TransposedOffset);

/// <summary>A matrix product's branch at one vector width: panels of columns in a loop, then the remaining columns.</summary>
internal sealed record GemmWidthPlan(VectorShape Width, PanelLoopPlan? Loop, PanelRestPlan? Rest);

/// <summary>Columns [0, End) in panels of <paramref name="Vectors"/> vectors (<paramref name="Step"/> columns) at the branch's width.</summary>
internal sealed record PanelLoopPlan(int Vectors, int Step, int End);

/// <summary>
/// The columns after the loop: vectors of <paramref name="Width"/> starting at <paramref name="Offsets"/> (the last moved
/// back to end at the last column, overlapping the one before), or single columns when no vector fits (Width null).
/// </summary>
/// <param name="Overlap">How many leading lanes of the last vector repeat columns already covered (masked where sums accumulate).</param>
internal sealed record PanelRestPlan(VectorShape? Width, EquatableArray<int> Offsets, int Overlap);
