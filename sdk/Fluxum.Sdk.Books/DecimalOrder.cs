using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fluxum.Sdk.Books;

/// <summary>
/// Fast comparisons of book prices and sizes. Most of a venue's prices share one scale, so two non-negative
/// decimals with the same flags compare as their 96-bit integers. Prices of differing scales (a venue writing
/// JSON numbers, "97123.4" beside "97123.45", or a REST snapshot beside socket diffs) that fit 64 bits compare by
/// bringing the smaller scale up in a 128-bit product. Anything else takes <see cref="decimal.Compare"/>. Same
/// results as the decimal operators, without the general routine.
/// </summary>
internal static class DecimalOrder
{
    /// <summary>10^0 .. 10^19: every power of ten a 64-bit integer holds.</summary>
    private static ReadOnlySpan<ulong> Pow10 =>
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL, 1_000_000_000UL,
        10_000_000_000UL, 100_000_000_000UL, 1_000_000_000_000UL, 10_000_000_000_000UL, 100_000_000_000_000UL,
        1_000_000_000_000_000UL, 10_000_000_000_000_000UL, 100_000_000_000_000_000UL, 1_000_000_000_000_000_000UL,
        10_000_000_000_000_000_000UL,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare(decimal a, decimal b)
    {
        var x = Unsafe.As<decimal, Bits>(ref a);
        var y = Unsafe.As<decimal, Bits>(ref b);
        if (x.Flags == y.Flags && x.Flags >= 0)
        {
            return x.Hi != y.Hi ? (x.Hi < y.Hi ? -1 : 1) : x.Lo.CompareTo(y.Lo);
        }

        return CompareScaled(x, y, a, b);
    }

    /// <summary>
    /// Two decimals whose flags differ. When both are non-negative with 64-bit integers, the one of smaller scale is
    /// multiplied up to the other's scale (exact in 128 bits for a scale difference of at most 19) and the integers
    /// compared; otherwise <see cref="decimal.Compare"/>.
    /// </summary>
    private static int CompareScaled(in Bits x, in Bits y, decimal a, decimal b)
    {
        if ((x.Flags | y.Flags) >= 0 && (x.Hi | y.Hi) == 0)
        {
            // Non-negative flags hold only the scale, in bits 16..23.
            var difference = (y.Flags >> 16) - (x.Flags >> 16);
            if (difference is > 0 and <= 19)
            {
                var high = Math.BigMul(x.Lo, Pow10[difference], out var low);
                return high != 0 ? 1 : low.CompareTo(y.Lo);
            }

            if (difference is < 0 and >= -19)
            {
                var high = Math.BigMul(y.Lo, Pow10[-difference], out var low);
                return high != 0 ? -1 : x.Lo.CompareTo(low);
            }
        }

        return decimal.Compare(a, b);
    }

    /// <summary>True when the value is greater than zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPositive(decimal value)
    {
        var x = Unsafe.As<decimal, Bits>(ref value);
        return x.Flags >= 0 && (x.Hi | x.Lo) != 0;
    }

    /// <summary>True when the value is below zero (negative zero is not).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNegative(decimal value)
    {
        var x = Unsafe.As<decimal, Bits>(ref value);
        return x.Flags < 0 && (x.Hi | x.Lo) != 0;
    }

    /// <summary>True when the value is zero (of any scale or sign).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsZero(decimal value)
    {
        var x = Unsafe.As<decimal, Bits>(ref value);
        return (x.Hi | x.Lo) == 0;
    }

    /// <summary>The flags of a decimal: its sign bit and, in bits 16..23, its scale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FlagsOf(decimal value) => Unsafe.As<decimal, Bits>(ref value).Flags;

    /// <summary>The low 64 bits of a decimal's integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong LowOf(decimal value) => Unsafe.As<decimal, Bits>(ref value).Lo;

    /// <summary>
    /// True when <paramref name="value"/> has exactly <paramref name="flags"/> and an integer that fits 64 bits, its
    /// <paramref name="low"/> bits: decimals of one such form (non-negative flags) are ordered as their low bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLowForm(decimal value, int flags, out ulong low)
    {
        var x = Unsafe.As<decimal, Bits>(ref value);
        low = x.Lo;
        return x.Flags == flags && x.Hi == 0;
    }

    /// <summary>The layout of <see cref="decimal"/>: flags (sign and scale), high 32 bits, low 64 bits.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Bits
    {
        public readonly int Flags;
        public readonly uint Hi;
        public readonly ulong Lo;
    }
}
