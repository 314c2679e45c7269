using System.Runtime.CompilerServices;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Hosting;

/// <summary>
/// A venue's <see cref="ILedger"/>: the plugin's REST client for queries and balances, and the ledger
/// entries the venue's sessions publish into the hub for the real-time stream.
/// </summary>
internal sealed class HostLedger(string venue, ILedgerClient client, IMarketData market) : ILedger
{
    /// <inheritdoc />
    public string Venue { get; } = venue;

    /// <inheritdoc />
    public Task<IReadOnlyList<LedgerEntry>> QueryAsync(LedgerQuery query, CancellationToken cancellationToken = default) =>
        client.QueryAsync(query, cancellationToken);

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
