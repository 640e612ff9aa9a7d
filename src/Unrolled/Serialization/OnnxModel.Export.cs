using System.Numerics;
using Unrolled.Onnx;

namespace Unrolled;

// Export: the network as Gemm + activation nodes, through OnnxModelWriter (shared with the generator).
public static partial class OnnxModel
{
    /// <summary>
    /// Writes <paramref name="network"/> to <paramref name="stream"/> as an ONNX model that ONNX Runtime, PyTorch and
    /// ML.NET run: per layer a <c>Gemm</c> (transB = 0, the weight stored as <c>[fanIn, units]</c>; without C for a layer
    /// without bias) named <c>layerN_gemm</c> and its activation node (<c>layerN_relu</c>, <c>layerN_prelu</c> with the
    /// slope <c>[units]</c>, ...; nothing for dropout, which inference does not do), opset 13, IR version 8, input
    /// <c>input</c> and output <c>output</c> of shape <c>[batch, features]</c> with a symbolic batch dimension, the
    /// spec in metadata_props (<c>unrolled.spec</c>, <c>unrolled.loss</c>) and producer <c>Unrolled</c>.
    /// </summary>
    /// <remarks>
    /// Values are stored in the spec's precision (FLOAT for <see cref="Precision.Single"/>, DOUBLE for
    /// <see cref="Precision.Double"/>), little-endian in raw_data. Reading the file back gives the same spec and,
    /// when <typeparamref name="T"/> is that precision's type, the same parameters bit for bit.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A parameter is NaN or infinite (the file would not import). Nothing is written.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    public static void Export<T>(INetwork<T> network, Stream stream)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        byte[] bytes = Encode(network);
        stream.Write(bytes, 0, bytes.Length);
        stream.Flush();
    }

    /// <summary>Writes <paramref name="network"/> to the file at <paramref name="path"/> (replacing it) as an ONNX model; see <see cref="Export{T}(INetwork{T}, Stream)"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A parameter is NaN or infinite (the file would not import). Nothing is written.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    public static void Export<T>(INetwork<T> network, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = Encode(network);
        File.WriteAllBytes(path, bytes);
    }

    private static byte[] Encode<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckElementType<T>();
        ReadOnlySpan<T> parameters = network.Parameters;
        var values = new double[parameters.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = double.CreateTruncating(parameters[i]);
            if (!double.IsFinite(values[i]))
            {
                // Import refuses non-finite weights as a broken export; refuse to write one.
                throw new ArgumentException($"Parameter {i} of the network is {values[i]}; an ONNX export needs finite weights and biases.", nameof(network));
            }
        }

        string version = typeof(OnnxModel).Assembly.GetName().Version?.ToString(3) ?? "";
        return OnnxModelWriter.Write(network.Spec, values, version);
    }
}
