using System.Numerics;
using Unrolled.Onnx;

namespace Unrolled;

/// <summary>
/// Reads and writes networks as ONNX models: the interchange format of PyTorch (<c>torch.onnx.export</c>), Keras
/// (through tf2onnx), ONNX Runtime and ML.NET. See docs/file-format.md for the subset read and written.
/// </summary>
/// <remarks>
/// <para>
/// Reading accepts the graphs exporters write for an MLP: dense layers as <c>Gemm</c> (transB 0 or 1, alpha and beta
/// folded into the weights) or <c>MatMul</c> + <c>Add</c>, or without bias as <c>Gemm</c> without C or <c>MatMul</c>
/// alone, each followed by at most one of Relu, Sigmoid, Tanh, LeakyRelu, Elu, PRelu (its slope a constant
/// <c>[units]</c>, <c>[1, units]</c> or a scalar), Softplus, SiLU (Sigmoid + Mul) and Softmax (on any layer), with
/// Identity, Dropout and Flatten passed through; opsets 9 to 18, IR versions 3 to 10, float or double. Anything else
/// is refused.
/// </para>
/// <para>
/// Dropout is training behaviour, which an inference graph does not have: <c>Export</c> writes no node for it (the
/// spec in the metadata records the rate), and <c>Import</c> does not compare it, nor PReLU's initial slope (the
/// learned slopes are parameters), so a graph imports into a network that differs in them.
/// </para>
/// <para>
/// An inference graph does not record its training loss. When the file's metadata_props name none
/// (<c>unrolled.spec</c> or <c>unrolled.loss</c>), the spec gets <see cref="LossFunction.CrossEntropy"/> if the
/// output layer is Softmax and <see cref="LossFunction.MeanSquaredError"/> otherwise; <see cref="Import{T}(INetwork{T}, Stream)"/>
/// then does not compare the loss. Files written by <see cref="Export{T}(INetwork{T}, Stream)"/> carry the whole
/// spec, so reading them back gives it exactly.
/// </para>
/// <para>
/// Everything is decoded and checked before anything is written: on any exception a network is left untouched.
/// Errors: <see cref="InvalidDataException"/> for bytes that are not a well-formed ONNX model (truncated, wrong wire
/// types, dims that disagree with the data, NaN or infinite weights); <see cref="NotSupportedException"/> for a
/// well-formed model that is not a network this library can express (the message names each node, its op and why);
/// <see cref="ArgumentException"/> when <c>Import</c>'s network has another spec. No reflection: safe under trimming
/// and NativeAOT.
/// </para>
/// </remarks>
public static partial class OnnxModel
{
    /// <summary>The spec of the network in the ONNX model at <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="InvalidDataException">The file is not a well-formed ONNX model.</exception>
    /// <exception cref="NotSupportedException">The model is not a network this library can express; the message says why.</exception>
    public static NetworkSpec ReadSpec(string path) => Read(ReadFile(path)).Spec;

    /// <summary>The spec of the network in the ONNX model read from <paramref name="stream"/> (to its end).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The data is not a well-formed ONNX model.</exception>
    /// <exception cref="NotSupportedException">The model is not a network this library can express; the message says why.</exception>
    public static NetworkSpec ReadSpec(Stream stream) => Read(ReadStream(stream)).Spec;

    /// <summary>A <see cref="ReferenceNetwork{T}"/> with the spec and parameters of the ONNX model at <paramref name="path"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; the file's values are converted to it (double to float rounds).</typeparam>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="InvalidDataException">The file is not a well-formed ONNX model.</exception>
    /// <exception cref="NotSupportedException">The model is not a network this library can express, or <typeparamref name="T"/> is neither float nor double.</exception>
    public static ReferenceNetwork<T> Load<T>(string path)
        where T : unmanaged, IFloatingPointIeee754<T> => Load<T>(Read(ReadFile(path)));

    /// <summary>A <see cref="ReferenceNetwork{T}"/> with the spec and parameters of the ONNX model read from <paramref name="stream"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; the file's values are converted to it (double to float rounds).</typeparam>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The data is not a well-formed ONNX model.</exception>
    /// <exception cref="NotSupportedException">The model is not a network this library can express, or <typeparamref name="T"/> is neither float nor double.</exception>
    public static ReferenceNetwork<T> Load<T>(Stream stream)
        where T : unmanaged, IFloatingPointIeee754<T> => Load<T>(Read(ReadStream(stream)));

