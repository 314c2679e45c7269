using System.Threading.Channels;
using Fluxum.Host.Hosting;
using Fluxum.Sdk.Ledger;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Ledger;

/// <summary>
/// Appends the live ledger entries the venues' sessions publish into the hub to the ledger store while
/// <c>fluxum run</c> runs: one hub consumer, a bounded buffer (a full one drops, counted and logged), written in
/// batches, idempotently (an entry a sync stored already is skipped). A batch the store refuses is logged with
/// its size and the recorder goes on; <c>fluxum ledger sync</c> fetches whatever the live path lost.
/// </summary>
internal sealed class LedgerRecorderService(DeploymentService deployment, LedgerStoreService ledger, ILogger<LedgerRecorderService> logger) : BackgroundService
{
    /// <summary>Entries the buffer holds before it drops.</summary>
    public const int Capacity = 10_000;

    private const int BatchSize = 500;
    private readonly Channel<LedgerEntry> _buffer = Channel.CreateBounded<LedgerEntry>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private long _stored;
    private long _duplicates;
    private long _failed;
    private long _dropped;

    /// <summary>Live entries stored so far.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var store = ledger.Store ?? throw new InvalidOperationException("the ledger store was not opened");
        var events = deployment.Hosted.Deployment.Hub.Events(stoppingToken);
        var pump = PumpAsync(events, stoppingToken);
        try
        {
            await WriteAsync(store).ConfigureAwait(false);
        }
        finally
        {
            await pump.ConfigureAwait(false);
            LedgerLog.Stopped(logger, Stored, Interlocked.Read(ref _duplicates), Interlocked.Read(ref _failed), Interlocked.Read(ref _dropped));
        }
    }

    private async Task PumpAsync(IAsyncEnumerable<Sdk.MarketData.MarketEvent> events, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var e in events.ConfigureAwait(false))
            {
                // A balance snapshot (Other "balance") says what the account holds, not a booking: not a ledger row.
                if (e is LedgerEntry entry && !IsBalanceSnapshot(entry) && !_buffer.Writer.TryWrite(entry))
                {
                    LedgerLog.Dropped(logger, 1, Interlocked.Increment(ref _dropped));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is buffered is still written below.
        }
        finally
        {
            _buffer.Writer.TryComplete();
        }
    }

    private static bool IsBalanceSnapshot(LedgerEntry entry) =>
        entry.Type.Kind == LedgerEntryKind.Other && string.Equals(entry.Type.Name, "balance", StringComparison.Ordinal);

    private async Task WriteAsync(ILedgerStore store)
    {
        var batch = new List<LedgerEntry>(BatchSize);
        while (await _buffer.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (batch.Count < BatchSize && _buffer.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            try
            {
                // Written even while stopping: the entries are in hand and the store is still open.
                var added = await store.AppendAsync(batch, CancellationToken.None).ConfigureAwait(false);
                Interlocked.Add(ref _stored, added);
                Interlocked.Add(ref _duplicates, batch.Count - added);
                LedgerLog.Appended(logger, added, batch.Count);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or IOException or LedgerStoreException)
            {
                LedgerLog.AppendFailed(logger, e, store.Description, batch.Count, Interlocked.Add(ref _failed, batch.Count), e.Message);
            }

            batch.Clear();
        }
    }
}
