using Unrolled.Generators.Model;

namespace Unrolled.Generators.Planning;

/// <summary>
/// How single samples and the batches of small networks run: batches one sample per lane, single samples in registers,
/// everything else layer by layer through a scratch (batches of larger networks run as matrix products: see
/// <see cref="TilePlan"/>).
/// </summary>
/// <param name="Lanes">The lane path's width, or null when the network does not qualify.</param>
/// <param name="Registers">The register path, or null.</param>
internal sealed record ForwardPlan(VectorShape? Lanes, RegisterPathPlan? Registers)
{
    /// <summary>Whether Forward needs its layer-by-layer path (always, unless the register path runs on any machine).</summary>
    public bool LayerByLayer => Registers is null || Registers.NeedsSimd;
}

/// <summary>The register path: one straight-line method per distinct set of layer widths, widest first.</summary>
/// <param name="NeedsSimd">The narrowest variant uses vectors, so machines without SIMD take the layer-by-layer path.</param>
internal sealed record RegisterPathPlan(EquatableArray<RegisterVariantPlan> Variants, bool NeedsSimd);

/// <summary>
/// One register method: the width of each layer at one top width. It serves every width from its own down to the
/// next variant's.
/// </summary>
/// <param name="WidestBits">The widest vector a layer uses, 0 when every layer is scalar.</param>
internal sealed record RegisterVariantPlan(int WidestBits, EquatableArray<RegisterLayerPlan> Layers)
{
    public bool IsScalar => WidestBits == 0;

    /// <summary>The method's name suffix: ForwardSample512, ..., ForwardSampleScalar.</summary>
    public string Suffix => IsScalar ? "Scalar" : WidestBits.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>How a scalar layer of the register path computes its sums.</summary>
internal enum RegisterScalarForm
{
    /// <summary>Not a scalar layer.</summary>
    None,

    /// <summary>One multiply-add per input and unit on scalars.</summary>
    Sums,

    /// <summary>One or two units fed by whole vectors: lane-wise products, then a horizontal sum.</summary>
    DotFromVectors,
}

/// <summary>One layer of a register method.</summary>
/// <param name="Width">The layer's vector width, or null for scalar locals.</param>
/// <param name="Padded">Fewer units than lanes: one vector whose last lanes are padding.</param>
/// <param name="Offsets">Each vector's first unit (vector layers).</param>
/// <param name="Partials">Partial sums per accumulator.</param>
/// <param name="ReadInputsOnce">Scalar sums read each input into a local first (it is used by every unit).</param>
internal sealed record RegisterLayerPlan(
    VectorShape? Width,
    bool Padded,
    EquatableArray<int> Offsets,
    int Partials,
    RegisterScalarForm ScalarForm,
    bool ReadInputsOnce);
