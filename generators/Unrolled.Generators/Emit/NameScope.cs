using System.Collections.Generic;

namespace Unrolled.Generators.Emit;

/// <summary>
/// The local names taken in one generated block, the blocks around it and the blocks inside it. Emit functions
/// reserve the locals they declare instead of assuming names, so that pieces written by different functions cannot
/// collide: as C# rules (CS0136), a name taken here, in an enclosing block or in a nested one gets a numeric suffix;
/// sibling blocks may reuse names.
/// </summary>
internal sealed class NameScope
{
    private readonly NameScope? _parent;
    private readonly HashSet<string> _names = new();
    private readonly HashSet<string> _nested = new();

    private NameScope(NameScope? parent) => _parent = parent;

    /// <summary>A method body's scope, with its parameters (and other names it must not shadow) taken.</summary>
    public static NameScope Method(params string[] taken)
    {
        var scope = new NameScope(null);
        foreach (string name in taken)
        {
            scope._names.Add(name);
        }

        return scope;
    }

    /// <summary>The scope of a block nested in this one: its names may repeat those of sibling blocks.</summary>
    public NameScope Child() => new(this);

    /// <summary>Takes <paramref name="name"/>, or <c>name_2</c>, <c>name_3</c>, ... when it is taken.</summary>
    public string Reserve(string name)
    {
        string candidate = name;
        for (int n = 2; IsTaken(candidate); n++)
        {
            candidate = name + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        _names.Add(candidate);
        for (var outer = _parent; outer is not null; outer = outer._parent)
        {
            outer._nested.Add(candidate);
        }

        return candidate;
    }

    private bool IsTaken(string name) => _nested.Contains(name) || IsTakenHereOrAbove(name);

    private bool IsTakenHereOrAbove(string name) => _names.Contains(name) || (_parent?.IsTakenHereOrAbove(name) ?? false);
}
