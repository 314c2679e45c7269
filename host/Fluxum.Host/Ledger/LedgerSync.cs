using Fluxum.Sdk.Ledger;

namespace Fluxum.Host.Ledger;

/// <summary>
/// Pulls one venue's ledger through its <see cref="ILedgerClient"/> into a store, a page at a time, newest first:
/// each page is written (idempotently) before the next is asked for, the next ending at the oldest entry of the
/// one before. Incremental: without <c>since</c> it starts <c>overlap</c> before the newest entry the last
/// complete sync read (the store's sync mark), re-reading that window for entries the venue books late; the mark
/// moves only once a sync has read every page, so a sync interrupted mid-way leaves it where it was and the next
/// run reads the whole window again: nothing lost, nothing doubled (entries are keyed by venue and id). Entries
/// the live streams appended never move the mark.
/// </summary>
internal sealed class LedgerSync(ILedgerStore store, int pageSize = LedgerSync.DefaultPageSize)
{
    /// <summary>Entries asked for per page.</summary>
    public const int DefaultPageSize = 1000;

    /// <summary>
    /// Syncs <paramref name="venue"/> from <paramref name="since"/> (or incrementally when null). <paramref name="progress"/>
    /// counts as it goes, so a sync that throws still tells how far it got.
    /// </summary>
    public async Task<LedgerSyncResult> SyncAsync(string venue, ILedgerClient client, DateTimeOffset? since, TimeSpan overlap, LedgerSyncProgress? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(venue);
        ArgumentNullException.ThrowIfNull(client);
        progress ??= new LedgerSyncProgress();
        var mark = await store.SyncedThroughAsync(venue, cancellationToken).ConfigureAwait(false);
        var start = since ?? (mark is { } m ? m - overlap : null);
        progress.Since = start;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        DateTimeOffset? end = null;
        DateTimeOffset? newest = null;
        while (true)
        {
            var page = await client.QueryAsync(new LedgerQuery { Start = start, End = end, Limit = pageSize }, cancellationToken).ConfigureAwait(false);
            progress.Pages++;
            await AppendAsync(venue, page, seen, progress, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            var oldest = page.Min(e => e.Time);
            newest ??= page.Max(e => e.Time);
            if (page.Count < pageSize)
            {
                break;
            }

            if (end == oldest)
            {
                // A whole page at one instant: read that instant without a limit, then go on before it.
                var instant = await client.QueryAsync(new LedgerQuery { Start = oldest, End = oldest }, cancellationToken).ConfigureAwait(false);
                progress.Pages++;
                await AppendAsync(venue, instant, seen, progress, cancellationToken).ConfigureAwait(false);
                oldest = oldest.AddTicks(-1);
                if (start is { } s && oldest < s)
                {
                    break;
                }
            }

            end = oldest;
        }

        // The mark says "everything up to here is stored": only a sync that began at or before it may move it.
        if (newest is { } through && (mark is null ? since is null : start <= mark) && (mark is null || through > mark))
        {
            await store.MarkSyncedAsync(venue, through, cancellationToken).ConfigureAwait(false);
        }

        return new LedgerSyncResult(venue, start, progress.Read, progress.New, progress.Pages);
    }

    private async Task AppendAsync(string venue, IReadOnlyList<LedgerEntry> page, HashSet<string> seen, LedgerSyncProgress progress, CancellationToken cancellationToken)
    {
        var fresh = new List<LedgerEntry>(page.Count);
        foreach (var entry in page)
        {
            // The venue's entries carry the configured venue name, whatever the client put there.
            if (seen.Add(entry.Id))
            {
                fresh.Add(entry.Venue == venue ? entry : entry with { Venue = venue });
            }
        }

        progress.New += await store.AppendAsync(fresh, cancellationToken).ConfigureAwait(false);
        progress.Read += fresh.Count;
    }
}
