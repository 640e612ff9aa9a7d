namespace Unrolled.Generators.Weights;

/// <summary>
/// CRC-32 as the .unrl format stores it (IEEE 802.3 / zlib: reflected polynomial 0xEDB88320, initial value and final
/// xor 0xFFFFFFFF). The runtime computes it with System.IO.Hashing, which the generator (netstandard2.0, inside the
/// compiler) cannot carry; the tests check both give the same values.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(byte[] data, int start, int length)
    {
        uint crc = 0xFFFFFFFF;
        for (int i = start; i < start + length; i++)
        {
            crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
