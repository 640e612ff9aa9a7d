namespace Unrolled.Generators.Model;

// A weights file as the generator read it, reduced to values at once (one pipeline step per additional file), so
// that an edit elsewhere never reads or decodes a model again and an edit of the file changes only this value.

/// <summary>How far reading a weights file got.</summary>
internal enum WeightsFileStatus
{
    /// <summary>Read: <see cref="WeightsFile.Content"/> holds what it states.</summary>
    Read,

    /// <summary>Malformed bytes, a damaged encoding, non-finite values or an extension no reader takes.</summary>
    Unreadable,

    /// <summary>Well-formed, but not an MLP this library can express (the ONNX recognizer's problems).</summary>
    NotANetwork,

    /// <summary>A binary file that reached the compiler as it is, not through Unrolled's build step.</summary>
    NotEncoded,
}

/// <summary>The formats a weights file can have, told apart by its extension.</summary>
internal enum WeightsFormat
{
    Onnx,
    UnrolledBinary,
    UnrolledJson,
}

/// <summary>One weights file: its project-relative path, whether it could be read, and what it states.</summary>
/// <param name="Path">Relative to the project directory, with '/' separators (see <c>ProjectPath.Normalize</c>).</param>
/// <param name="Problem">Why the file cannot be used, when <paramref name="Status"/> is not Read.</param>
/// <param name="Fix">What the user can do about <paramref name="Problem"/>.</param>
internal sealed record WeightsFile(string Path, WeightsFileStatus Status, string Problem, string Fix, WeightsContent? Content)
{
    public static WeightsFile Read(string path, WeightsContent content) => new(path, WeightsFileStatus.Read, "", "", content);

    public static WeightsFile Unreadable(string path, string problem, string fix) => new(path, WeightsFileStatus.Unreadable, problem, fix, null);
}

/// <summary>One dense layer as the file states it.</summary>
/// <param name="Alpha">The activation's alpha with defaults applied (0 when the activation takes none), as <c>LayerSpec.Alpha</c>.</param>
/// <param name="Source">What the file calls the layer, for messages: <c>Gemm 'fc2'</c>, or <c>layer 2</c>.</param>
/// <param name="Bias">Whether the layer has a bias block (a Gemm without C, a MatMul without Add, or <c>"bias": false</c> has none).</param>
internal readonly record struct WeightsLayer(int Units, Activation Activation, double Alpha, string Source, bool Bias = true);

/// <summary>What a readable weights file states: its shape, the type of its values, and the values themselves.</summary>
/// <param name="Loss">The loss the file states, or null when it states none (an ONNX graph without metadata).</param>
/// <param name="ValuePrecision">The type of the stored values (float32 is Single), or null when the file does not say (JSON without "elementType").</param>
/// <param name="SpecPrecision">The precision the file's spec states.</param>
/// <param name="Parameters">In the contract's layout (per layer W[fanIn, units] row-major, then b[units] if it has a bias, then PReLU's slopes[units]), each exact in its precision.</param>
/// <param name="Provenance">For the generated remarks: <c>ONNX, pytorch 1.13.0, opset 13</c>.</param>
internal sealed record WeightsContent(
    WeightsFormat Format,
    int Inputs,
    EquatableArray<WeightsLayer> Layers,
    LossFunction? Loss,
    Precision? ValuePrecision,
    Precision SpecPrecision,
    EquatableArray<double> Parameters,
    string Provenance);
