using Unrolled.Generators.Planning;

namespace Unrolled.Generators.Emit.Losses;

/// <summary>
/// One loss as generated code computes it, following the interpreter's <c>LossMath</c>: the loss of a sample from the
/// output layer's z and a, and its gradient dL/dz at the output layer. The bodies read spans named z, a, target and
/// (for the gradient) delta, already sliced to the output count.
/// </summary>
internal abstract class LossKernel
{
    private static readonly LossKernel[] Kernels = [new MeanSquaredErrorKernel(), new CrossEntropyKernel(), new BinaryCrossEntropyKernel()];

    public static LossKernel For(LossFunction loss) => Kernels[(int)loss];

    /// <summary>The remarks' sentence about the loss and its gradient.</summary>
    public abstract string Describe { get; }

    /// <summary>Statements that return the loss, after <c>sum</c> is declared as zero.</summary>
    public abstract void WriteLoss(CodeWriter w, NumericType t, int outputs);

    /// <summary>Statements that write dL/dz of the output layer into delta (with FastMath's sigmoid where the network uses it).</summary>
    public abstract void WriteOutputDelta(CodeWriter w, NumericType t, LayerPlan output, bool fast);

    /// <summary>
    /// Whether <see cref="WriteTile"/> has a form of its own for a tile of samples; otherwise the tile calls the
    /// single-sample methods row by row.
    /// </summary>
    public virtual bool HasTileForm => false;

    /// <summary>
    /// Statements over spans z, a, target and delta of <c>rows</c> samples that return the summed loss and write every
    /// row's dL/dz into delta.
    /// </summary>
    public virtual void WriteTile(CodeWriter w, NumericType t, LayerPlan output, bool fast)
    {
    }
}
