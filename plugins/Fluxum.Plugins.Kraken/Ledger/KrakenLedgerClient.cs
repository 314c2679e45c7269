using System.Globalization;
using System.Text.Json;
using Fluxum.Plugins.Kraken.Rest;
using Fluxum.Plugins.Kraken.Symbols;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Kraken.Ledger;

/// <summary>
/// The account ledger over REST: <c>Ledgers</c> (filters mapped to Kraken's parameters, pages of 50
/// followed with <c>ofs</c>), <c>QueryLedgers</c> and <c>Balance</c>. Assets come back canonical
/// (<c>XXBT</c> → <c>BTC</c>). Kraken's <c>start</c> is exclusive and whole seconds, so the query is
/// widened by a second and every entry is checked with <see cref="LedgerQuery.Matches"/>. The ledger is
/// newest first and keeps growing while pages are read, which shifts every offset; so after the first page
/// the query ends at that page's newest entry, and the pages after it cannot repeat or skip an entry.
/// </summary>
internal sealed class KrakenLedgerClient : ILedgerClient
{
    public const int PageSize = 50;
    private const int MaxPages = 2000;
    private readonly VenueContext _context;
    private readonly KrakenRestClient _rest;
    private KrakenAssets? _assets;

    public KrakenLedgerClient(VenueContext context, KrakenRestClient rest)
    {
        _context = context;
        _rest = rest;
    }

    public async Task<IReadOnlyList<LedgerEntry>> QueryAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "LedgerQuery.Limit must be positive.");
        }

        var assets = await AssetsAsync(cancellationToken);
        var parameters = new List<KeyValuePair<string, string>>();
        if (query.Asset is { } asset)
        {
            parameters.Add(new("asset", KrakenAssets.ToRestName(asset)));
        }

        if (query.Type is { } type && KrakenLedgerTypes.ToKrakenFilter(type) is { } filter)
        {
            parameters.Add(new("type", filter));
        }

        if (query.Start is { } start)
        {
            parameters.Add(new("start", (start.ToUnixTimeSeconds() - 1).ToString(CultureInfo.InvariantCulture)));
        }

        if (query.End is { } end)
        {
            parameters.Add(new("end", (end.ToUnixTimeSeconds() + 1).ToString(CultureInfo.InvariantCulture)));
        }

        var entries = new List<LedgerEntry>();
        var offset = 0;
        for (var page = 0; page < MaxPages; page++)
        {
            List<KeyValuePair<string, string>> pageParameters = [.. parameters];
            if (offset > 0)
            {
                pageParameters.Add(new("ofs", offset.ToString(CultureInfo.InvariantCulture)));
            }

            var result = await _rest.PrivateAsync("Ledgers", pageParameters, cancellationToken);
            var rows = result.TryGetProperty("ledger", out var ledger) && ledger.ValueKind == JsonValueKind.Object ? ledger : default;
            var count = result.TryGetProperty("count", out var c) && c.TryGetInt32(out var n) ? n : (int?)null;
            var received = 0;
            if (rows.ValueKind == JsonValueKind.Object)
            {
                foreach (var row in rows.EnumerateObject())
                {
                    received++;
                    var entry = ToEntry(row.Name, row.Value, assets);
                    if (query.Matches(entry))
                    {
                        entries.Add(entry);
                        if (entries.Count == query.Limit)
                        {
                            return entries;
                        }
                    }
                }
            }

            offset += received;
            if (received == 0 || (count is { } total && offset >= total))
            {
                break;
            }

            if (page == 0)
            {
                PinEnd(parameters, rows);
            }
        }

        return entries;
    }

    /// <summary>Ends the query at the newest entry of the first page (inclusive), so entries booked later stay out.</summary>
    private static void PinEnd(List<KeyValuePair<string, string>> parameters, JsonElement firstPage)
    {
        string? newest = null;
        var newestTime = decimal.MinValue;
        foreach (var row in firstPage.EnumerateObject())
        {
            var time = KrakenRestValues.Decimal(row.Value.GetProperty("time"), $"ledger {row.Name}.time");
            if (time > newestTime)
            {
                newestTime = time;
                newest = time.ToString(CultureInfo.InvariantCulture);
            }
        }

        if (newest is not null)
        {
            parameters.RemoveAll(p => p.Key == "end");
            parameters.Add(new("end", newest));
        }
    }

    /// <summary>Specific ledger entries by id (at most 20 per call, batched).</summary>
    public async Task<IReadOnlyList<LedgerEntry>> QueryByIdAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var assets = await AssetsAsync(cancellationToken);
        var entries = new List<LedgerEntry>();
        foreach (var batch in ids.Chunk(20))
        {
            var result = await _rest.PrivateAsync("QueryLedgers", [new("id", string.Join(',', batch))], cancellationToken);
            foreach (var row in result.EnumerateObject())
            {
                entries.Add(ToEntry(row.Name, row.Value, assets));
            }
        }

        return entries;
    }

    public async Task<IReadOnlyDictionary<string, decimal>> BalancesAsync(CancellationToken cancellationToken = default)
    {
        var assets = await AssetsAsync(cancellationToken);
        var result = await _rest.PrivateAsync("Balance", cancellationToken: cancellationToken);
        var balances = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in result.EnumerateObject())
        {
            balances[assets.ToCanonical(row.Name)] = KrakenRestValues.Decimal(row.Value, $"Balance.{row.Name}");
        }

        return balances;
    }

    private async Task<KrakenAssets> AssetsAsync(CancellationToken cancellationToken) =>
        _assets ??= KrakenAssets.FromResult(await _rest.PublicAsync("Assets", cancellationToken: cancellationToken));

    private LedgerEntry ToEntry(string id, JsonElement row, KrakenAssets assets)
    {
        var seconds = KrakenRestValues.Decimal(row.GetProperty("time"), $"ledger {id}.time");
        var time = DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        var subtype = row.TryGetProperty("subtype", out var st) ? st.GetString() : null;
        return new LedgerEntry
        {
            Venue = _context.Venue,
            Id = id,
            Type = KrakenLedgerTypes.FromKraken(row.TryGetProperty("type", out var t) ? t.GetString() : null),
            SubType = string.IsNullOrEmpty(subtype) ? null : subtype,
            Asset = assets.ToCanonical(row.GetProperty("asset").GetString() ?? string.Empty),
            Amount = KrakenRestValues.Decimal(row.GetProperty("amount"), $"ledger {id}.amount"),
            Fee = row.TryGetProperty("fee", out var fee) ? KrakenRestValues.Decimal(fee, $"ledger {id}.fee") : 0m,
            Balance = row.TryGetProperty("balance", out var balance) ? KrakenRestValues.Decimal(balance, $"ledger {id}.balance") : null,
            ReferenceId = row.TryGetProperty("refid", out var refid) ? refid.GetString() : null,
            Time = time,
            ExchangeTime = time,
            ReceivedAt = _context.Time.GetUtcNow(),
        };
    }
}
