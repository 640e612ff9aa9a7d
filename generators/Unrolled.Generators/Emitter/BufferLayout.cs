using Unrolled.Generators.Model;

namespace Unrolled.Generators.Emitter;

/// <summary>
/// Where each layer's values live in the flat buffers: parameters (W then b per layer), the trace Backward keeps
/// (z, a and delta per layer) and the scratch Forward and Loss keep on the stack (z and a per layer).
/// </summary>
internal sealed class BufferLayout
{
    private readonly int[] _weightOffsets;
    private readonly int[] _traceOffsets;
    private readonly int[] _scratchOffsets;

    public BufferLayout(NetworkModel model)
    {
        int count = model.Layers.Count;
        _weightOffsets = new int[count];
        _traceOffsets = new int[count];
        _scratchOffsets = new int[count];
        int parameters = 0, trace = 0, scratch = 0;
        for (int l = 0; l < count; l++)
        {
            var layer = model.Layers[l];
            _weightOffsets[l] = parameters;
            _traceOffsets[l] = trace;
            _scratchOffsets[l] = scratch;
            parameters += (layer.FanIn + 1) * layer.Units;
            trace += 3 * layer.Units;
            scratch += 2 * layer.Units;
        }

        ParameterCount = parameters;
        TraceLength = trace;
        ScratchLength = scratch;
    }

    public int ParameterCount { get; }

    public int TraceLength { get; }

    public int ScratchLength { get; }

    /// <summary>Layers are 0-based here; generated names count from 1.</summary>
    public int Weights(int layer) => _weightOffsets[layer];

    public int Bias(int layer, LayerModel model) => _weightOffsets[layer] + model.FanIn * model.Units;

    public int TraceZ(int layer) => _traceOffsets[layer];

    public int TraceA(int layer, LayerModel model) => _traceOffsets[layer] + model.Units;

    public int TraceDelta(int layer, LayerModel model) => _traceOffsets[layer] + 2 * model.Units;

    public int ScratchZ(int layer) => _scratchOffsets[layer];

    public int ScratchA(int layer, LayerModel model) => _scratchOffsets[layer] + model.Units;
}
