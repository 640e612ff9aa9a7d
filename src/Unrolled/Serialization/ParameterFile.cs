// Unrolled parameter files. See docs/file-format.md for the full description; this block is the reference.
//
// BINARY FORMAT, version 2 (version 1 is read too). Every number is little-endian, whatever the machine (written with
// BinaryPrimitives).
//
//   offset      size   field
//   0           4      magic: the ASCII bytes "UNRL" (55 4E 52 4C)
//   4           2      format version, uint16: 2
//   6           1      element type of the values, uint8: 1 = float32, 2 = float64
//   7           4      spec: inputs, int32
//   11          4      spec: layer count L, int32
//   15          28*L   spec: per layer, input side first:
//                        units, int32
//                        activation, int32 (the Activation value: Identity 0, Sigmoid 1, Tanh 2, Relu 3,
//                                            LeakyRelu 4, Elu 5, Softplus 6, Silu 7, Softmax 8, PRelu 9)
//                        alpha, float64 (LayerSpec.Alpha: after defaults, 0 for activations without one; for PRelu
//                                        the slopes' initial value, the slopes themselves are parameters)
//                        dropout, float64 (LayerSpec.Dropout, in [0, 1); 0 for none)
//                        flags, int32: bit 0 set when the layer has a bias; the other bits are 0
//   15+28L      4      spec: loss, int32 (LossFunction: MeanSquaredError 0, CrossEntropy 1, BinaryCrossEntropy 2)
//   19+28L      4      spec: precision, int32 (Precision: Single 0, Double 1)
//   23+28L      4      parameter count N, int32
//   27+28L      N*s    the parameters, s = 4 (float32) or 8 (float64) bytes each, IEEE 754, in the network's
//                      layout: per layer the weights W[fanIn, units] row-major, then the bias[units] (when the layer
//                      has one), then the PReLU slopes[units] (PRelu layers)
//   27+28L+N*s  4      CRC-32 of every byte before it, uint32 (IEEE 802.3 / zlib: reflected polynomial
//                      0xEDB88320, initial value and final xor 0xFFFFFFFF; Python's zlib.crc32 gives the same)
//
// VERSION 1 differs only in the spec's layers, 16 bytes each (units, activation, alpha: no dropout, every layer with
// a bias, no PRelu), so its loss is at 15+16L and its parameters at 27+16L. A version 1 file whose layer declares
// PRelu is refused as damaged or mislabelled (InvalidDataException).
//
// Values are stored bit for bit: NaN and infinities are allowed and round-trip unchanged (a network trained into
// NaN can be saved and inspected). Nothing follows the checksum; Load(stream) reads exactly the file's bytes and
// leaves the stream after them, Load(path) also rejects trailing bytes.
//
// JSON FORMAT, version 2 (version 1 is read too) (UTF-8):
//
//   { "format": "unrolled-parameters", "version": 2, "elementType": "float32",
//     "spec": { "inputs": 2, "layers": [ { "units": 3, "activation": "PRelu", "alpha": 0.25, "dropout": 0.2,
//                                          "bias": true }, ... ],
//               "loss": "CrossEntropy", "precision": "Single" },
//     "layers": [ { "weights": [ [w00, w01, w02], [w10, w11, w12] ], "bias": [b0, b1, b2], "slopes": [s0, s1, s2] }, ... ] }
//
// "weights" has fanIn rows of units numbers each: row i holds W[i, 0..units), the weights from input i (Keras's
// kernel layout; PyTorch's nn.Linear.weight is its transpose). "bias" is there exactly when the layer has one, "slopes"
// exactly for PRelu layers. Numbers are written in the shortest form that round-trips to the same float32/float64.
// JSON has no NaN or infinity: those values are written as the strings "NaN", "Infinity" and "-Infinity", and read
// back from them. When reading, "elementType" is optional (if present it must match the network's), as are "alpha"
// (default: the activation's), "dropout" (0), "bias" (true), "loss" (MeanSquaredError) and "precision" (Single);
// other properties are ignored. Version 1 documents are read the same way; they have no dropout, bias-free layers or
// PReLU, so a version 1 document with "dropout", "bias": false, a PRelu layer or "slopes" is refused as damaged or
// mislabelled (InvalidDataException).
//
// LOADING validates everything before writing a single parameter: the values are read into a temporary buffer
// and copied into the network only when the whole file has been checked. A damaged or unsupported file throws
// InvalidDataException; a sound file made for another network (element type, or any part of the spec that gives the
// parameters their meaning) throws ArgumentException naming the first difference. Dropout and PReLU's initial slope
// only shape training, not what the parameters mean: a file loads into a network that differs in them. Either way the
// network's parameters are left untouched on failure.

