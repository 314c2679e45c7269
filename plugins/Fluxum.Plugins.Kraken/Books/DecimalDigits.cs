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
