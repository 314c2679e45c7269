using System.Runtime.CompilerServices;
using Fluxum.Host.Ledger;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Hosting;

/// <summary>
/// A venue's <see cref="ILedger"/>: queries read the ledger store when the config has one (<c>ledger:</c>, kept
/// by <c>fluxum ledger sync</c> and the live streams), the plugin's REST client otherwise; balances always come
/// from the venue; the real-time stream is the ledger entries the venue's sessions publish into the hub.
/// </summary>
internal sealed class HostLedger(string venue, ILedgerClient client, IMarketData market, ILedgerStore? store = null) : ILedger
{
    /// <inheritdoc />
    public string Venue { get; } = venue;

    /// <summary>The plugin's REST client of the venue's ledger (what <c>fluxum ledger sync</c> reads).</summary>
    public ILedgerClient Client => client;

    /// <inheritdoc />
    public Task<IReadOnlyList<LedgerEntry>> QueryAsync(LedgerQuery query, CancellationToken cancellationToken = default) =>
        store is null ? client.QueryAsync(query, cancellationToken) : store.QueryAsync(Venue, query, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, decimal>> BalancesAsync(CancellationToken cancellationToken = default) =>
        client.BalancesAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<decimal> BalanceAsync(string asset, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        var balances = await client.BalancesAsync(cancellationToken).ConfigureAwait(false);
        return balances.TryGetValue(asset.ToUpperInvariant(), out var value) ? value : 0m;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<LedgerEntry> Stream([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in market.Venue(Venue).Events(cancellationToken).ConfigureAwait(false))
        {
            if (e is LedgerEntry entry)
            {
                yield return entry;
            }
        }
    }
}
