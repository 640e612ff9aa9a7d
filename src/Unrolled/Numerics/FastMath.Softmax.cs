using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Unrolled.Numerics;

public static partial class FastMath
{
    /// <summary>
    /// destination = softmax(z): e^(z_j - max z) / sum_k e^(z_k - max z), shifted by the largest element so that no
    /// exponential overflows, with <see cref="Exp(Vector256{float})"/> over vectors of the elements. Lengths that are
    /// not a multiple of the vector end with a vector that overlaps the one before; its repeated lanes are left out of
    /// the sum. Shorter than a 128-bit vector: the scalar <see cref="Exp(float)"/>.
    /// </summary>
    /// <remarks>
    /// The sum is taken in a tree order, so results may differ from a left-to-right sum in the last bit. NaN anywhere
    /// gives NaN everywhere; +Inf gives NaN (Inf - Inf), as the formula does.
    /// </remarks>
    /// <param name="z">The logits; at least one.</param>
    /// <param name="destination">Receives the probabilities; as long as <paramref name="z"/>; may be the same memory (in place).</param>
    /// <exception cref="ArgumentException"><paramref name="z"/> is empty, or <paramref name="destination"/> is not as long.</exception>
    public static void Softmax(ReadOnlySpan<float> z, Span<float> destination)
    {
        if (z.IsEmpty)
        {
            throw new ArgumentException("Softmax needs at least one logit.", nameof(z));
        }

        SpanGuard.Length(destination, z.Length, nameof(destination));
        ref float source = ref MemoryMarshal.GetReference(z);
        ref float target = ref MemoryMarshal.GetReference(destination);
        if (Vector256.IsHardwareAccelerated && z.Length >= Vector256<float>.Count)
        {
            Softmax256(ref source, ref target, z.Length);
        }
        else if (Vector128.IsHardwareAccelerated && z.Length >= Vector128<float>.Count)
        {
            Softmax128(ref source, ref target, z.Length);
        }
        else
        {
            SoftmaxScalar(ref source, ref target, z.Length);
        }
    }

    private static void Softmax256(ref float source, ref float target, int length)
    {
        int last = length - Vector256<float>.Count;

        // The last vector ends at the last element. Read before any store: source and target may be one span.
        Vector256<float> lastLogits = Vector256.LoadUnsafe(ref source, (nuint)last);
        Vector256<float> max = lastLogits;
        for (int i = 0; i < last; i += Vector256<float>.Count)
        {
            max = Vector256.Max(max, Vector256.LoadUnsafe(ref source, (nuint)i));
        }

        Vector256<float> shift = Vector256.Create(Horizontal.Max(max));
        Vector256<float> sum = Vector256<float>.Zero;
        int stored = 0;
        for (; stored < last; stored += Vector256<float>.Count)
        {
            Vector256<float> e = Exp(Vector256.LoadUnsafe(ref source, (nuint)stored) - shift);
            e.StoreUnsafe(ref target, (nuint)stored);
            sum += e;
        }

        // Lanes of the last vector below `stored` repeat elements already summed.
        Vector256<float> lastExp = Exp(lastLogits - shift);
        Vector256<float> fresh = Vector256.GreaterThanOrEqual(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(stored - last)).AsSingle();
        sum += lastExp & fresh;

        Vector256<float> total = Vector256.Create(Horizontal.Sum(sum));
        for (int i = 0; i < last; i += Vector256<float>.Count)
        {
            (Vector256.LoadUnsafe(ref target, (nuint)i) / total).StoreUnsafe(ref target, (nuint)i);
        }

        // Written last: its repeated lanes get the very bits the loop wrote there (same exponential, same divisor).
        (lastExp / total).StoreUnsafe(ref target, (nuint)last);
    }

    private static void Softmax128(ref float source, ref float target, int length)
    {
        int last = length - Vector128<float>.Count;

        // The last vector ends at the last element. Read before any store: source and target may be one span.
        Vector128<float> lastLogits = Vector128.LoadUnsafe(ref source, (nuint)last);
        Vector128<float> max = lastLogits;
        for (int i = 0; i < last; i += Vector128<float>.Count)
        {
            max = Vector128.Max(max, Vector128.LoadUnsafe(ref source, (nuint)i));
        }

        Vector128<float> shift = Vector128.Create(Horizontal.Max(max));
        Vector128<float> sum = Vector128<float>.Zero;
        int stored = 0;
        for (; stored < last; stored += Vector128<float>.Count)
        {
            Vector128<float> e = Exp(Vector128.LoadUnsafe(ref source, (nuint)stored) - shift);
            e.StoreUnsafe(ref target, (nuint)stored);
            sum += e;
        }

        // Lanes of the last vector below `stored` repeat elements already summed.
        Vector128<float> lastExp = Exp(lastLogits - shift);
        Vector128<float> fresh = Vector128.GreaterThanOrEqual(Vector128.Create(0, 1, 2, 3), Vector128.Create(stored - last)).AsSingle();
        sum += lastExp & fresh;

        Vector128<float> total = Vector128.Create(Horizontal.Sum(sum));
        for (int i = 0; i < last; i += Vector128<float>.Count)
        {
            (Vector128.LoadUnsafe(ref target, (nuint)i) / total).StoreUnsafe(ref target, (nuint)i);
        }

        // Written last: its repeated lanes get the very bits the loop wrote there (same exponential, same divisor).
        (lastExp / total).StoreUnsafe(ref target, (nuint)last);
    }

    private static void SoftmaxScalar(ref float source, ref float target, int length)
    {
        float max = source;
        for (int i = 1; i < length; i++)
        {
            max = MathF.Max(max, Unsafe.Add(ref source, i));
        }

        float sum = 0f;
        for (int i = 0; i < length; i++)
        {
            float e = Exp(Unsafe.Add(ref source, i) - max);
            Unsafe.Add(ref target, i) = e;
            sum += e;
        }

        for (int i = 0; i < length; i++)
        {
            Unsafe.Add(ref target, i) /= sum;
        }
    }
}