    /// <summary>Sets <paramref name="network"/>'s parameters from the ONNX model at <paramref name="path"/>, whose spec must be the network's.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidDataException">The file is not a well-formed ONNX model. The network is unchanged.</exception>
    /// <exception cref="NotSupportedException">The model is not a network this library can express. The network is unchanged.</exception>
    /// <exception cref="ArgumentException">The model's spec differs from the network's; the message names both sides. The network is unchanged.</exception>
    public static void Import<T>(INetwork<T> network, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        Import(network, Read(ReadFile(path)));
    }

    /// <summary>Sets <paramref name="network"/>'s parameters from the ONNX model read from <paramref name="stream"/>, whose spec must be the network's.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidDataException">The data is not a well-formed ONNX model. The network is unchanged.</exception>
    /// <exception cref="NotSupportedException">The model is not a network this library can express. The network is unchanged.</exception>
    /// <exception cref="ArgumentException">The model's spec differs from the network's; the message names both sides. The network is unchanged.</exception>
    public static void Import<T>(INetwork<T> network, Stream stream)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        Import(network, Read(ReadStream(stream)));
    }

    /// <summary>What a model holds once it has been decoded, recognized and checked.</summary>
    private sealed record Model(NetworkSpec Spec, double[] Parameters, OnnxNetworkDescription Description);

    private static byte[] ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return File.ReadAllBytes(path);
    }

    private static byte[] ReadStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Decodes and recognizes; throws for malformed bytes (decoder) and for refusals (all of them in one message).</summary>
    private static Model Read(byte[] bytes)
    {
        OnnxNetworkDescription description = OnnxGraphRecognizer.Recognize(OnnxProtoDecoder.Decode(bytes));
        if (description.Problems.Count > 0)
        {
            throw new NotSupportedException("The ONNX model is not a network Unrolled can express:"
                + string.Concat(description.Problems.Select(p => Environment.NewLine + "- " + p.Message)));
        }

        var layers = description.Layers.Select(l => new LayerSpec(l.Units, l.Activation, l.Alpha, l.Dropout, l.HasBias)).ToArray();
        var spec = new NetworkSpec(description.Inputs, layers, description.Loss, description.Precision);
        return new Model(spec, description.Parameters, description);
    }

    private static ReferenceNetwork<T> Load<T>(Model model)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckElementType<T>();
        var network = new ReferenceNetwork<T>(model.Spec);
        Copy(model.Parameters, network.Parameters);
        return network;
    }

    private static void Import<T>(INetwork<T> network, Model model)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckElementType<T>();
        string? difference = Difference(model, network.Spec);
        if (difference is not null)
        {
            throw new ArgumentException($"The ONNX model does not fit this network: {difference}.", nameof(network));
        }

        Copy(model.Parameters, network.Parameters);
    }

    /// <summary>The first difference between the file's spec and the network's, worded "file has ..., network has ...".</summary>
    private static string? Difference(Model model, NetworkSpec network)
    {
        NetworkSpec file = model.Spec;
        if (file.Inputs != network.Inputs)
        {
            return $"file has {file.Inputs} inputs, network has {network.Inputs}";
        }

        if (file.Layers.Count != network.Layers.Count)
        {
            return $"file has {file.Layers.Count} layers, network has {network.Layers.Count}";
        }

        for (int i = 0; i < file.Layers.Count; i++)
        {
            LayerSpec ours = file.Layers[i], theirs = network.Layers[i];
            string node = model.Description.Layers[i].Describe();
            if (ours.Units != theirs.Units)
            {
                return $"file has layer {i + 1} ({node}) with {ours.Units} units, network has {theirs.Units}";
            }

            if (ours.Activation != theirs.Activation)
            {
                return $"file has layer {i + 1} ({node}) with activation {ours.Activation}, network has {theirs.Activation}";
            }

            if (ours.Bias != theirs.Bias)
            {
                return $"file has layer {i + 1} ({node}) " + (ours.Bias ? "with a bias, network has none" : "without bias, network has one");
            }

            // Dropout and PReLU's initial slope only shape training: an inference graph need not state them.
            if (!ours.HasSlopes && !ours.Alpha.Equals(theirs.Alpha))
            {
                return FormattableString.Invariant($"file has layer {i + 1} ({node}) with alpha {ours.Alpha:R}, network has {theirs.Alpha:R}");
            }
        }

        if (file.Precision != network.Precision)
        {
            return $"file has precision {file.Precision}, network has {network.Precision}";
        }

        // A loss the file does not state was only guessed from the output layer: it cannot disagree.
        return model.Description.DeclaredLoss is not null && file.Loss != network.Loss
            ? $"file has loss {file.Loss}, network has {network.Loss}"
            : null;
    }

    private static void Copy<T>(double[] source, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = T.CreateTruncating(source[i]);
        }
    }

    private static void CheckElementType<T>()
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"ONNX models are read into float or double networks; {typeof(T).Name} is not supported.");
        }
    }
}
