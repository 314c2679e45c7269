using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Fluxum.Plugins.Gemini.Rest;
using Fluxum.Sdk.Simulation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Gemini.Simulator;

/// <summary>
/// Gemini's REST endpoints on the loopback server: public market data and signed private reads. Gemini's documented
/// rates are enforced per group (<see cref="GeminiRateLimits"/>: public 120 a minute, private 600): a request past the
/// rate is one of the burst of five the venue queues, answered late by the time the rate needs; past the burst it is
/// refused with HTTP 429 and Gemini's error body (<c>{"result":"error","reason":"RateLimit",...}</c>), logged.
/// </summary>
internal sealed class SimRest
{
    private static readonly Action<ILogger, string, string, int, Exception?> LogAnswered = LoggerMessage.Define<string, string, int>(
        LogLevel.Debug, new EventId(4301, "GeminiSimRestAnswered"), "Gemini simulator: {Method} {Path} answered {Status}");

    private readonly SimMarkets _markets;
    private readonly ILogger _logger;
    private static readonly Action<ILogger, string, string, double, Exception?> LogRateLimited = LoggerMessage.Define<string, string, double>(
        LogLevel.Information, new EventId(4302, "GeminiSimRateLimited"), "Gemini simulator: {Method} {Path} refused with 429 RateLimit ({PerMinute} a minute and its burst exceeded)");

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private (int Status, int Left, TimeSpan? RetryAfter) _fault;

    public SimRest(SimMarkets markets, ILogger logger, TimeProvider time)
    {
        _markets = markets;
        _logger = logger;
        _time = time;
        PublicCounter = new DecayingCounter((GeminiRateLimits.PublicPerMinute / 60) + GeminiRateLimits.VenueBurst, GeminiRateLimits.PublicPerMinute / 60, time);
        PrivateCounter = new DecayingCounter((GeminiRateLimits.PrivatePerMinute / 60) + GeminiRateLimits.VenueBurst, GeminiRateLimits.PrivatePerMinute / 60, time);
    }

    /// <summary>The public entry points' request counter: a second of the rate, plus the burst.</summary>
    public DecayingCounter PublicCounter { get; }

    /// <summary>The private entry points' request counter (the one API key the simulator accepts).</summary>
    public DecayingCounter PrivateCounter { get; }

    private SimAccount Account => _markets.Account;

    /// <summary>RestError fault: the next <paramref name="count"/> requests fail with <paramref name="status"/>.</summary>
    public void Fail(int status, int count, TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            _fault = (status, count, retryAfter);
        }
    }

    public async Task HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var isPrivate = context.Request.Method == "POST";
        var counter = isPrivate ? PrivateCounter : PublicCounter;
        (int Status, string Body, TimeSpan? RetryAfter) answer;
        if (!counter.TryRaise(1, out var level))
        {
            var perMinute = isPrivate ? GeminiRateLimits.PrivatePerMinute : GeminiRateLimits.PublicPerMinute;
            LogRateLimited(_logger, context.Request.Method, context.Request.Path.Value ?? "/", perMinute, null);
            answer = (429, SimWire.RestError("RateLimit", "RateLimit: too many requests for this group of endpoints; slow down"), null);
        }
        else
        {
            // Within the burst: queued, answered once the rate has caught up.
            var excess = level - counter.DecayPerSecond;
            if (excess > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(excess / counter.DecayPerSecond), _time, cancellationToken).ConfigureAwait(false);
            }

            answer = Route(context.Request);
        }

        var (status, body, retryAfter) = answer;
        LogAnswered(_logger, context.Request.Method, context.Request.Path.Value ?? "/", status, null);
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (retryAfter is { } wait)
        {
            context.Response.Headers["Retry-After"] = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    private (int Status, string Body, TimeSpan? RetryAfter) Route(HttpRequest request)
    {
        lock (_gate)
        {
            if (_fault.Left > 0)
            {
                _fault.Left--;
                var reason = _fault.Status == 429 ? "RateLimit" : "ServerError";
                return (_fault.Status, SimWire.RestError(reason, $"{reason}: injected fault"), _fault.RetryAfter);
            }
        }

        var path = (request.Path.Value ?? "/");
        var parts = path.Trim('/').Split('/');
        if (request.Method == "POST")
        {
            return Private(request, path);
        }

        var result = parts switch
        {
            ["v1", "symbols"] => (200, JsonSerializer.Serialize(_markets.Symbols.Select(s => s.Venue).ToList())),
            ["v1", "symbols", "details", var s] => SimPublic.Details(_markets, s),
            ["v1", "pubticker", var s] => SimPublic.PubTicker(_markets, s),
            ["v2", "ticker", var s] => SimPublic.Ticker24h(_markets, s),
            ["v1", "book", var s] => SimPublic.Book(_markets, s),
            ["v1", "trades", var s] => SimPublic.Trades(_markets, s),
            ["v2", "candles", var s, var tf] => SimPublic.Candles(_markets, s, tf),
            _ => (404, SimWire.RestError("EndpointNotFound", $"API entry point {path} not found")),
        };
        return (result.Item1, result.Item2, null);
    }

    private (int, string, TimeSpan?) Private(HttpRequest request, string path)
    {
        var key = (string?)request.Headers["X-GEMINI-APIKEY"];
        var payload = (string?)request.Headers["X-GEMINI-PAYLOAD"];
        var signature = (string?)request.Headers["X-GEMINI-SIGNATURE"];
        if (Account.Credentials is not { } credentials || key != credentials.ApiKey)
        {
            return (400, SimWire.RestError("InvalidApiKey", "Invalid API key"), null);
        }

        if (payload is null || signature is null || !GeminiSigner.Verify(payload, credentials.ApiSecret, signature))
        {
            return (400, SimWire.RestError("InvalidSignature", "InvalidSignature"), null);
        }

        using var doc = JsonDocument.Parse(Convert.FromBase64String(payload));
        var root = doc.RootElement;
        if (root.GetProperty("request").GetString() != path)
        {
            return (400, SimWire.RestError("InvalidRequest", $"payload request does not match {path}"), null);
        }

        var nonce = root.GetProperty("nonce");
        var nonceValue = nonce.ValueKind == JsonValueKind.String ? long.Parse(nonce.GetString()!, CultureInfo.InvariantCulture) : nonce.GetInt64();
        if (!Account.AcceptRestNonce(nonceValue))
        {
            return (400, SimWire.RestError("InvalidNonce", $"Nonce '{nonceValue}' has not increased since your last call"), null);
        }

        var result = path switch
        {
            "/v1/balances" => SimPrivate.Balances(Account),
            "/v1/mytrades" => SimPrivate.MyTrades(Account, root),
            "/v2/transfers" => SimPrivate.Transfers(Account, root),
            _ => (404, SimWire.RestError("EndpointNotFound", $"API entry point {path} not found")),
        };
        return (result.Item1, result.Item2, null);
    }
}
