using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Fluxum.Plugins.Kraken.Books;

/// <summary>
/// The CRC-32 (IEEE 802.3, reflected, as <see cref="System.IO.Hashing.Crc32"/>) of a concatenation from the
/// CRCs of its parts: <c>crc(A‖B) = crc(A)·x^(8·|B|) mod P ⊕ crc(B)</c>. The init and final XOR cancel out in
/// that identity, so it holds for finished CRC values. It lets a book keep one CRC per side and re-hash
/// only the side a frame touched.
/// </summary>
/// <remarks>
/// Reflected representation: bit i of a 32-bit value is the coefficient of x^(31-i). A carry-less product
/// of two such values, shifted left by one, is a 64-bit reflected polynomial (bit m ↔ x^(63-m)); its low
/// half (the degrees 63..32) is reduced by running it through four zero bytes of the byte table, which is
/// exactly multiplication by x^32 modulo P.
/// </remarks>
internal static class Crc32Combine
{
    /// <summary>The reflected IEEE polynomial.</summary>
    private const uint Polynomial = 0xEDB88320u;

    /// <summary>Longest second part supported (bytes); a book side's checksum text is far shorter.</summary>
    public const int MaxLength = 4096;

    private static readonly uint[] Table = BuildTable();

    /// <summary>
    /// Four tables of 256: slice k holds what a byte does to the register after k more zero bytes
    /// (slice 0 is the byte table).
    /// </summary>
    private static readonly uint[] Slices = BuildSlices(Table);

    /// <summary>x^(8n) mod P for n = 0..<see cref="MaxLength"/>, reflected.</summary>
    private static readonly uint[] Powers = BuildPowers();

    /// <summary>Zero bytes <see cref="HashPadded"/> needs before the text in its buffer.</summary>
    public const int ZeroPrefix = 64;

    /// <summary>(~0)·x^(8n) mod P for n = 0..<see cref="MaxLength"/>: what n bytes do to the CRC's initial value.</summary>
    private static readonly uint[] InitialShifted = BuildInitialShifted();

    /// <summary>
    /// The CRC-32 of <c>buffer[start..start+length)</c>, hashed as a span padded at the front with the zeros
    /// before <paramref name="start"/> to a multiple of 16 bytes (at least 64), which the library's vectorized
    /// path takes whole, with no byte-at-a-time tail. Leading zeros leave the register untouched when it
    /// starts at 0, so only the initial value's contribution differs: crc(M) = crc(0^k‖M) ⊕ I(k+|M|) ⊕ I(|M|),
    /// where I(n) is the initial value carried through n bytes.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than the needed zeros precede the text, or it is too long.</exception>
    public static uint HashPadded(byte[] buffer, int start, int length)
    {
        var padded = Math.Max(ZeroPrefix, (length + 15) & ~15);
        var pad = padded - length;
        if (pad > start || padded > MaxLength)
        {
            throw new ArgumentException($"{length} bytes at {start} cannot be hashed padded", nameof(length));
        }

        return Crc32.HashToUInt32(buffer.AsSpan(start - pad, padded)) ^ InitialShifted[padded] ^ InitialShifted[length];
    }

    /// <summary>The CRC of A‖B from <paramref name="first"/> = crc(A), <paramref name="second"/> = crc(B) and |B|.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="secondLength"/> is negative or above <see cref="MaxLength"/>.</exception>
    public static uint Combine(uint first, uint second, int secondLength)
    {
        if ((uint)secondLength > MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(secondLength), secondLength, $"combining supports a second part of up to {MaxLength} bytes");
        }

        return Multiply(first, Powers[secondLength]) ^ second;
    }

    /// <summary>a·b mod P, both reflected.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Multiply(uint a, uint b)
    {
        ulong product;
        if (Pclmulqdq.IsSupported)
        {
            var x = Vector128.CreateScalar((ulong)a);
            var y = Vector128.CreateScalar((ulong)b);
            product = Pclmulqdq.CarrylessMultiply(x, y, 0x00).ToScalar();
        }
        else
        {
            product = CarrylessMultiply(a, b);
        }

        product <<= 1;
        return (uint)(product >> 32) ^ TimesX32((uint)product);
    }

    /// <summary>
    /// v·x^32 mod P: four zero bytes through the CRC, as four independent lookups (each byte of v carried
    /// through the zero bytes after it) rather than four dependent ones.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint TimesX32(uint v)
    {
        var tables = Slices;
        return tables[(3 * 256) + (int)(v & 0xFF)] ^ tables[(2 * 256) + (int)((v >> 8) & 0xFF)] ^ tables[256 + (int)((v >> 16) & 0xFF)] ^ tables[(int)(v >> 24)];
    }

    /// <summary>The carry-less product without the instruction (machines without PCLMULQDQ).</summary>
    internal static ulong CarrylessMultiply(uint a, uint b)
    {
        ulong result = 0;
        ulong shifted = b;
        for (var i = 0; i < 32; i++)
        {
            if ((a & (1u << i)) != 0)
            {
                result ^= shifted << i;
            }
        }

        return result;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var r = i;
            for (var bit = 0; bit < 8; bit++)
            {
                r = (r & 1) != 0 ? (r >> 1) ^ Polynomial : r >> 1;
            }

            table[i] = r;
        }

        return table;
    }

    private static uint[] BuildSlices(uint[] table)
    {
        var slices = new uint[4 * 256];
        table.CopyTo(slices, 0);
        for (var k = 1; k < 4; k++)
        {
            for (var i = 0; i < 256; i++)
            {
                var previous = slices[((k - 1) * 256) + i];
                slices[(k * 256) + i] = (previous >> 8) ^ table[previous & 0xFF];
            }
        }

        return slices;
    }

    private static uint[] BuildInitialShifted()
    {
        var powers = BuildPowers();
        var shifted = new uint[MaxLength + 1];
        for (var n = 0; n <= MaxLength; n++)
        {
            shifted[n] = Multiply(0xFFFFFFFFu, powers[n]);
        }

        return shifted;
    }

    private static uint[] BuildPowers()
    {
        var table = BuildTable();
        var powers = new uint[MaxLength + 1];

        // x^0 is the top bit in the reflected order; each zero byte multiplies by x^8.
        var r = 0x80000000u;
        for (var n = 0; n <= MaxLength; n++)
        {
            powers[n] = r;
            r = (r >> 8) ^ table[r & 0xFF];
        }

        return powers;
    }
}
