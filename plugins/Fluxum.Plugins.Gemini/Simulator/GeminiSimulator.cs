using System.Net;
using System.Net.WebSockets;
using Fluxum.Plugins.Gemini.Rest;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Simulation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Gemini.Simulator;

/// <summary>
/// A wire-exact Gemini on 127.0.0.1: market data v2 at <c>/v2/marketdata</c>, the new WebSocket API at
/// <c>/</c> (query <c>snapshot</c>, signed upgrade headers for private streams) and REST at <c>/v1</c>, <c>/v2</c>.
/// Endpoint names match the plugin's: <c>ws_v2</c>, <c>ws</c>, <c>rest</c>. It trades the fixed instruments of
/// <see cref="GeminiSimInstruments"/>, each market <see cref="SimulatedMarket.DefaultLevels"/> deep.
/// </summary>
internal sealed class GeminiSimulator : IVenueSimulator, ILoopbackHandler
{
    private readonly SimulatorOptions _options;
    private readonly SimMarkets _markets;
    private readonly SimRest _rest;
    private readonly CancellationTokenSource _stop = new();
    private LoopbackServer? _server;
    private Task? _loop;

    public GeminiSimulator(SimulatorOptions options)
    {
        _options = options;
        var random = new Random(options.Seed ?? 1);
        var symbols = GeminiSimInstruments.All.Select(i => i.Symbol).ToList();
        _markets = new SimMarkets(GeminiSimInstruments.All, random, new SimAccount(options.Credentials, options.Time, new Random((options.Seed ?? 1) + 7), symbols));
        _rest = new SimRest(_markets, options.LoggerFactory.CreateLogger("Fluxum.Plugins.Gemini.Simulator"));
    }

    public IReadOnlyDictionary<string, Uri> Endpoints { get; private set; } = new Dictionary<string, Uri>();

    internal SimMarkets Markets => _markets;

    internal int OpenSockets => _server?.OpenWebSockets ?? 0;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _server = await LoopbackServer.StartAsync(this, _options.Port, _options.LoggerFactory, cancellationToken).ConfigureAwait(false);
        var port = _server.Port;
        Endpoints = new Dictionary<string, Uri>
        {
            [GeminiEndpoints.WsV2] = new($"ws://127.0.0.1:{port}/v2/marketdata"),
            [GeminiEndpoints.Ws] = new($"ws://127.0.0.1:{port}/"),
            [GeminiEndpoints.Rest] = new($"http://127.0.0.1:{port}/"),
        };
        _loop = RunMarketAsync(_stop.Token);
    }

    public bool Inject(SimulatorFault fault)
    {
        switch (fault)
        {
            case SimulatorFault.DropConnections:
                // Served sessions get a going-away close after what is queued; the server then aborts every
                // connection accepted so far, including one still mid-handshake (not yet a session).
                _markets.DropAll();
                _server?.AbortWebSockets();
                return true;
            case SimulatorFault.Stall stall:
                _markets.Stall(stall.Duration, _options.Time.GetUtcNow());
                return true;
            case SimulatorFault.MalformedFrame:
                _markets.Malformed();
                return true;
            case SimulatorFault.SkipSequence skip:
                return _markets.SkipSequence(skip.Symbol);
            case SimulatorFault.JumpSequence jump when jump.By > 0:
                return _markets.JumpSequence(jump.Symbol, jump.By);
            case SimulatorFault.CutFrame cut:
                return _markets.CutFrame(cut.Symbol);
            case SimulatorFault.RestError error:
                _rest.Fail(error.StatusCode, error.Count, error.RetryAfter);
                return true;
            default:
                // Gemini has no book checksum: CorruptChecksum does not apply.
                return false;
        }
    }

    /// <summary>Removes a level without telling v2 clients (see <see cref="SimMarkets.RemoveLevelUnannounced"/>).</summary>
    internal bool RemoveLevelUnannounced(Symbol symbol, BookSide side, decimal price) =>
        _markets.RemoveLevelUnannounced(symbol, side, price, _options.Time.GetUtcNow());

    public Task HandleHttpAsync(HttpContext context, CancellationToken cancellationToken) => _rest.HandleAsync(context, cancellationToken);

    public async Task HandleWebSocketAsync(WebSocket socket, HttpRequest request, CancellationToken cancellationToken)
    {
        SimSession session;
        if ((request.Path.Value ?? "/").StartsWith("/v2/marketdata", StringComparison.Ordinal))
        {
            session = new V2Session(socket, _markets);
        }
        else
        {
            var snapshot = int.TryParse((string?)request.Query["snapshot"], out var n) ? n : 0;

            // A bad authenticated handshake never gets here: InspectUpgradeAsync refused it with HTTP 401.
            var authenticated = (string?)request.Headers["X-GEMINI-APIKEY"] is not null;
            session = new WsSession(socket, _markets, snapshot, authenticated);
        }

        _markets.Add(session);
        await session.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks the signed handshake headers of the new API before the upgrade: like the venue, a bad key,
    /// signature or nonce is refused at the HTTP level with 401 and a REST-style error body, no WebSocket.
    /// </summary>
    public ValueTask<LoopbackRefusal?> InspectUpgradeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if ((request.Path.Value ?? "/").StartsWith("/v2/marketdata", StringComparison.Ordinal) || Authenticate(request) is not { } problem)
        {
            return ValueTask.FromResult<LoopbackRefusal?>(null);
        }

        return ValueTask.FromResult<LoopbackRefusal?>(new LoopbackRefusal(401, SimWire.RestError(problem.Reason, problem.Message)));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    /// <summary>The handshake's problem, or null when it carries no key (public) or a valid signed nonce.</summary>
    private (string Reason, string Message)? Authenticate(HttpRequest request)
    {
        var key = (string?)request.Headers["X-GEMINI-APIKEY"];
        if (key is null)
        {
            return null;
        }

        var nonce = (string?)request.Headers["X-GEMINI-NONCE"] ?? string.Empty;
        var payload = (string?)request.Headers["X-GEMINI-PAYLOAD"] ?? string.Empty;
        var signature = (string?)request.Headers["X-GEMINI-SIGNATURE"] ?? string.Empty;
        if (_options.Credentials is not { } credentials || key != credentials.ApiKey)
        {
            return ("InvalidApiKey", "Invalid API key");
        }

        if (payload != Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(nonce)) || !GeminiSigner.Verify(payload, credentials.ApiSecret, signature))
        {
            return ("InvalidSignature", "InvalidSignature");
        }

        return _markets.Account.AcceptWsNonce(nonce) ? null : ("InvalidNonce", "Nonce has not increased since your last handshake or is not ten epoch-second digits");
    }

    private async Task RunMarketAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.TickInterval, _options.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                _markets.Tick(_options.Time.GetUtcNow());
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed: the market stops.
            return;
        }
    }
}
