using System.Buffers.Text;

namespace Fluxum.Plugins.Kraken.Books;

/// <summary>
/// Writes a decimal as Kraken's checksum wants it: formatted to a fixed number of decimals, the point
/// removed and the leading zeros stripped, i.e. the digits of the value scaled to an integer. Works on
/// the decimal's bits (no ToString, no allocation).
/// </summary>
internal static class DecimalDigits
{
    private static readonly ulong[] Pow10 = BuildPowers();

    /// <summary>Writes the digits into <paramref name="destination"/>; returns how many bytes were written.</summary>
    public static int Write(decimal value, int decimals, Span<byte> destination)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        if (bits[2] == 0 && decimals < Pow10.Length && scale < Pow10.Length)
        {
            // The usual case: the value fits 64 bits before and after scaling.
            var small = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
            if (scale > decimals)
            {
                return WriteDigits(small / Pow10[scale - decimals], destination);
            }

            var factor = Pow10[decimals - scale];
            if (small <= ulong.MaxValue / factor)
            {
                return WriteDigits(small * factor, destination);
            }
        }

        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
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
            // More decimals than the pair has: Kraken never sends these; keep the fixed-point digits (truncate).
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

        var length = 1;
        for (var v = value; v >= 10; v /= 10)
        {
            length++;
        }

        var at = length;
        while (value >= 100)
        {
            var pair = (int)(value % 100) * 2;
            value /= 100;
            destination[--at] = TwoDigits[pair + 1];
            destination[--at] = TwoDigits[pair];
        }

        if (value >= 10)
        {
            var pair = (int)value * 2;
            destination[--at] = TwoDigits[pair + 1];
            destination[--at] = TwoDigits[pair];
        }
        else
        {
            destination[--at] = (byte)('0' + value);
        }

        return length;
    }

    private static ReadOnlySpan<byte> TwoDigits => "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

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
