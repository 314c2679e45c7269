using Fluxum.Sdk;

namespace Fluxum.Host.Publishing;

/// <summary>Subjects: <c>PREFIX.VENUE.CHANNEL.BASE-QUOTE</c> (<c>fluxum.kraken.book.BTC-USD</c>; <c>_</c> for no symbol).</summary>
internal static class WireSubjects
{
    /// <summary>The subject token of a channel.</summary>
    public static string Channel(WireKind kind) => kind switch
    {
        WireKind.Trade => "trade",
        WireKind.Ticker => "ticker",
        WireKind.Ohlc => "ohlc",
        WireKind.Quality => "quality",
        WireKind.Book => "book",
        WireKind.Snapshot => "snapshot",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown message kind"),
    };

    /// <summary>The subject of one message.</summary>
    public static string Of(string prefix, string venue, WireKind kind, Symbol? symbol) =>
        $"{prefix}.{venue}.{Channel(kind)}.{(symbol is { } s ? Token(s) : "_")}";

    /// <summary>Every subject of a venue (a consumer's filter).</summary>
    public static string AllOf(string prefix, string venue) => $"{prefix}.{venue}.>";

    /// <summary>Every snapshot subject of a venue.</summary>
    public static string SnapshotsOf(string prefix, string venue) => $"{prefix}.{venue}.snapshot.*";

    /// <summary><c>BTC/USD</c> → <c>BTC-USD</c> (no dots, spaces or wildcards in a token).</summary>
    public static string Token(Symbol symbol) => $"{Clean(symbol.Base)}-{Clean(symbol.Quote)}";

    private static string Clean(string part) => part.Replace('.', '_').Replace('*', '_').Replace('>', '_').Replace(' ', '_');
}
