using System.Runtime.CompilerServices;
using Fluxum.Sdk.Ledger;

namespace Fluxum.Host.Tests.Scripting.Support;

/// <summary>A ledger over a fixed list of entries and balances.</summary>
internal sealed class FakeLedger(string venue, IReadOnlyList<LedgerEntry> entries, IReadOnlyDictionary<string, decimal> balances) : ILedger
{
    public string Venue { get; } = venue;

    public LedgerQuery? LastQuery { get; private set; }

    public Task<IReadOnlyList<LedgerEntry>> QueryAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        LastQuery = query;
        IReadOnlyList<LedgerEntry> matching = [.. entries.Where(query.Matches).OrderByDescending(e => e.Time).Take(query.Limit ?? int.MaxValue)];
        return Task.FromResult(matching);
    }

    public Task<IReadOnlyDictionary<string, decimal>> BalancesAsync(CancellationToken cancellationToken = default) => Task.FromResult(balances);

    public Task<decimal> BalanceAsync(string asset, CancellationToken cancellationToken = default) =>
        Task.FromResult(balances.TryGetValue(asset, out var b) ? b : 0m);

    public async IAsyncEnumerable<LedgerEntry> Stream([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }
}
