using System.Text.Json;

namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>The property names of a book message, told apart by length and one byte on the hot path.</summary>
internal enum BookKey
{
    Other,
    Symbol,
    Bids,
    Asks,
    Checksum,
    Timestamp,
    Price,
    Qty,
}

/// <summary>Classifies the current property name without comparing it against every candidate.</summary>
internal static class BookKeys
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static BookKey Of(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return Slow(ref reader);
        }

        var name = reader.ValueSpan;
        return name.Length switch
        {
            3 when name.SequenceEqual("qty"u8) => BookKey.Qty,
            4 when name[0] == 'b' && name.SequenceEqual("bids"u8) => BookKey.Bids,
            4 when name[0] == 'a' && name.SequenceEqual("asks"u8) => BookKey.Asks,
            5 when name.SequenceEqual("price"u8) => BookKey.Price,
            6 when name.SequenceEqual("symbol"u8) => BookKey.Symbol,
            8 when name.SequenceEqual("checksum"u8) => BookKey.Checksum,
            9 when name.SequenceEqual("timestamp"u8) => BookKey.Timestamp,
            _ => BookKey.Other,
        };
    }

    private static BookKey Slow(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("qty"u8) ? BookKey.Qty
        : reader.ValueTextEquals("bids"u8) ? BookKey.Bids
        : reader.ValueTextEquals("asks"u8) ? BookKey.Asks
        : reader.ValueTextEquals("price"u8) ? BookKey.Price
        : reader.ValueTextEquals("symbol"u8) ? BookKey.Symbol
        : reader.ValueTextEquals("checksum"u8) ? BookKey.Checksum
        : reader.ValueTextEquals("timestamp"u8) ? BookKey.Timestamp
        : BookKey.Other;
}
