using System;

namespace Unrolled.Generators.Weights;

/// <summary>IEEE 754 values from little-endian bytes, bit for bit, on hosts of either byte order.</summary>
internal static class Bits
{
    public static double Single(byte[] data, int offset)
    {
        int bits = data[offset] | (data[offset + 1] << 8) | (data[offset + 2] << 16) | (data[offset + 3] << 24);
        byte[] host = BitConverter.GetBytes(bits);
        return BitConverter.ToSingle(host, 0);
    }

    public static double Double(byte[] data, int offset)
    {
        long low = (uint)(data[offset] | (data[offset + 1] << 8) | (data[offset + 2] << 16) | (data[offset + 3] << 24));
        long high = (uint)(data[offset + 4] | (data[offset + 5] << 8) | (data[offset + 6] << 16) | (data[offset + 7] << 24));
        return BitConverter.Int64BitsToDouble(low | (high << 32));
    }
}
