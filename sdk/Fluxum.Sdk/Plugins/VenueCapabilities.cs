using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Plugins;

/// <summary>How a venue's order books are kept in sync; the host runs the strategy for the plugin.</summary>
public enum BookSync
{
    /// <summary>
    /// A snapshot and then updates, both on the WebSocket: the plugin decodes each into a <see cref="BookFrame"/>
    /// (checked by <see cref="BookRules"/>: checksum and/or sequence numbers).
    /// </summary>
    Socket,

    /// <summary>
    /// A REST snapshot stitched to the WebSocket's buffered diff stream by update ids
    /// (<see cref="IVenueAdapter.FetchBookSnapshotAsync"/>): diffs up to the snapshot's last update id are discarded,
    /// the first applied one must straddle it, and each later one must start right after the previous; a gap in
    /// update ids resyncs that symbol alone.
    /// </summary>
    RestSnapshot,

    /// <summary>
    /// As <see cref="Socket"/>, and every message on a connection carries that connection's sequence number
    /// (reported with <see cref="IFrameSink.ConnectionSequence"/>): a gap means messages of any channel were lost,
    /// so the host marks every book of the connection stale and subscribes again.
    /// </summary>
    SocketWithConnectionSequence,
}

/// <summary>One channel a venue offers, with the parameters it accepts.</summary>
/// <param name="Kind">The channel.</param>
public sealed record ChannelOffer(ChannelKind Kind)
{
    /// <summary>For <see cref="ChannelKind.Book"/>: the depths the venue accepts; null for any positive depth.</summary>
    public IReadOnlyList<int>? Depths { get; init; }

    /// <summary>For <see cref="ChannelKind.Ohlc"/>: the candle intervals the venue offers; null for any.</summary>
    public IReadOnlyList<TimeSpan>? Intervals { get; init; }

    /// <summary>The channel is per symbol, so a subscription must name at least one (true except for account channels).</summary>
    public bool NeedsSymbols { get; init; } = true;
}

/// <summary>
/// What one venue offers with its settings, declared once by its <see cref="IVenueAdapter"/>. The host derives
/// every check from it: <c>fluxum config check</c>, a session's subscriptions, <c>fluxum plugins list</c>.
/// </summary>
public sealed record VenueCapabilities
{
    /// <summary>The channels of the public market-data connection.</summary>
    public required IReadOnlyList<ChannelOffer> Public { get; init; }

    /// <summary>The channels of the authenticated connection (used only when credentials are configured); empty for none.</summary>
    public IReadOnlyList<ChannelOffer> Private { get; init; } = [];

    /// <summary>The account's ledger can be queried over REST (<see cref="IVenueAdapter.CreateLedgerClient"/>), given credentials.</summary>
    public bool Ledger { get; init; }

    /// <summary>How books are kept in sync.</summary>
    public BookSync BookSync { get; init; } = BookSync.Socket;

    /// <summary>How book frames are checked: checksum, sequence rule, crossed books, buffering before the snapshot.</summary>
    public BookRules BookRules { get; init; } = BookRules.Default;

    /// <summary>The offer for <paramref name="kind"/> on the connection of <paramref name="connection"/>, or null.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="kind">The channel.</param>
    /// <returns>The offer, or null when that connection has no such channel.</returns>
    public ChannelOffer? Offer(ConnectionKind connection, ChannelKind kind)
    {
        foreach (var offer in connection == ConnectionKind.Public ? Public : Private)
        {
            if (offer.Kind == kind)
            {
                return offer;
            }
        }

        return null;
    }

    /// <summary>
    /// Why <paramref name="subscription"/> cannot be made on the connection of <paramref name="connection"/>, or null
    /// when it can: the one check every host path runs, derived from this declaration.
    /// </summary>
    /// <param name="connection">The connection.</param>
    /// <param name="subscription">The subscription.</param>
    /// <returns>The problem, or null.</returns>
    public string? Check(ConnectionKind connection, Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var kind = subscription.Channel.Kind;
        if (Offer(connection, kind) is not { } offer)
        {
            var offered = connection == ConnectionKind.Public ? Public : Private;
            return $"the {Name(kind)} channel is not offered on the {Name(connection)} connection with these settings (offered: {(offered.Count == 0 ? "none" : string.Join(", ", offered.Select(o => Name(o.Kind))))})";
        }

        if (offer.NeedsSymbols && subscription.Symbols.Count == 0)
        {
            return $"the {Name(kind)} channel needs at least one symbol";
        }

        if (subscription.Channel is { Kind: ChannelKind.Book, Depth: { } depth } && offer.Depths is { } depths && !depths.Contains(depth))
        {
            return $"book depth {depth} is not offered (offered: {string.Join(", ", depths)})";
        }

        if (subscription.Channel is { Kind: ChannelKind.Ohlc } ohlc && offer.Intervals is { } intervals && !intervals.Contains(ohlc.Interval))
        {
            return $"{Intervals.Format(ohlc.Interval)} candles are not offered (offered: {string.Join(", ", intervals.Select(Intervals.Format))})";
        }

        return null;
    }

    private static string Name(ChannelKind kind) => kind.ToString().ToLowerInvariant();

    private static string Name(ConnectionKind kind) => kind == ConnectionKind.Public ? "public" : "authenticated";
}
