namespace Fluxum.Host.Cli.Runners;

/// <summary>What <c>fluxum ledger sync</c> was asked.</summary>
/// <param name="ConfigPath">The config file (absolute).</param>
/// <param name="Venues">The venues to sync; empty for every configured venue with a ledger.</param>
/// <param name="Since">Where to start; null to resume after the last sync (less the overlap).</param>
/// <param name="Format">Table or JSON.</param>
internal sealed record LedgerSyncRequest(string ConfigPath, IReadOnlyList<string> Venues, DateTimeOffset? Since, OutputFormat Format);
