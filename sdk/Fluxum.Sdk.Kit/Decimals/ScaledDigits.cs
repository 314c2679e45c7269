using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fluxum.Sdk.Kit;

/// <summary>
/// Writes a decimal as a checksum over fixed-point text wants it: formatted to a fixed number of decimals, the
/// point removed and the leading zeros stripped, i.e. the digits of the value scaled to an integer
/// (<c>0.0500</c> at 5 decimals is <c>5000</c>; zero is no digits at all). Works on the decimal's bits: no
/// ToString, no allocation. More decimals in the value than asked for are truncated.
/// </summary>
public static class ScaledDigits
{
    private static readonly ulong[] Pow10 = BuildPowers();
    private static readonly byte[] Pairs = BuildPairs();

    /// <summary>
    /// Writes the digits of <paramref name="value"/> scaled by 10^<paramref name="decimals"/> (its sign ignored)
    /// into <paramref name="destination"/>; returns how many bytes were written.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short for the digits.</exception>
    public static int Write(decimal value, int decimals, Span<byte> destination)
    {
        var raw = Unsafe.As<decimal, DecimalBits>(ref value);
        var scale = (raw.Flags >> 16) & 0xFF;
        var hi = raw.Hi;
        var lo = raw.Lo;
        if (hi == 0 && (uint)decimals < (uint)Pow10.Length && scale < Pow10.Length)
        {
            // The usual case: the value fits 64 bits before and after scaling (no division when the
            // text already has the asked-for decimals, the common case).
            if (scale == decimals)
            {
                return WriteDigits(lo, destination);
            }

            if (scale > decimals)
            {
                return WriteDigits(lo / Pow10[scale - decimals], destination);
            }

            var high = Math.BigMul(lo, Pow10[decimals - scale], out var scaled);
            if (high == 0)
            {
                return WriteDigits(scaled, destination);
            }
        }

        return WriteWide(((UInt128)hi << 64) | lo, scale, decimals, destination);
    }

    private static int WriteWide(UInt128 mantissa, int scale, int decimals, Span<byte> destination)
    {
        if (scale < decimals)
        {
            var up = decimals - scale;
            mantissa *= Pow10[Math.Min(up, Pow10.Length - 1)];
            for (var i = Pow10.Length - 1; i < up; i++)
            {
                mantissa *= 10;
            }
        }
        else if (scale > decimals)
        {
            // More decimals than asked for: keep the fixed-point digits (truncate).
            for (var i = decimals; i < scale; i++)
            {
                mantissa /= 10;
            }
        }

        if (mantissa == 0)
        {
            return 0;
        }

        if (mantissa <= ulong.MaxValue)
        {
            Utf8Formatter.TryFormat((ulong)mantissa, destination, out var written);
            return written;
        }

        mantissa.TryFormat(destination, out var wide, default, System.Globalization.CultureInfo.InvariantCulture);
        return wide;
    }

    /// <summary>The decimal digits of <paramref name="value"/>, none for zero (all its zeros are leading).</summary>
    private static int WriteDigits(ulong value, Span<byte> destination)
    {
        if (value == 0)
        {
            return 0;
        }

        var length = CountDigits(value);
        if ((uint)length > (uint)destination.Length)
        {
            throw new ArgumentException("the destination is too short for the digits", nameof(destination));
        }

        // Two digits per step from the end, from a table of "00".."99"; 32-bit steps once the value fits
        // (most prices and sizes do from the start), as they divide faster.
        ref var start = ref MemoryMarshal.GetReference(destination);
        ref var pairs = ref MemoryMarshal.GetArrayDataReference(Pairs);
        var at = length;
        while (value > uint.MaxValue)
        {
            var pair = (int)(value % 100) * 2;
            value /= 100;
            at -= 2;
            Unsafe.Add(ref start, at) = Unsafe.Add(ref pairs, pair);
            Unsafe.Add(ref start, at + 1) = Unsafe.Add(ref pairs, pair + 1);
        }

        var small = (uint)value;
        while (small >= 100)
        {
            var pair = (int)(small % 100) * 2;
            small /= 100;
            at -= 2;
            Unsafe.Add(ref start, at) = Unsafe.Add(ref pairs, pair);
            Unsafe.Add(ref start, at + 1) = Unsafe.Add(ref pairs, pair + 1);
        }

        value = small;
        if (value >= 10)
        {
            var pair = (int)value * 2;
            Unsafe.Add(ref start, at - 2) = Unsafe.Add(ref pairs, pair);
            Unsafe.Add(ref start, at - 1) = Unsafe.Add(ref pairs, pair + 1);
        }
        else
        {
            Unsafe.Add(ref start, at - 1) = (byte)('0' + value);
        }

        return length;
    }

    /// <summary>Digits of a non-zero value: log10 estimated from its bit length (×1233/4096 ≈ log10 2), then corrected.</summary>
    private static int CountDigits(ulong value)
    {
        var estimate = ((64 - System.Numerics.BitOperations.LeadingZeroCount(value)) * 1233) >> 12;
        return estimate + (value >= Pow10[estimate] ? 1 : 0);
    }

    private static byte[] BuildPairs()
    {
        var pairs = new byte[200];
        for (var i = 0; i < 100; i++)
        {
            pairs[2 * i] = (byte)('0' + (i / 10));
            pairs[(2 * i) + 1] = (byte)('0' + (i % 10));
        }

        return pairs;
    }


    private static ulong[] BuildPowers()
    {
        var powers = new ulong[20];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
