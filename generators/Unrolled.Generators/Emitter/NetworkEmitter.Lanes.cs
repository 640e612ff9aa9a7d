using System.Linq;
using static Unrolled.Generators.Model.GeneratedNames;

namespace Unrolled.Generators.Emitter;

// Batches of a small network run with one sample per SIMD lane: every weight is broadcast once for a whole vector
// of samples, so even a layer of three units keeps the vector units full. Only Forward uses it; each sample's
// arithmetic is the same sequence of fused multiply-adds as the single-sample path.
internal sealed partial class NetworkEmitter
{
    /// <summary>The whole network is written out per lane block, so only small networks qualify.</summary>
    private const int MaxLaneMultiplyAdds = 1024;
    private const int MaxLaneUnits = 256;

    private VectorWidth Lanes => VectorWidth.Of(256, _t);

    private bool UsesLanes =>
        _model.Layers.Sum(l => (long)l.FanIn * l.Units) <= MaxLaneMultiplyAdds
        && _model.Layers.Sum(l => l.Units) + _model.Inputs <= MaxLaneUnits
        && _model.Layers.All(l => HasVectorActivation(l.Activation) || (l.Activation == Activation.Softmax && FastActivations));

    /// <summary>In Forward: whole blocks of samples go through the lane method first, the rest one by one.</summary>
    private void EmitLaneBlocks()
    {
        var v = Lanes;
        _w.Line("int first = 0;");
        using (_w.Block($"if ({v.IsAccelerated})"))
        {
            _w.Line($"// {v.Lanes} samples at a time, one per lane.");
            using (_w.Block($"for (; first + {v.Lanes} <= samples; first += {v.Lanes})"))
            {
                _w.Line($"{ForwardLanes}({ParametersField}, input.Slice(first * InputCount, {v.Lanes} * InputCount), output.Slice(first * OutputCount, {v.Lanes} * OutputCount));");
            }
        }
    }

    private void EmitForwardLanes()
    {
        var v = Lanes;
        string vector = v.Vector, k = _t.Keyword;
        _w.Line();
        _w.Line($"/// <summary>Forward for {v.Lanes} samples at once, one per lane of a 256-bit vector: h = f(x W + b) with every weight broadcast.</summary>");
        using (_w.Block($"private static void {ForwardLanes}({_t.ReadOnlySpan} parameters, {_t.ReadOnlySpan} input, {_t.Span} output)"))
        {
            _w.Line("// Constant lengths let the JIT drop the bounds checks below.");
            _w.Line("parameters = parameters.Slice(0, ParameterCount);");
            _w.Line($"input = input.Slice(0, {v.Lanes * _model.Inputs});");
            _w.Line($"output = output.Slice(0, {v.Lanes * _model.Outputs});");
            _w.Line();
            _w.Line("// Gather: x{i} holds input i of each sample.");
            for (int i = 0; i < _model.Inputs; i++)
            {
                var gathered = Enumerable.Range(0, v.Lanes).Select(lane => $"input[{(lane * _model.Inputs) + i}]");
                _w.Line($"{vector} x{i} = {v.Type}.Create({string.Join(", ", gathered)});");
            }

            string previous = "x";
            for (int l = 0; l < LayerCount; l++)
            {
                var layer = _model.Layers[l];
                string h = $"h{l + 1}_";
                _w.Line();
                _w.Line($"// {Header(l)}: z = x W{l + 1} + b{l + 1}, a = {ActivationCode.Describe(layer.Activation, layer.Alpha)}");
                for (int j = 0; j < layer.Units; j++)
                {
                    _w.Line($"{vector} {h}{j} = {v.Broadcast($"parameters[{_layout.Bias(l, layer) + j}]")};");
                    for (int i = 0; i < layer.FanIn; i++)
                    {
                        string weight = v.Broadcast($"parameters[{_layout.Weights(l) + (i * layer.Units) + j}]");
                        _w.Line($"{h}{j} = {VectorWidth.MultiplyAdd($"{previous}{i}", weight, $"{h}{j}")};");
                    }
                }

                if (layer.Activation == Activation.Softmax)
                {
                    EmitLaneSoftmax(v, h, layer.Units);
                }
                else if (layer.Activation != Activation.Identity)
                {
                    for (int j = 0; j < layer.Units; j++)
                    {
                        _w.Line($"{h}{j} = {VectorActivation(v, layer.Activation, layer.Alpha, $"{h}{j}")};");
                    }
                }

                previous = h;
            }

            _w.Line();
            _w.Line("// Scatter: output k of lane s is the sample's output k.");
            using (_w.Block($"for (int lane = 0; lane < {v.Lanes}; lane++)"))
            {
                for (int o = 0; o < _model.Outputs; o++)
                {
                    _w.Line($"output[(lane * {_model.Outputs}) + {o}] = {previous}{o}[lane];");
                }
            }
        }
    }

    private void EmitLaneSoftmax(VectorWidth v, string h, int units)
    {
        string fast = ActivationCode.FastMath;
        _w.Line("// Softmax across the units, per lane, shifted by each sample's largest logit.");
        _w.Line($"{v.Vector} max = {h}0;");
        for (int j = 1; j < units; j++)
        {
            _w.Line($"max = {v.Type}.Max(max, {h}{j});");
        }

        for (int j = 0; j < units; j++)
        {
            _w.Line($"{h}{j} = {fast}.Exp({h}{j} - max);");
        }

        _w.Line($"{v.Vector} sum = {string.Join(" + ", Enumerable.Range(0, units).Select(j => $"{h}{j}"))};");
        for (int j = 0; j < units; j++)
        {
            _w.Line($"{h}{j} /= sum;");
        }
    }
}
