using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Unrolled.Numerics;

public static partial class FastMath
{
    /// <summary>
    /// destination[i] = e^x for every element, with the widest hardware-accelerated vector and the scalar
    /// <see cref="Exp(float)"/> for the tail (same bits as a lane would give).
    /// </summary>
    /// <param name="x">The inputs.</param>
    /// <param name="destination">Receives the results; as long as <paramref name="x"/>; may be the same memory (in place).</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not as long as <paramref name="x"/>.</exception>
    public static void Exp(ReadOnlySpan<float> x, Span<float> destination)
    {
        SpanGuard.Length(destination, x.Length, nameof(destination));
        ref float source = ref MemoryMarshal.GetReference(x);
        ref float target = ref MemoryMarshal.GetReference(destination);
        int length = x.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Exp(Vector512.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Exp(Vector256.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= length - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                Exp(Vector128.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref target, i) = Exp(Unsafe.Add(ref source, i));
        }
    }

    /// <summary>
    /// destination[i] = tanh(x) for every element, with the widest hardware-accelerated vector and the scalar
    /// <see cref="Tanh(float)"/> for the tail (same bits as a lane would give).
    /// </summary>
    /// <param name="x">The inputs.</param>
    /// <param name="destination">Receives the results; as long as <paramref name="x"/>; may be the same memory (in place).</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not as long as <paramref name="x"/>.</exception>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> destination)
    {
        SpanGuard.Length(destination, x.Length, nameof(destination));
        ref float source = ref MemoryMarshal.GetReference(x);
        ref float target = ref MemoryMarshal.GetReference(destination);
        int length = x.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Tanh(Vector512.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Tanh(Vector256.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= length - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                Tanh(Vector128.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref target, i) = Tanh(Unsafe.Add(ref source, i));
        }
    }

    /// <summary>
    /// destination[i] = 1 / (1 + e^-x) for every element, with the widest hardware-accelerated vector and the scalar
    /// <see cref="Sigmoid(float)"/> for the tail (same bits as a lane would give).
    /// </summary>
    /// <param name="x">The inputs.</param>
    /// <param name="destination">Receives the results; as long as <paramref name="x"/>; may be the same memory (in place).</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not as long as <paramref name="x"/>.</exception>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> destination)
    {
        SpanGuard.Length(destination, x.Length, nameof(destination));
        ref float source = ref MemoryMarshal.GetReference(x);
        ref float target = ref MemoryMarshal.GetReference(destination);
        int length = x.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Sigmoid(Vector512.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Sigmoid(Vector256.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= length - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                Sigmoid(Vector128.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref target, i) = Sigmoid(Unsafe.Add(ref source, i));
        }
    }
}
