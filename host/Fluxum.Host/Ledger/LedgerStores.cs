using Fluxum.Host.Configuration;

namespace Fluxum.Host.Ledger;

/// <summary>Opens the store a <see cref="LedgerConfig"/> names.</summary>
internal static class LedgerStores
{
    /// <summary>The store, migrated to this fluxum's schema.</summary>
    /// <exception cref="LedgerStoreException">It cannot be opened or migrated (the message names the store and why).</exception>
    public static async Task<ILedgerStore> OpenAsync(LedgerConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ILedgerStore store = config.Store switch
        {
            LedgerStoreKind.Postgres => new PostgresLedgerStore(config.ConnectionString
                ?? throw new LedgerStoreException($"ledger.connection_env: the environment variable {config.ConnectionEnv} is not set")),
            _ => new SqliteLedgerStore(config.Path ?? LedgerConfig.DefaultSqlitePath),
        };
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException or LedgerStoreException)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw e as LedgerStoreException ?? new LedgerStoreException($"the ledger store {store.Description} could not be opened: {e.Message}", e);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