using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Unrolled;

/// <summary>
/// Saves and loads a network's parameters together with its spec, in a checked little-endian binary format or in
/// JSON. The format is described at the top of ParameterFile.cs and in docs/file-format.md.
/// </summary>
/// <remarks>
/// Loading validates the whole file (magic, version, length, checksum, element type, spec) before it writes a
/// single parameter: on failure the network is left exactly as it was. Only <see cref="float"/> and
/// <see cref="double"/> networks can be saved or loaded. Uses no reflection: safe under trimming and NativeAOT.
/// </remarks>
public static partial class ParameterFile
{
    /// <summary>The version of the binary and JSON formats this library writes; it reads this one and <see cref="OldestReadVersion"/> on.</summary>
    public const ushort FormatVersion = 2;

    /// <summary>The oldest format version this library reads: version 1 files (no dropout, bias flags or PReLU) load too.</summary>
    public const ushort OldestReadVersion = 1;

    /// <summary>The value of the JSON form's <c>"format"</c> property.</summary>
    public const string JsonFormatName = "unrolled-parameters";

    private const byte Float32Code = 1;
    private const byte Float64Code = 2;
    private const int BufferLength = 8192;

    /// <summary>The four bytes every binary parameter file starts with: ASCII <c>UNRL</c>.</summary>
    public static ReadOnlySpan<byte> Magic => "UNRL"u8;
    private static byte ElementCode<T>()
    {
        if (typeof(T) == typeof(float))
        {
            return Float32Code;
        }

        if (typeof(T) == typeof(double))
        {
            return Float64Code;
        }

        throw new NotSupportedException($"Parameter files hold float or double values; {typeof(T).Name} is not supported.");
    }

    private static string ElementName(byte code) => code == Float32Code ? "float32" : "float64";

    private static InvalidDataException Invalid(string message) => new(message);

    private static ArgumentException Mismatch(string difference) =>
        new($"The parameter file does not fit this network: {difference}.", "network");

    private static bool IsReadVersion(int version) => version >= OldestReadVersion && version <= FormatVersion;

    /// <summary>Why a version 1 file cannot hold what it declares: version 1 had no dropout, bias-free layers or PReLU.</summary>
    private static string Version1Lacks(string feature, string what) =>
        $"Version 1 files have no {feature}: {what}; the file is damaged or mislabelled.";

    /// <summary>Bit 0 of a version 2 layer's flags: the layer has a bias. The other bits are 0.</summary>
    private const int BiasFlag = 1;

    /// <summary>One layer as a file states it, raw; a version 1 file gives no dropout and a bias for every layer.</summary>
    private readonly record struct FileLayer(int Units, int Activation, double Alpha, double Dropout = 0, int Flags = BiasFlag)
    {
        public bool Bias => (Flags & BiasFlag) != 0;

        public bool HasSlopes => ActivationTraits.Of((Activation)Activation)?.LearnsSlopes ?? false;
    }

    /// <summary>The spec as a file states it, raw: enum values may be undefined until <see cref="Problem"/> has checked them.</summary>
    private sealed class FileSpec
    {
        /// <summary>The format version the file declares: a version 1 file may only use version 1's features.</summary>
        public int Version { get; init; } = FormatVersion;

        public int Inputs { get; init; }

        public List<FileLayer> Layers { get; } = [];

        public int Loss { get; set; }

        public int Precision { get; set; }

