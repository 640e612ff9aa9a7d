// Unrolled parameter files. See docs/file-format.md for the full description; this block is the reference.
//
// BINARY FORMAT, version 1. Every number is little-endian, whatever the machine (written with BinaryPrimitives).
//
//   offset      size   field
//   0           4      magic: the ASCII bytes "UNRL" (55 4E 52 4C)
//   4           2      format version, uint16: 1
//   6           1      element type of the values, uint8: 1 = float32, 2 = float64
//   7           4      spec: inputs, int32
//   11          4      spec: layer count L, int32
//   15          16*L   spec: per layer, input side first:
//                        units, int32
//                        activation, int32 (the Activation value: Identity 0, Sigmoid 1, Tanh 2, Relu 3,
//                                            LeakyRelu 4, Elu 5, Softplus 6, Silu 7, Softmax 8)
//                        alpha, float64 (LayerSpec.Alpha: after defaults, 0 for activations without one)
//   15+16L      4      spec: loss, int32 (LossFunction: MeanSquaredError 0, CrossEntropy 1, BinaryCrossEntropy 2)
//   19+16L      4      spec: precision, int32 (Precision: Single 0, Double 1)
//   23+16L      4      parameter count N, int32
//   27+16L      N*s    the parameters, s = 4 (float32) or 8 (float64) bytes each, IEEE 754, in the network's
//                      layout: per layer the weights W[fanIn, units] row-major, then the bias[units]
//   27+16L+N*s  4      CRC-32 of every byte before it, uint32 (IEEE 802.3 / zlib: reflected polynomial
//                      0xEDB88320, initial value and final xor 0xFFFFFFFF; Python's zlib.crc32 gives the same)
//
// Values are stored bit for bit: NaN and infinities are allowed and round-trip unchanged (a network trained into
// NaN can be saved and inspected). Nothing follows the checksum; Load(stream) reads exactly the file's bytes and
// leaves the stream after them, Load(path) also rejects trailing bytes.
//
// JSON FORMAT, version 1 (UTF-8):
//
//   { "format": "unrolled-parameters", "version": 1, "elementType": "float32",
//     "spec": { "inputs": 2, "layers": [ { "units": 3, "activation": "Sigmoid", "alpha": 0 }, ... ],
//               "loss": "CrossEntropy", "precision": "Single" },
//     "layers": [ { "weights": [ [w00, w01, w02], [w10, w11, w12] ], "bias": [b0, b1, b2] }, ... ] }
//
// "weights" has fanIn rows of units numbers each: row i holds W[i, 0..units), the weights from input i (Keras's
// kernel layout; PyTorch's nn.Linear.weight is its transpose). Numbers are written in the shortest form that
// round-trips to the same float32/float64. JSON has no NaN or infinity: those values are written as the strings
// "NaN", "Infinity" and "-Infinity", and read back from them. When reading, "elementType" is optional (if present
// it must match the network's), as are "alpha" (default: the activation's), "loss" (MeanSquaredError) and
// "precision" (Single); other properties are ignored.
//
// LOADING validates everything before writing a single parameter: the values are read into a temporary buffer
// and copied into the network only when the whole file has been checked. A damaged or unsupported file throws
// InvalidDataException; a sound file made for another network (element type, or any part of the spec) throws
// ArgumentException naming the first difference. Either way the network's parameters are left untouched.

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
    /// <summary>The version of the binary and JSON formats this library writes and reads.</summary>
    public const ushort FormatVersion = 1;

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

    /// <summary>The spec as a file states it, raw: enum values may be undefined until <see cref="Problem"/> has checked them.</summary>
    private sealed class FileSpec
    {
        public int Inputs { get; init; }

        public List<(int Units, int Activation, double Alpha)> Layers { get; } = [];

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
            }

            if (!Enum.IsDefined((LossFunction)Loss))
            {
                return $"The file declares loss value {Loss}, which is not a LossFunction.";
            }

            return Enum.IsDefined((Precision)Precision) ? null : $"The file declares precision value {Precision}, which is not a Precision.";
        }

        /// <summary>Checks the spec (as <see cref="Problem"/>) and returns its parameter count.</summary>
        public int CheckShape(string path)
        {
            string? problem = Problem();
            if (problem is not null)
            {
                throw Invalid($"{path}: {problem}");
            }

            long count = 0, fanIn = Inputs;
            foreach (var layer in Layers)
            {
                count += (fanIn + 1) * layer.Units;
                fanIn = layer.Units;
            }

            return count <= Array.MaxLength
                ? (int)count
                : throw Invalid($"{path} declares {count.ToString(CultureInfo.InvariantCulture)} parameters, more than a network can have.");
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
                var (units, activation, alpha) = Layers[i];
                var layer = spec.Layers[i];
                if (units != layer.Units)
                {
                    return $"file has layer {i + 1} with {units} units, network has {layer.Units}";
                }

                if ((Activation)activation != layer.Activation)
                {
                    return $"file has layer {i + 1} with activation {(Activation)activation}, network has {layer.Activation}";
                }

                if (!alpha.Equals(layer.Alpha))
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
