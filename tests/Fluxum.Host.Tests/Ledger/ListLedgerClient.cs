using Fluxum.Sdk.Ledger;

namespace Fluxum.Host.Tests.Ledger;

/// <summary>
/// A venue's ledger held in memory, answering as <see cref="ILedgerClient"/> promises: the entries matching the query,
/// newest first, at most <see cref="LedgerQuery.Limit"/>. <see cref="FailAfterPages"/> makes it throw on the page after
/// that many, as a venue or a network failing mid-sync does.
/// </summary>
internal sealed class ListLedgerClient(IEnumerable<LedgerEntry> entries) : ILedgerClient
{
    private readonly List<LedgerEntry> _entries = [.. entries];

    /// <summary>Pages served so far.</summary>
    public int Pages { get; private set; }

    /// <summary>Throw instead of serving page number this + 1; null never.</summary>
    public int? FailAfterPages { get; set; }

    /// <summary>Books more entries at the venue.</summary>
    public void Add(IEnumerable<LedgerEntry> more) => _entries.AddRange(more);

    public Task<IReadOnlyList<LedgerEntry>> QueryAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        if (FailAfterPages is { } n && Pages >= n)
        {
            throw new HttpRequestException($"the venue dropped the connection on page {Pages + 1}");
        }

        Pages++;
        IEnumerable<LedgerEntry> result = _entries.Where(query.Matches).OrderByDescending(e => e.Time).ThenByDescending(e => e.Id, StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<LedgerEntry>>(query.Limit is { } limit ? [.. result.Take(limit)] : [.. result]);
    }

    public Task<IReadOnlyDictionary<string, decimal>> BalancesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, decimal>>(new Dictionary<string, decimal>());
}
