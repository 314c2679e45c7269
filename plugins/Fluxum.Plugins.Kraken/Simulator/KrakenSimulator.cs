using System.Collections.Concurrent;
using Fluxum.Plugins.Kraken.Books;
using Fluxum.Plugins.Kraken.Rest;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Simulation;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Kraken.Simulator;

/// <summary>
/// A wire-exact Kraken on 127.0.0.1: WebSocket v2 public (<c>/v2</c>) and authenticated (<c>/auth/v2</c>)
/// endpoints and REST (<c>/0/public/*</c>, signed <c>/0/private/*</c>) on one <see cref="LoopbackServer"/>.
/// Each pair's market is a <see cref="SimulatedMarket"/> stepped every <see cref="SimulatorOptions.TickInterval"/>;
/// books are sent per client depth with checksums from the plugin's own checksum code. Deterministic with
/// <see cref="SimulatorOptions.Seed"/>. Endpoints: <c>ws</c>, <c>ws_auth</c>, <c>rest</c>. It trades the fixed
/// pairs of <see cref="KrakenSimInstruments"/>, each market <see cref="SimulatedMarket.DefaultLevels"/> deep.
/// </summary>
internal sealed partial class KrakenSimulator : VenueSimulatorBase
{
    private readonly Dictionary<Symbol, SimPair> _pairs = [];
    private readonly ConcurrentDictionary<SimClient, byte> _clients = new();
    private readonly ConcurrentDictionary<Symbol, byte> _corrupt = new();
    private readonly ConcurrentDictionary<Symbol, byte> _cut = new();
    private readonly InstrumentTable _instruments = new();
    private readonly KrakenChecksum _checksum;
    private const int AccountTradeEvery = 30;
    private static readonly Symbol AccountPair = new("BTC", "USD");
    private readonly SimLedger _ledger;
    private readonly Random _accountRandom;
    private long _accountTicks;
    private long _balanceSequence = 1;
    private readonly Lock _marketGate = new();
    private readonly ILogger _logger;
    private DateTimeOffset _stalledUntil;
    private int _malformedPending;
    private long _connectionIds = 4421894013101914413;

    public KrakenSimulator(SimulatorOptions options)
        : base(options)
    {
        _logger = options.LoggerFactory.CreateLogger("Fluxum.Plugins.Kraken.Simulator");
        var tierProblems = new List<string>();
        KrakenTier.Read(options.Settings, tierProblems);
        if (tierProblems.Count > 0)
        {
            throw new ArgumentException($"Kraken simulator settings: {string.Join("; ", tierProblems)}", nameof(options));
        }

        _checksum = new KrakenChecksum(_instruments);
        var seed = options.Seed ?? Environment.TickCount;
        var index = 0;
        foreach (var instrument in KrakenSimInstruments.All)
        {
            var precision = new Precision(instrument.PricePrecision, instrument.SizePrecision);
            _instruments.Set(instrument.Symbol, precision);
            _pairs[instrument.Symbol] = new SimPair(instrument.Symbol, precision, SimulatedMarket.ReferencePrice(instrument.Symbol), new Random(seed + index++));
        }

        _ledger = new SimLedger(120, new Random(seed ^ 0x2F6B), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _accountRandom = new Random(seed ^ 0x5A17);
    }

    /// <summary>Counts of what was injected and served, for tests and logs.</summary>
    public int OpenClients => _clients.Count;

    /// <summary>The best <paramref name="depth"/> levels of a pair's market book now (test observability).</summary>
    internal (BookLevel[] Bids, BookLevel[] Asks) Book(Symbol symbol, int depth)
    {
        lock (_marketGate)
        {
            var book = _pairs[symbol].Market.Book;
            var bids = new BookLevel[Math.Min(depth, book.Bids.Count)];
            var asks = new BookLevel[Math.Min(depth, book.Asks.Count)];
            for (var i = 0; i < bids.Length; i++)
            {
                bids[i] = book.Bids[i];
            }

            for (var i = 0; i < asks.Length; i++)
            {
                asks[i] = book.Asks[i];
            }

            return (bids, asks);
        }
    }

    /// <summary>Books one account trade now, as the market loop does now and then (test hook: the ledger grows).</summary>
    internal void AccountTradeNow()
    {
        lock (_marketGate)
        {
            _ledger.Trade(Options.Time.GetUtcNow(), _pairs[AccountPair].Market.LastPrice, 0.001m, _accountRandom);
        }
    }

    protected override IReadOnlyDictionary<string, Uri> CreateEndpoints(int port) => new Dictionary<string, Uri>
    {
        [KrakenEndpoints.WebSocket] = new($"ws://127.0.0.1:{port}/v2"),
        [KrakenEndpoints.WebSocketAuth] = new($"ws://127.0.0.1:{port}/auth/v2"),
        [KrakenEndpoints.Rest] = new($"http://127.0.0.1:{port}/"),
    };

    protected override bool OnDropConnections()
    {
        // The clients connected now, and only those: one that reconnects quickly (its old connection
        // was dropped first) must not lose its new connection to the rest of this loop.
        var clients = _clients.Keys.ToArray();
        base.OnDropConnections();
        foreach (var client in clients)
        {
            client.Drop.Cancel();
        }

        return true;
    }

    protected override bool OnStall(TimeSpan duration)
    {
        // Under the market lock: once this returns, no tick steps the market until the stall ends
        // (a tick already past its check would otherwise move the market after the stall began).
        lock (_marketGate)
        {
            _stalledUntil = Options.Time.GetUtcNow() + duration;
        }

        return true;
    }

    protected override bool OnCorruptChecksum(Symbol symbol)
    {
        if (!_pairs.ContainsKey(symbol))
        {
            return false;
        }

        _corrupt[symbol] = 0;
        return true;
    }

    protected override bool OnCutFrame(Symbol symbol)
    {
        if (!_pairs.ContainsKey(symbol))
        {
            return false;
        }

        _cut[symbol] = 0;
        return true;
    }

    protected override bool OnMalformedFrame()
    {
        Interlocked.Exchange(ref _malformedPending, 1);
        return true;
    }

    protected override bool OnRestError(SimulatorFault error)
    {
        InjectRestError(error);
        return true;
    }

    // JumpSequence and SkipSequence keep the base's false: Kraken's books carry no update ids (they are
    // checked by checksum), so there is no id to jump or skip.
}
