namespace Unrolled.Generators.Model;

// The pipeline's models hold only strings, numbers, enums and EquatableArray: never a symbol, syntax node,
// location or compilation. The generator caches on their equality; anything else would defeat the cache
// (and keep whole compilations alive).

/// <summary>A type that encloses the network's class; generated code re-opens it as a partial.</summary>
/// <param name="Keyword">"class", "struct", "record", "record struct" or "interface".</param>
internal readonly record struct ContainingTypeModel(string Keyword, string Name);

/// <summary>One dense layer as declared; how it is written out is the planner's decision.</summary>
/// <param name="Alpha">The activation's alpha with defaults applied (0 when the activation takes none; PReLU's initial slope).</param>
/// <param name="Dropout">The probability of dropping each output during training (0: none), as <c>LayerSpec.Dropout</c>.</param>
/// <param name="Bias">False for a layer without bias parameters, as <c>LayerSpec.Bias</c>.</param>
internal readonly record struct LayerModel(int FanIn, int Units, Activation Activation, double Alpha, double Dropout = 0, bool Bias = true)
{
    /// <summary>Whether the layer learns a slope per unit (PReLU), stored after its bias.</summary>
    public bool HasSlopes => ActivationTraits.Of(Activation)?.LearnsSlopes ?? false;

    /// <summary>The layer's parameters: W[fanIn, units], then b[units] if it has a bias, then the slopes if it learns them.</summary>
    public int ParameterCount => (FanIn + (Bias ? 1 : 0) + (HasSlopes ? 1 : 0)) * Units;
}

/// <summary>One network as declared, checked against the shape rules: what the planner starts from.</summary>
/// <param name="Namespace">The namespace, or empty for the global namespace.</param>
/// <param name="ExactActivations">True to use the Math functions for activations instead of FastMath's approximations.</param>
/// <param name="GenerateConstructor">False when the class declares its own instance constructors.</param>
internal sealed record NetworkModel(
    string Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Name,
    int Inputs,
    LossFunction Loss,
    Precision Precision,
    UnrollMode Unroll,
    bool ExactActivations,
    EquatableArray<LayerModel> Layers,
    bool GenerateConstructor)
{
    /// <summary>The <c>Weights</c> path as declared, or null when the network has none.</summary>
    public string? WeightsPath { get; init; }

    /// <summary>The parameters read from <see cref="WeightsPath"/>, once the file has been found and checked.</summary>
    public BakedWeights? Weights { get; init; }

    public int Outputs => Layers[Layers.Count - 1].Units;

    /// <summary>The file name of the generated source: <c>{Namespace}.{Outer}.{Type}.g.cs</c>.</summary>
    public string HintName
    {
        get
        {
            var parts = new System.Collections.Generic.List<string>();
            if (Namespace.Length > 0)
            {
                parts.Add(Namespace);
            }

            foreach (var type in ContainingTypes)
            {
                parts.Add(type.Name);
            }

            parts.Add(Name);
            return string.Join(".", parts) + ".g.cs";
        }
    }
}
