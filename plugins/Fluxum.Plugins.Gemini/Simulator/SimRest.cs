using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Fluxum.Plugins.Gemini.Rest;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Gemini.Simulator;

/// <summary>Gemini's REST endpoints on the loopback server: public market data and signed private reads.</summary>
internal sealed class SimRest
{
    private static readonly Action<ILogger, string, string, int, Exception?> LogAnswered = LoggerMessage.Define<string, string, int>(
        LogLevel.Debug, new EventId(4301, "GeminiSimRestAnswered"), "Gemini simulator: {Method} {Path} answered {Status}");

    private readonly SimMarkets _markets;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private (int Status, int Left, TimeSpan? RetryAfter) _fault;

    public SimRest(SimMarkets markets, ILogger logger)
    {
        _markets = markets;
        _logger = logger;
    }

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
        var (status, body, retryAfter) = Route(context.Request);
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
