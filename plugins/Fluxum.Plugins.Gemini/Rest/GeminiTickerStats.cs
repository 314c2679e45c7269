using System.Collections.Concurrent;
using System.Text.Json;
using Fluxum.Plugins.Gemini.Wire;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Gemini.Rest;

/// <summary>
/// The 24-hour statistics Gemini's WebSocket tickers lack, from REST: <c>GET /v2/ticker/{symbol}</c> (open 24 hours
/// ago, high, low, close) and <c>GET /v1/pubticker/{symbol}</c> (24-hour volume in the base asset). Fetched per
/// symbol when a ticker asks for them and the last fetch is older than <see cref="RefreshInterval"/> (two public
/// requests a minute per ticker symbol: cheap beside Gemini's public limit), never on the frame path: a ticker
/// carries the statistics of the last completed fetch, none before the first. A failed fetch is logged and
/// counted, keeps the previous statistics, and is tried again after the interval.
/// </summary>
internal sealed partial class GeminiTickerStats
{
    /// <summary>How old statistics may get before a ticker asks for fresh ones.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private readonly Func<string, CancellationToken, Task<ReadOnlyMemory<byte>>> _get;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<Symbol, Entry> _entries = new();
    private long _failures;

    /// <param name="get">GETs a public REST path (the plugin's REST client).</param>
    /// <param name="time">The clock that says when statistics are due.</param>
    /// <param name="log">Where failed fetches are reported.</param>
    public GeminiTickerStats(Func<string, CancellationToken, Task<ReadOnlyMemory<byte>>> get, TimeProvider time, ILogger log)
    {
        _get = get;
        _time = time;
        _log = log;
    }

    /// <summary>Whether a fetch for <paramref name="symbol"/> is running.</summary>
    internal bool IsFetching(Symbol symbol) => _entries.TryGetValue(symbol, out var entry) && Volatile.Read(ref entry.Fetching) != 0;

    /// <summary>Fetches that failed so far.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>
    /// The statistics for <paramref name="symbol"/> (venue name <paramref name="venueName"/>, lower case) as last
    /// fetched, or <see cref="TickerExtras.None"/>; starts a fetch in the background when they are due.
    /// </summary>
    public TickerExtras For(Symbol symbol, string venueName)
    {
        var entry = _entries.GetOrAdd(symbol, static _ => new Entry());
        var now = _time.GetUtcNow();
        if (entry.DueAt <= now && Interlocked.CompareExchange(ref entry.Fetching, 1, 0) == 0)
        {
            entry.DueAt = now + RefreshInterval;
            _ = RefreshAsync(symbol, venueName, entry);
        }

        return entry.Extras;
    }

    /// <summary>Fetches one symbol's statistics now (a ticker's request does this in the background).</summary>
    internal async Task RefreshAsync(Symbol symbol, string venueName, Entry entry)
    {
        try
        {
            var day = await _get($"/v2/ticker/{venueName}", CancellationToken.None).ConfigureAwait(false);
            var volume = await _get($"/v1/pubticker/{venueName}", CancellationToken.None).ConfigureAwait(false);
            entry.Extras = Parse(day.Span, volume.Span, symbol.Base);
        }
        catch (Exception e)
        {
            // The top of a background fetch nobody awaits: every failure is logged and counted here, or it would
            // vanish as an unobserved task exception.
            Interlocked.Increment(ref _failures);
            FetchFailed(_log, symbol, e.Message);
        }
        finally
        {
            Volatile.Write(ref entry.Fetching, 0);
        }
    }

    /// <summary>Statistics from the two documented bodies; the volume is the one keyed by the base asset.</summary>
    /// <exception cref="JsonException">A body is not what the docs show.</exception>
    internal static TickerExtras Parse(ReadOnlySpan<byte> v2Ticker, ReadOnlySpan<byte> pubTicker, string baseAsset)
    {
        decimal? open = null, high = null, low = null, close = null, volume = null;
        var reader = new Utf8JsonReader(v2Ticker);
        Json.Next(ref reader);
        Expect(reader.TokenType == JsonTokenType.StartObject, "/v2/ticker: expected an object");
        while (Read(ref reader, out var name))
        {
            switch (name)
            {
                case "open":
                    open = Json.Decimal(ref reader);
                    break;
                case "high":
                    high = Json.Decimal(ref reader);
                    break;
                case "low":
                    low = Json.Decimal(ref reader);
                    break;
                case "close":
                    close = Json.Decimal(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        reader = new Utf8JsonReader(pubTicker);
        Json.Next(ref reader);
        Expect(reader.TokenType == JsonTokenType.StartObject, "/v1/pubticker: expected an object");
        while (Read(ref reader, out var name))
        {
            if (name != "volume" || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (Read(ref reader, out var asset))
            {
                if (string.Equals(asset, baseAsset, StringComparison.OrdinalIgnoreCase))
                {
                    volume = Json.Decimal(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        var change = close - open;
        return new TickerExtras
        {
            Open24h = open,
            High24h = high,
            Low24h = low,
            Volume24h = volume,
            Change24h = change,
            // Six decimals: a percentage, not the 28 digits a decimal division carries.
            ChangePercent24h = open is { } o && o != 0m ? decimal.Round(change!.Value / o * 100m, 6) : null,
        };
    }

    /// <summary>Moves to the next property of the current object and onto its value; false at the object's end.</summary>
    private static bool Read(ref Utf8JsonReader reader, out string name)
    {
        Json.Next(ref reader);
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = string.Empty;
            return false;
        }

        name = reader.GetString()!;
        Json.Next(ref reader);
        return true;
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new JsonException(message);
        }
    }

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "gemini: 24-hour ticker statistics for {Symbol} could not be fetched ({Reason}); tickers keep the previous ones and it is tried again in a minute")]
    private static partial void FetchFailed(ILogger logger, Symbol symbol, string reason);

    /// <summary>One symbol's statistics and fetch state.</summary>
    internal sealed class Entry
    {
        private TickerExtras _extras = TickerExtras.None;

        public TickerExtras Extras
        {
            get => Volatile.Read(ref _extras);
            set => Volatile.Write(ref _extras, value);
        }

        public DateTimeOffset DueAt;

        public int Fetching;
    }
}
