using System.Collections.Concurrent;
using Fluxum.Plugins.Kraken.Books;
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
internal sealed partial class KrakenSimulator : IVenueSimulator, ILoopbackHandler
{
    private readonly SimulatorOptions _options;
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
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private LoopbackServer? _server;
    private Task? _loop;
    private DateTimeOffset _stalledUntil;
    private int _malformedPending;
    private long _connectionIds = 4421894013101914413;

    public KrakenSimulator(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = options.LoggerFactory.CreateLogger("Fluxum.Plugins.Kraken.Simulator");
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

    public IReadOnlyDictionary<string, Uri> Endpoints { get; private set; } = new Dictionary<string, Uri>();

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
            _ledger.Trade(_options.Time.GetUtcNow(), _pairs[AccountPair].Market.LastPrice, 0.001m, _accountRandom);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_server is not null)
        {
            throw new InvalidOperationException("The Kraken simulator is already started.");
        }

        _server = await LoopbackServer.StartAsync(this, _options.Port, _options.LoggerFactory, cancellationToken);
        var port = _server.Port;
        Endpoints = new Dictionary<string, Uri>
        {
            [KrakenEndpoints.WebSocket] = new($"ws://127.0.0.1:{port}/v2"),
            [KrakenEndpoints.WebSocketAuth] = new($"ws://127.0.0.1:{port}/auth/v2"),
            [KrakenEndpoints.Rest] = new($"http://127.0.0.1:{port}/"),
        };
        _loop = Task.Run(() => RunMarketAsync(_stop.Token), CancellationToken.None);
    }

    public bool Inject(SimulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        switch (fault)
        {
            case SimulatorFault.DropConnections:
                // The clients connected now, and only those: one that reconnects quickly (its old connection
                // was dropped first) must not lose its new connection to the rest of this loop.
                var clients = _clients.Keys.ToArray();
                _server?.AbortWebSockets();
                foreach (var client in clients)
                {
                    client.Drop.Cancel();
                }

                return true;
            case SimulatorFault.Stall stall:
                // Under the market lock: once this returns, no tick steps the market until the stall ends
                // (a tick already past its check would otherwise move the market after the stall began).
                lock (_marketGate)
                {
                    _stalledUntil = _options.Time.GetUtcNow() + stall.Duration;
                }

                return true;
            case SimulatorFault.CorruptChecksum corrupt when _pairs.ContainsKey(corrupt.Symbol):
                _corrupt[corrupt.Symbol] = 0;
                return true;
            case SimulatorFault.CutFrame cut when _pairs.ContainsKey(cut.Symbol):
                _cut[cut.Symbol] = 0;
                return true;
            case SimulatorFault.MalformedFrame:
                Interlocked.Exchange(ref _malformedPending, 1);
                return true;
            case SimulatorFault.RestError error:
                InjectRestError(error);
                return true;
            default:
                // JumpSequence: Kraken's books carry no update ids (they are checked by checksum), so there is no id to jump.
                return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _stop.Dispose();
    }
}
