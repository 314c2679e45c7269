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
internal sealed class GeminiSimulator : VenueSimulatorBase
{
    private readonly SimMarkets _markets;
    private readonly SimRest _rest;

    public GeminiSimulator(SimulatorOptions options)
        : base(options)
    {
        var random = new Random(options.Seed ?? 1);
        var symbols = GeminiSimInstruments.All.Select(i => i.Symbol).ToList();
        _markets = new SimMarkets(GeminiSimInstruments.All, random, new SimAccount(options.Credentials, options.Time, new Random((options.Seed ?? 1) + 7), symbols));
        _rest = new SimRest(_markets, options.LoggerFactory.CreateLogger("Fluxum.Plugins.Gemini.Simulator"), options.Time);
    }

    internal SimMarkets Markets => _markets;

    internal SimRest Rest => _rest;

    internal int OpenSockets => OpenWebSockets;

    protected override IReadOnlyDictionary<string, Uri> CreateEndpoints(int port) => new Dictionary<string, Uri>
    {
        [GeminiEndpoints.WsV2] = new($"ws://127.0.0.1:{port}/v2/marketdata"),
        [GeminiEndpoints.Ws] = new($"ws://127.0.0.1:{port}/"),
        [GeminiEndpoints.Rest] = new($"http://127.0.0.1:{port}/"),
    };

    protected override ValueTask TickAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        _markets.Tick(now);
        return ValueTask.CompletedTask;
    }

    protected override bool OnDropConnections()
    {
        // Served sessions get a going-away close after what is queued; the server then aborts every
        // connection accepted so far, including one still mid-handshake (not yet a session).
        _markets.DropAll();
        return base.OnDropConnections();
    }

    protected override bool OnStall(TimeSpan duration)
    {
        _markets.Stall(duration, Options.Time.GetUtcNow());
        return true;
    }

    protected override bool OnMalformedFrame()
    {
        _markets.Malformed();
        return true;
    }

    protected override bool OnSkipSequence(Symbol symbol) => _markets.SkipSequence(symbol);

    protected override bool OnJumpSequence(Symbol symbol, long by) => _markets.JumpSequence(symbol, by);

    protected override bool OnCutFrame(Symbol symbol) => _markets.CutFrame(symbol);

    protected override bool OnRestError(SimulatorFault error)
    {
        _rest.Fail(error.StatusCode, error.Count, error.RetryAfter);
        return true;
    }

    // CorruptChecksum keeps the base's false: Gemini has no book checksum.

    /// <summary>Removes a level without telling v2 clients (see <see cref="SimMarkets.RemoveLevelUnannounced"/>).</summary>
    internal bool RemoveLevelUnannounced(Symbol symbol, BookSide side, decimal price) =>
        _markets.RemoveLevelUnannounced(symbol, side, price, Options.Time.GetUtcNow());

    public override Task HandleHttpAsync(HttpContext context, CancellationToken cancellationToken) => _rest.HandleAsync(context, cancellationToken);

    public override async Task HandleWebSocketAsync(WebSocket socket, HttpRequest request, CancellationToken cancellationToken)
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
    public override ValueTask<LoopbackRefusal?> InspectUpgradeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if ((request.Path.Value ?? "/").StartsWith("/v2/marketdata", StringComparison.Ordinal) || Authenticate(request) is not { } problem)
        {
            return ValueTask.FromResult<LoopbackRefusal?>(null);
        }

        return ValueTask.FromResult<LoopbackRefusal?>(new LoopbackRefusal(401, SimWire.RestError(problem.Reason, problem.Message)));
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
        if (Options.Credentials is not { } credentials || key != credentials.ApiKey)
        {
            return ("InvalidApiKey", "Invalid API key");
        }

        if (payload != Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(nonce)) || !GeminiSigner.Verify(payload, credentials.ApiSecret, signature))
        {
            return ("InvalidSignature", "InvalidSignature");
        }

        return _markets.Account.AcceptWsNonce(nonce) ? null : ("InvalidNonce", "Nonce has not increased since your last handshake or is not ten epoch-second digits");
    }
}
