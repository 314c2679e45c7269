using System.Globalization;
using System.Text.Json;

namespace Fluxum.Host.Operations.Live;

/// <summary>One connection's line of the live view.</summary>
internal sealed record LiveConnection(string Venue, string Connection, string State, double? MessagesPerSecond, double? LagP50, double? LagP99, long Reconnects)
{
    /// <summary>Anything but Ready is drawn as a problem.</summary>
    public bool IsReady => State == "Ready";
}

/// <summary>One book's line: its top when good, its age, the venue's check counters; stale books are drawn in red.</summary>
internal sealed record LiveBook(string Venue, string Symbol, string State, decimal? Bid, decimal? Ask, TimeSpan? Age, long ChecksumsVerified, long ChecksumFailures, long Gaps, long Resyncs)
{
    public bool IsGood => State == "good";

    public decimal? Spread => Bid is { } b && Ask is { } a ? a - b : null;
}

/// <summary>The consolidated best bid and offer of one symbol over every venue whose book is good.</summary>
internal sealed record LiveBestBidOffer(string Symbol, decimal Bid, string BidVenue, decimal Ask, string AskVenue)
{
    public decimal Spread => Ask - Bid;
}

/// <summary>
/// What the live view shows, built from a <c>/status</c> document (the running deployment's own, or a remote one's for
/// <c>fluxum top</c>): per venue and connection the state, messages/s (frames since the previous model), lag p50/p99 and
/// reconnects; per book the top, spread, age and counters; the consolidated best bid/offer per symbol (a USDT book counts
/// as USD, as the best-bid-offer script does); the last data-quality events.
/// </summary>
internal sealed record LiveModel(
    DateTimeOffset At,
    IReadOnlyList<LiveConnection> Connections,
    IReadOnlyList<LiveBook> Books,
    IReadOnlyList<LiveBestBidOffer> Best,
    IReadOnlyList<string> Events,
    IReadOnlyDictionary<string, long> Frames)
{
    /// <summary>How many data-quality events are shown.</summary>
    public const int ShownEvents = 8;

    /// <summary>Builds the model from <paramref name="status"/> at <paramref name="at"/>; <paramref name="previous"/> gives the message rates.</summary>
    public static LiveModel From(string status, DateTimeOffset at, LiveModel? previous)
    {
        using var document = JsonDocument.Parse(status);
        var root = document.RootElement;
        var connections = new List<LiveConnection>();
        var books = new List<LiveBook>();
        var frames = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var venue in root.GetProperty("venues").EnumerateArray())
        {
            var name = venue.GetProperty("name").GetString()!;
            double? rate = null;
            if (venue.TryGetProperty("frames", out var f) && f.ValueKind == JsonValueKind.Number)
            {
                frames[name] = f.GetInt64();
                if (previous?.Frames.GetValueOrDefault(name, -1) is >= 0 and var before && at > previous.At)
                {
                    rate = (frames[name] - before) / (at - previous.At).TotalSeconds;
                }
            }

            double? p50 = null, p99 = null;
            if (venue.TryGetProperty("lag", out var lag))
            {
                p50 = Seconds(lag, "p50");
                p99 = Seconds(lag, "p99");
            }

            foreach (var connection in new[] { "public", "account" })
            {
                if (venue.TryGetProperty(connection, out var c) && c.ValueKind == JsonValueKind.Object)
                {
                    // Frames and lag are counted per venue: they go on its public line.
                    var isPublic = connection == "public";
                    connections.Add(new LiveConnection(name, connection, c.GetProperty("state").GetString()!, isPublic ? rate : null, isPublic ? p50 : null, isPublic ? p99 : null, c.GetProperty("reconnects").GetInt64()));
                }
                else if (connection == "public" && venue.GetProperty("fault").GetString() is { } fault)
                {
                    connections.Add(new LiveConnection(name, connection, "Faulted: " + fault, null, null, null, 0));
                }
            }

            var counters = venue.TryGetProperty("books", out var b) && b.ValueKind == JsonValueKind.Object ? b : default;
            foreach (var book in venue.GetProperty("symbols").EnumerateArray())
            {
                var updated = book.TryGetProperty("updatedAt", out var u) && u.ValueKind == JsonValueKind.String ? u.GetDateTimeOffset() : (DateTimeOffset?)null;
                books.Add(new LiveBook(
                    name,
                    book.GetProperty("symbol").GetString()!,
                    book.GetProperty("state").GetString()!,
                    Price(book, "bid"),
                    Price(book, "ask"),
                    updated is { } t ? at - t : null,
                    book.GetProperty("checksumsVerified").GetInt64(),
                    book.TryGetProperty("checksumFailures", out var cf) ? cf.GetInt64() : 0,
                    counters.ValueKind == JsonValueKind.Object ? counters.GetProperty("gaps").GetInt64() : 0,
                    counters.ValueKind == JsonValueKind.Object ? counters.GetProperty("resyncs").GetInt64() : 0));
            }
        }

        var events = root.TryGetProperty("quality", out var q) ? q.EnumerateArray().Select(e => e.GetString()!).TakeLast(ShownEvents).ToList() : [];
        return new LiveModel(at, connections, books, Consolidate(books), events, frames);
    }

    /// <summary>Per symbol (USDT counted as USD), the highest bid and lowest ask over the good books.</summary>
    internal static List<LiveBestBidOffer> Consolidate(IEnumerable<LiveBook> books) =>
        [.. books.Where(b => b.IsGood && b.Bid is not null && b.Ask is not null)
            .GroupBy(b => b.Symbol.EndsWith("/USDT", StringComparison.Ordinal) ? b.Symbol[..^1] : b.Symbol, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var bid = g.MaxBy(b => b.Bid)!;
                var ask = g.MinBy(b => b.Ask)!;
                return new LiveBestBidOffer(g.Key, bid.Bid!.Value, bid.Venue, ask.Ask!.Value, ask.Venue);
            })];

    private static decimal? Price(JsonElement book, string side) =>
        book.TryGetProperty(side, out var s) && s.ValueKind == JsonValueKind.Object ? s.GetProperty("price").GetDecimal() : null;

    private static double? Seconds(JsonElement lag, string name) =>
        lag.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>A duration for a cell: "850 µs", "12.5 ms", "3.2 s".</summary>
    public static string Format(double? seconds) => seconds switch
    {
        null => "-",
        < 0.001 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:0} µs"),
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:0.#} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s"),
    };
}
