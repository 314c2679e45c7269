using Fluxum.Sdk.Books;

namespace Fluxum.Plugins.Kraken.Books;

/// <summary>
/// The checksum text of one side's top levels, kept between frames. Each level's digits are reused when
/// its price (and size) did not change, so a frame that touches one level formats one or two numbers,
/// not twenty. Two buffers alternate: the previous frame's (read) and this frame's (written).
/// </summary>
internal sealed class SideDigits
{
    private const int MaxBytesPerNumber = 32;
    private Entries _previous = new();
    private Entries _current = new();

    /// <summary>This side's checksum bytes after the last <see cref="Build"/>.</summary>
    public ReadOnlySpan<byte> Bytes => _previous.Buffer.AsSpan(0, _previous.Length);

    public void Reset() => _previous.Count = 0;

    /// <summary>Builds the bytes of the best <paramref name="levels"/> levels of <paramref name="side"/>.</summary>
    public void Build(BookSideView side, int levels, Precision precision)
    {
        var old = _previous;
        var next = _current;
        var n = Math.Min(levels, side.Count);
        var length = 0;
        for (var i = 0; i < n; i++)
        {
            var level = side[i];
            var match = old.Find(level.Price, i);
            var buffer = next.Buffer.AsSpan(length);
            int priceLength;
            int total;
            if (match >= 0)
            {
                var source = old.Buffer.AsSpan(old.Offsets[match]);
                priceLength = old.PriceLengths[match];
                if (old.Sizes[match] == level.Size)
                {
                    total = old.Lengths[match];
                    source[..total].CopyTo(buffer);
                }
                else
                {
                    source[..priceLength].CopyTo(buffer);
                    total = priceLength + DecimalDigits.Write(level.Size, precision.Quantity, buffer[priceLength..]);
                }
            }
            else
            {
                priceLength = DecimalDigits.Write(level.Price, precision.Price, buffer);
                total = priceLength + DecimalDigits.Write(level.Size, precision.Quantity, buffer[priceLength..]);
            }

            next.Prices[i] = level.Price;
            next.Sizes[i] = level.Size;
            next.Offsets[i] = length;
            next.PriceLengths[i] = priceLength;
            next.Lengths[i] = total;
            length += total;
        }

        next.Count = n;
        next.Length = length;
        _previous = next;
        _current = old;
    }

    private sealed class Entries
    {
        public decimal[] Prices { get; } = new decimal[KrakenChecksum.Levels];

        public decimal[] Sizes { get; } = new decimal[KrakenChecksum.Levels];

        public int[] Offsets { get; } = new int[KrakenChecksum.Levels];

        public int[] PriceLengths { get; } = new int[KrakenChecksum.Levels];

        public int[] Lengths { get; } = new int[KrakenChecksum.Levels];

        public byte[] Buffer { get; } = new byte[KrakenChecksum.Levels * MaxBytesPerNumber * 2];

        public int Count { get; set; }

        public int Length { get; set; }

        /// <summary>The entry with this price: most levels stay put or shift by one when a level is added or removed.</summary>
        public int Find(decimal price, int hint)
        {
            if (hint < Count && Prices[hint] == price)
            {
                return hint;
            }

            if (hint + 1 < Count && Prices[hint + 1] == price)
            {
                return hint + 1;
            }

            if (hint >= 1 && hint - 1 < Count && Prices[hint - 1] == price)
            {
                return hint - 1;
            }

            for (var j = 0; j < Count; j++)
            {
                if (Prices[j] == price)
                {
                    return j;
                }
            }

            return -1;
        }
    }
}
