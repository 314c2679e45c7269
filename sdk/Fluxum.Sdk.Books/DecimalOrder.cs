using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fluxum.Sdk.Books;

/// <summary>
/// Fast comparisons of book prices and sizes. A venue's prices share one scale, so two non-negative
/// decimals with the same flags compare as their 96-bit integers; anything else takes
/// <see cref="decimal.Compare"/>. Same results as the decimal operators, without the general routine.
/// </summary>
internal static class DecimalOrder
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare(decimal a, decimal b)
    {
        var x = Unsafe.As<decimal, Bits>(ref a);
        var y = Unsafe.As<decimal, Bits>(ref b);
        if (x.Flags == y.Flags && x.Flags >= 0)
        {
            return x.Hi != y.Hi ? (x.Hi < y.Hi ? -1 : 1) : x.Lo.CompareTo(y.Lo);
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

    /// <summary>The layout of <see cref="decimal"/>: flags (sign and scale), high 32 bits, low 64 bits.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Bits
    {
        public readonly int Flags;
        public readonly uint Hi;
        public readonly ulong Lo;
    }
}
