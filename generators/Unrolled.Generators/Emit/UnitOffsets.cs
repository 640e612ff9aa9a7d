using System;

namespace Unrolled.Generators.Emit;

/// <summary>
/// Where a block's vector k starts among a layer's units: a constant, or a constant past the tile loop's variable
/// (<c>j + 16</c>) when the block is a tile.
/// </summary>
internal sealed class UnitOffsets(string? tileBase, Func<int, int> unit)
{
    /// <summary>The tile loop's variable, or null for a block at constant offsets.</summary>
    public string? Base { get; } = tileBase;

    /// <summary>Vector k's offset from the tile's first unit (or from unit 0).</summary>
    public int Unit(int k) => unit(k);

    /// <summary>Vector k's offset, plus <paramref name="extra"/>, as C#: <c>112</c>, <c>j</c>, <c>j + 16</c>.</summary>
    public string At(int k, int extra = 0)
    {
        int constant = unit(k) + extra;
        return Base is null ? Code.Invariant(constant) : constant == 0 ? Base : $"{Base} + {constant}";
    }
}
