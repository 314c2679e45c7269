using System.Runtime.CompilerServices;
using Fluxum.Sdk.Books;

namespace Fluxum.Plugins.Kraken.Books;

/// <summary>
/// The checksum text of one side's top levels, kept between frames. Each level's digits are reused when
/// its price (and size) did not change, so a frame that touches one level formats one or two numbers,
/// not twenty. Two buffers alternate: the previous frame's (read) and this frame's (written). Values
/// are compared bit for bit (the wire keeps one scale per pair; a differently scaled equal value only
/// costs a re-format, never a wrong digit).
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
        var target = next.Buffer.AsSpan();
        for (var i = 0; i < n; i++)
        {
            var level = side[i];
            var match = old.Find(level.Price, i);
            var buffer = target[length..];
            ref var entry = ref next.Items[i];
            if (match >= 0)
            {
                ref readonly var found = ref old.Items[match];
                var source = old.Buffer.AsSpan(found.Offset);
                entry.PriceLength = found.PriceLength;
                if (Same(found.Size, level.Size))
                {
                    entry.Length = found.Length;
                    source[..found.Length].CopyTo(buffer);
                }
                else
                {
                    source[..found.PriceLength].CopyTo(buffer);
                    entry.Length = found.PriceLength + DecimalDigits.Write(level.Size, precision.Quantity, buffer[found.PriceLength..]);
                }
            }
            else
            {
                entry.PriceLength = DecimalDigits.Write(level.Price, precision.Price, buffer);
                entry.Length = entry.PriceLength + DecimalDigits.Write(level.Size, precision.Quantity, buffer[entry.PriceLength..]);
            }

            entry.Price = level.Price;
            entry.Size = level.Size;
            entry.Offset = length;
            length += entry.Length;
        }

        next.Count = n;
        next.Length = length;
        _previous = next;
        _current = old;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Same(decimal a, decimal b) => Unsafe.As<decimal, UInt128>(ref a) == Unsafe.As<decimal, UInt128>(ref b);

    private struct Entry
    {
        public decimal Price;
        public decimal Size;
        public int Offset;
        public int PriceLength;
        public int Length;
    }

    private sealed class Entries
    {
        public Entry[] Items { get; } = new Entry[KrakenChecksum.Levels];

        public byte[] Buffer { get; } = new byte[KrakenChecksum.Levels * MaxBytesPerNumber * 2];

        public int Count { get; set; }

        public int Length { get; set; }

        /// <summary>The entry with this price: most levels stay put or shift by one when a level is added or removed.</summary>
        public int Find(decimal price, int hint)
        {
            var items = Items;
            var count = Count;
            if (hint < count && Same(items[hint].Price, price))
            {
                return hint;
            }

            if (hint + 1 < count && Same(items[hint + 1].Price, price))
            {
                return hint + 1;
            }

            if (hint >= 1 && hint - 1 < count && Same(items[hint - 1].Price, price))
            {
                return hint - 1;
            }

            for (var j = 0; j < count; j++)
            {
                if (Same(items[j].Price, price))
                {
                    return j;
                }
            }

            return -1;
        }
    }
}
