using System.Runtime.CompilerServices;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.MarketData;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Scripting;

/// <summary>
/// What a <c>.csx</c> script sees: every member here is a global name in the script (write <c>Market</c>,
/// not <c>globals.Market</c>). Imported for you: <c>System</c>, <c>System.Collections.Generic</c>,
/// <c>System.Linq</c> (with async LINQ over <see cref="IAsyncEnumerable{T}"/>), <c>System.Threading</c>,
/// <c>System.Threading.Tasks</c>, <c>System.Globalization</c>, <c>Microsoft.Extensions.Logging</c> and every
/// <c>Fluxum.Sdk</c> namespace. <c>#load "other.csx"</c> is resolved relative to the including file.
/// </summary>
/// <remarks>
/// <para>
/// A script cannot slow the market-data hub or other scripts: every stream it enumerates
/// (<c>Market.Tickers()</c>, <c>Market.Trades()</c>, <c>Books["kraken"].Changes(symbol)</c>, ...) is its own
/// subscriber with its own bounded buffer. A script that reads too slowly falls a buffer behind: its unread
/// events on that subscription are skipped (reported as <see cref="DataQualityKind.SubscriberGap"/> on
/// <c>Market.DataQuality()</c>, with the count) and it continues with current data; books always deliver the
/// newest snapshot. Nobody else waits for it.
/// </para>
/// <para>
/// Stop when asked: pass <see cref="CancellationToken"/> (or a token from <see cref="StopAfter"/>) to every
/// stream. At shutdown the host cancels it and waits a grace period; a script that is still running then is
/// abandoned and reported. An exception that escapes the script is reported with the script's file and line;
/// the host and the other scripts keep running.
/// </para>
/// <para>
/// Print with <see cref="Print(string)"/> (or write to <see cref="Out"/>) rather than <c>Console</c>: the host
/// decides where script output goes (the console by default; a test captures it).
/// </para>
/// </remarks>
public sealed partial class ScriptGlobals
{
    private readonly List<CancellationTokenSource> _timers = [];

    internal ScriptGlobals(ScriptEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Market = environment.Market;
        Ledgers = environment.Ledgers;
        Log = environment.Log;
        Args = [.. environment.Args];
        Out = TextWriter.Synchronized(environment.Output);
        Time = environment.Time;
        CancellationToken = cancellationToken;
    }

    /// <summary>
    /// Unified market data of every configured venue (tickers, trades, candles, books, data quality); use
    /// <c>Market.Venue("kraken")</c> for one venue and <c>Market.Venues</c> for their names.
    /// </summary>
    public IMarketData Market { get; }

    /// <summary>The live order books, by venue name (<c>Books["kraken"].Top(symbol)</c>; null while stale).</summary>
    public IReadOnlyDictionary<string, IBookManager> Books => Market.Books;

    /// <summary>The account ledgers, by venue name; empty when no venue has credentials and ledger support.</summary>
    public IReadOnlyDictionary<string, ILedger> Ledgers { get; }

    /// <summary>A logger named after the script.</summary>
    public ILogger Log { get; }

    /// <summary>The arguments after <c>--</c> on the command line (or from the script's entry in <c>fluxum.yaml</c>).</summary>
    public string[] Args { get; }

    /// <summary>Fires when the script must stop (host shutdown). Pass it to every stream and delay.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Where the script's output goes (the console by default). Safe to use from several tasks.</summary>
    public TextWriter Out { get; }

    /// <summary>The host's clock: use <c>Time.GetUtcNow()</c> rather than <c>DateTime.Now</c>.</summary>
    public TimeProvider Time { get; }

    /// <summary>Writes one line to <see cref="Out"/>.</summary>
    public void Print(string line) => Out.WriteLine(line);

    /// <summary>Writes one value as a line to <see cref="Out"/>.</summary>
    public void Print(object? value) => Out.WriteLine(value);

    /// <summary>The argument at <paramref name="index"/>, or <paramref name="fallback"/> when there is none.</summary>
    public string Arg(int index, string fallback) =>
        index >= 0 && index < Args.Length && !string.IsNullOrWhiteSpace(Args[index]) ? Args[index] : fallback;

    /// <summary>The argument at <paramref name="index"/> as a symbol (<c>BTC/USD</c>), or <paramref name="fallback"/>.</summary>
    /// <exception cref="FormatException">The argument is not a symbol.</exception>
    public Symbol SymbolArg(int index, string fallback) => Symbol.Parse(Arg(index, fallback));

    /// <summary>
    /// The argument at <paramref name="index"/> as a duration (<c>30s</c>, <c>1m</c>), or <paramref name="fallback"/>;
    /// <c>forever</c> (or an absent argument with a null fallback) gives null.
    /// </summary>
    /// <exception cref="FormatException">The argument is not a duration.</exception>
    public TimeSpan? DurationArg(int index, string? fallback)
    {
        var text = Arg(index, fallback ?? "forever");
        return string.Equals(text, "forever", StringComparison.OrdinalIgnoreCase) ? null : Intervals.Parse(text);
    }

    /// <summary>
    /// A token that fires at shutdown or when <paramref name="duration"/> has elapsed (never, when null). A script
    /// ended by it is reported as completed, not cancelled.
    /// </summary>
    public CancellationToken StopAfter(TimeSpan? duration)
    {
        if (duration is null)
        {
            return CancellationToken;
        }

        var timer = new CancellationTokenSource(duration.Value, Time);
        var linked = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken, timer.Token);
        lock (_timers)
        {
            _timers.Add(timer);
            _timers.Add(linked);
        }

        return linked.Token;
    }

    /// <summary>
    /// True when a <see cref="StopAfter"/> deadline has passed (and shutdown has not): an
    /// <see cref="OperationCanceledException"/> then means the script ran for its duration. The token inside
    /// the exception is not compared, since streams often combine the script's token with their own.
    /// </summary>
    internal bool DeadlinePassed()
    {
        lock (_timers)
        {
            return !CancellationToken.IsCancellationRequested && _timers.Exists(t => t.IsCancellationRequested);
        }
    }

    /// <summary>Releases the timers of <see cref="StopAfter"/> once the script has finished.</summary>
    internal void ReleaseTimers()
    {
        lock (_timers)
        {
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }
    }
}
