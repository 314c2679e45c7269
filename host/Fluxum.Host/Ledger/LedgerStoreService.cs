using Fluxum.Host.Cli;
using Fluxum.Host.Configuration;
using Fluxum.Host.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Ledger;

/// <summary>
/// The config's ledger store for a runtime command (<c>run</c>, <c>script run</c>): opened and migrated when the
/// host starts, before any venue connects (a store that cannot be opened stops the start, its reason on stderr),
/// closed when the host is disposed.
/// </summary>
internal sealed class LedgerStoreService(LedgerConfig config, CliServices cli, ILogger<LedgerStoreService> logger) : IHostedService, IAsyncDisposable
{
    private ILedgerStore? _store;

    /// <summary>The open store (once the host has started).</summary>
    public ILedgerStore? Store => _store;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _store = await LedgerStores.OpenAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (LedgerStoreException e)
        {
            await cli.Error.WriteLineAsync($"error: ledger: {e.Message}").ConfigureAwait(false);
            throw new CommandNotStartedException(e.Message);
        }

        LedgerLog.Opened(logger, _store.Description, await _store.SchemaVersionAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _store, null) is { } store)
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }
    }
}