        /// <summary>What makes the spec impossible (for a file that passed its checksum), or null.</summary>
        public string? Problem()
        {
            if (Inputs <= 0)
            {
                return $"The file declares {Inputs} inputs: no network has that.";
            }

            if (Layers.Count == 0)
            {
                return "The file declares no layer: no network has that.";
            }

            for (int i = 0; i < Layers.Count; i++)
            {
                if (Layers[i].Units <= 0)
                {
                    return $"The file declares {Layers[i].Units} units in layer {i + 1}: no network has that.";
                }

                if (!Enum.IsDefined((Activation)Layers[i].Activation))
                {
                    return $"The file declares activation value {Layers[i].Activation} in layer {i + 1}, which is not an Activation.";
                }

                if (Version == 1 && Layers[i].HasSlopes)
                {
                    return Version1Lacks("PRelu layers", $"layer {i + 1} declares {(Activation)Layers[i].Activation}");
                }

                if ((Layers[i].Flags & ~BiasFlag) != 0)
                {
                    return FormattableString.Invariant($"The file declares flags 0x{Layers[i].Flags:X8} in layer {i + 1}; only bit 0 (bias) is defined.");
                }

                if (!(Layers[i].Dropout >= 0 && Layers[i].Dropout < 1))
                {
                    return FormattableString.Invariant($"The file declares dropout {Layers[i].Dropout:R} in layer {i + 1}, outside [0, 1): no network has that.");
                }
            }

            if (!Enum.IsDefined((LossFunction)Loss))
            {
                return $"The file declares loss value {Loss}, which is not a LossFunction.";
            }

            return Enum.IsDefined((Precision)Precision) ? null : $"The file declares precision value {Precision}, which is not a Precision.";
        }

        /// <summary>
        /// Checks the spec (as <see cref="Problem"/>) and returns its parameter count; throws
        /// <see cref="InvalidDataException"/>, the message starting with <paramref name="where"/>, when either is impossible.
        /// </summary>
        /// <param name="where">What the messages start with: <c>$.spec: </c> for JSON, nothing for the binary form.</param>
        public int CheckShape(string where)
        {
            string? problem = Problem();
            if (problem is not null)
            {
                throw Invalid(where + problem);
            }

            decimal count = ParameterCount();
            return count <= Array.MaxLength
                ? (int)count
                : throw Invalid($"{where}The file declares {count.ToString(CultureInfo.InvariantCulture)} parameters, more than a network can have.");
        }

        /// <summary>
        /// The number of parameters the spec implies (weights, biases and PReLU slopes of every layer), exactly: in
        /// decimal, which no file can overflow (each layer adds less than 2^63, and a file has fewer than 2^31 layers),
        /// where a long could wrap. Meaningful once <see cref="Problem"/> has found nothing.
        /// </summary>
        public decimal ParameterCount()
        {
            decimal count = 0;
            long fanIn = Inputs;
            foreach (var layer in Layers)
            {
                count += (fanIn + (layer.Bias ? 1 : 0) + (layer.HasSlopes ? 1 : 0)) * layer.Units;
                fanIn = layer.Units;
            }

            return count;
        }

        /// <summary>The first difference from <paramref name="spec"/>, worded "file has ..., network has ...", or null.</summary>
        public string? DifferenceFrom(NetworkSpec spec)
        {
            if (Inputs != spec.Inputs)
            {
                return $"file has {Inputs} inputs, network has {spec.Inputs}";
            }

            if (Layers.Count != spec.Layers.Count)
            {
                return $"file has {Layers.Count} layers, network has {spec.Layers.Count}";
            }

            for (int i = 0; i < Layers.Count; i++)
            {
                var (units, activation, alpha, _, _) = Layers[i]; // dropout only shapes training: not compared
                bool bias = Layers[i].Bias;
                var layer = spec.Layers[i];
                if (units != layer.Units)
                {
                    return $"file has layer {i + 1} with {units} units, network has {layer.Units}";
                }

                if ((Activation)activation != layer.Activation)
                {
                    return $"file has layer {i + 1} with activation {(Activation)activation}, network has {layer.Activation}";
                }

                if (bias != layer.Bias)
                {
                    return bias ? $"file has layer {i + 1} with a bias, network has none" : $"file has layer {i + 1} without bias, network has one";
                }

                // PReLU's alpha is its slopes' initial value; the slopes themselves are parameters.
                if (!layer.HasSlopes && !alpha.Equals(layer.Alpha))
                {
                    return FormattableString.Invariant($"file has layer {i + 1} with alpha {alpha:R}, network has {layer.Alpha:R}");
                }
            }

            if ((LossFunction)Loss != spec.Loss)
            {
                return $"file has loss {(LossFunction)Loss}, network has {spec.Loss}";
            }

            return (Precision)Precision != spec.Precision
                ? $"file has precision {(Precision)Precision}, network has {spec.Precision}"
                : null;
        }
    }
}
