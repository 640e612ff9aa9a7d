using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Unrolled.Onnx;

/// <summary>
/// Turns a float or double <see cref="OnnxTensorProto"/> into its values as doubles, from raw_data (little-endian)
/// or float_data / double_data, after checking that the data holds exactly the element count its dims give.
/// </summary>
/// <remarks>
/// A float widens to a double exactly, so a float network's parameters pass through a double[] bit for bit.
/// Shared as source with the generator: keep it free of anything netstandard2.0 lacks.
/// </remarks>
internal static class OnnxTensorValues
{
    /// <summary>The element count the dims give (1 for a scalar).</summary>
    /// <exception cref="InvalidDataException">A dim is negative, or the count does not fit in an int.</exception>
    public static int ElementCount(OnnxTensorProto tensor, string what)
    {
        long count = 1;
        foreach (long dim in tensor.Dims)
        {
            if (dim < 0)
            {
                throw Invalid(tensor, what, $"has a negative dimension {dim}");
            }

            if (dim > int.MaxValue)
            {
                throw Invalid(tensor, what, $"has a dimension of {dim}, more elements than an array can hold");
            }

            // Both factors are at most int.MaxValue, so the product cannot overflow a long.
            count *= dim;
            if (count > int.MaxValue)
            {
                throw Invalid(tensor, what, "has more elements than an array can hold");
            }
        }

        return (int)count;
    }

    /// <summary>
    /// The values of a FLOAT or DOUBLE tensor, row-major. <paramref name="finite"/> also rejects NaN and infinities
    /// (weights and biases, where a non-finite value means a broken export).
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The tensor is not FLOAT or DOUBLE, stores its values in more than one field or in none, holds a different
    /// number of values than its dims give, or (with <paramref name="finite"/>) holds NaN or an infinity.
    /// </exception>
    public static double[] Read(OnnxTensorProto tensor, string what, bool finite)
    {
        int type = tensor.DataType;
        if (type != OnnxDataType.Float && type != OnnxDataType.Double)
        {
            throw Invalid(tensor, what, $"holds {OnnxDataType.Name(type)} values; only FLOAT and DOUBLE are read");
        }

        int count = ElementCount(tensor, what);
        int fields = (tensor.RawBuffer != null ? 1 : 0) + (tensor.FloatData.Count > 0 ? 1 : 0) + (tensor.DoubleData.Count > 0 ? 1 : 0)
            + (tensor.Int32Data.Count > 0 ? 1 : 0) + (tensor.Int64Data.Count > 0 ? 1 : 0);
        if (fields > 1)
        {
            throw Invalid(tensor, what, "stores its values in more than one of raw_data, float_data, double_data, int32_data, int64_data");
        }

        if ((type == OnnxDataType.Float && (tensor.DoubleData.Count > 0 || tensor.Int32Data.Count > 0 || tensor.Int64Data.Count > 0))
            || (type == OnnxDataType.Double && (tensor.FloatData.Count > 0 || tensor.Int32Data.Count > 0 || tensor.Int64Data.Count > 0)))
        {
            throw Invalid(tensor, what, $"is {OnnxDataType.Name(type)} but stores its values in a field for another type");
        }

        double[] values = tensor.RawBuffer != null ? FromRaw(tensor, what, type, count)
            : type == OnnxDataType.Float ? FromFloats(tensor, what, tensor.FloatData, count)
            : FromDoubles(tensor, what, tensor.DoubleData, count);

        if (finite)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (double.IsNaN(values[i]) || double.IsInfinity(values[i]))
                {
                    throw Invalid(tensor, what, $"holds {values[i].ToString(CultureInfo.InvariantCulture)} at element {i}; weights and biases must be finite");
                }
            }
        }

        return values;
    }

    private static double[] FromRaw(OnnxTensorProto tensor, string what, int type, int count)
    {
        int size = type == OnnxDataType.Float ? 4 : 8;
        if (tensor.RawLength != (long)count * size)
        {
            throw Invalid(tensor, what, $"has dims [{Dims(tensor)}] ({count} values of {size} bytes) but raw_data holds {tensor.RawLength} bytes");
        }

        byte[] data = tensor.RawBuffer!;
        var values = new double[count];
        var scratch = new byte[4];
        for (int i = 0; i < count; i++)
        {
            int offset = tensor.RawOffset + i * size;
            values[i] = size == 4 ? ProtoReader.DecodeFloat(data, offset, scratch) : ProtoReader.DecodeDouble(data, offset);
        }

        return values;
    }

    private static double[] FromFloats(OnnxTensorProto tensor, string what, List<float> data, int count)
    {
        CheckCount(tensor, what, "float_data", data.Count, count);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = data[i];
        }

        return values;
    }

    private static double[] FromDoubles(OnnxTensorProto tensor, string what, List<double> data, int count)
    {
        CheckCount(tensor, what, "double_data", data.Count, count);
        return data.ToArray();
    }

    private static void CheckCount(OnnxTensorProto tensor, string what, string field, int actual, int count)
    {
        if (actual != count)
        {
            throw Invalid(tensor, what, $"has dims [{Dims(tensor)}] ({count} values) but {field} holds {actual}");
        }
    }

    private static string Dims(OnnxTensorProto tensor) =>
        string.Join(", ", tensor.Dims.ConvertAll(d => d.ToString(CultureInfo.InvariantCulture)));

    private static InvalidDataException Invalid(OnnxTensorProto tensor, string what, string problem) =>
        new InvalidDataException($"Malformed ONNX file: {tensor.Describe(what)} {problem}.");
}
