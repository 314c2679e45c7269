using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.MarketData;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Scripting;

/// <summary>What the host hands one script run: the data it sees and where its output goes.</summary>
/// <param name="Market">The unified market data (the host's hub).</param>
/// <param name="Ledgers">Ledgers by venue; empty when none is configured.</param>
/// <param name="Log">A logger named after the script.</param>
/// <param name="Args">The script's command-line arguments.</param>
/// <param name="Output">Where <c>Print</c>/<c>Out</c> write (the console in the host).</param>
/// <param name="Time">The host's clock.</param>
internal sealed record ScriptEnvironment(
    IMarketData Market,
    IReadOnlyDictionary<string, ILedger> Ledgers,
    ILogger Log,
    IReadOnlyList<string> Args,
    TextWriter Output,
    TimeProvider Time);
