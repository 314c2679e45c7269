using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fluxum.Plugins.Coinbase.Auth;
using Fluxum.Sdk.Plugins;
using Microsoft.AspNetCore.Http;

namespace Fluxum.Plugins.Coinbase.Simulator;

/// <summary>
/// The REST endpoints the plugin uses, each checking the request's JWT for real (ES256 signature with the key derived
/// from the configured secret, kid/sub = key name, nbf/exp, and the <c>uri</c> claim = method, host and path):
/// List Accounts and List Fills, both paged by <c>cursor</c>. A bad or missing token gets 401 <c>Unauthorized</c>.
/// </summary>
internal sealed class SimRest
{
    private const string AccountsPath = "/api/v3/brokerage/accounts";
    private const string FillsPath = "/api/v3/brokerage/orders/historical/fills";
    private readonly VenueCredentials? _credentials;
    private readonly ECDsa? _key;
    private readonly TimeProvider _time;
    private readonly List<(string Currency, decimal Available, decimal Hold)> _accounts;
    private readonly List<SimFill> _fills;
    private readonly Lock _gate = new();
    private (int Status, int Left, TimeSpan? RetryAfter) _fault;

    public SimRest(VenueCredentials? credentials, TimeProvider time, int seed)
    {
        _credentials = credentials;
        _key = credentials is null ? null : CoinbaseJwt.Key(credentials.ApiSecret);
        _time = time;
        _accounts = [("USD", 10_000.25m, 150m), ("BTC", 0.5m, 0m), ("ETH", 3.25m, 0.25m), ("SOL", 40m, 0m)];
        _fills = SimFill.Generate(seed, time.GetUtcNow(), 30);
    }

    public void Fail(int status, int count, TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            _fault = (status, count, retryAfter);
        }
    }

    public async Task HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (status, body, contentType, retryAfter) = Route(context.Request);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        if (retryAfter is { } wait)
        {
            context.Response.Headers["Retry-After"] = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    private static string ErrorBody(string error, string message) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = error, ["error_details"] = message, ["message"] = message });

    private (int, string, string, TimeSpan?) Route(HttpRequest request)
    {
        lock (_gate)
        {
            if (_fault.Left > 0)
            {
                _fault.Left--;
                return _fault.Status == 429
                    ? (429, ErrorBody("RATE_LIMIT_EXCEEDED", "Too many requests"), "application/json", _fault.RetryAfter)
                    : (_fault.Status, ErrorBody("INTERNAL", "injected fault"), "application/json", _fault.RetryAfter);
            }
        }

        var path = request.Path.Value ?? "/";
        if (request.Method != "GET" || path is not (AccountsPath or FillsPath))
        {
            return (404, ErrorBody("NOT_FOUND", $"route not found: {request.Method} {path}"), "application/json", null);
        }

        var auth = (string?)request.Headers.Authorization ?? string.Empty;
        var uri = $"{request.Method} {request.Host.Value}{path}";
        if (_credentials is null || _key is null || !auth.StartsWith("Bearer ", StringComparison.Ordinal)
            || CoinbaseJwt.Problem(auth["Bearer ".Length..], _key, _credentials.ApiKey, uri, _time.GetUtcNow()) is not null)
        {
            // [UNCONFIRMED] the venue's 401 body: plain "Unauthorized" as observed.
            return (401, "Unauthorized\n", "text/plain", null);
        }

        var query = request.Query;
        var limit = int.TryParse((string?)query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : 49;
        var offset = int.TryParse((string?)query["cursor"], NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
        return path == AccountsPath ? (200, Accounts(Math.Min(limit, 250), offset), "application/json", null) : (200, Fills(query, limit, offset), "application/json", null);
    }

    private string Accounts(int limit, int offset)
    {
        var page = _accounts.Skip(offset).Take(limit).ToList();
        var next = offset + page.Count < _accounts.Count;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("accounts");
            foreach (var (currency, available, hold) in page)
            {
                json.WriteStartObject();
                json.WriteString("uuid", Guid.NewGuid().ToString());
                json.WriteString("name", currency + " Wallet");
                json.WriteString("currency", currency);
                Money(json, "available_balance", available, currency);
                json.WriteBoolean("default", true);
                json.WriteBoolean("active", true);
                json.WriteString("created_at", "2021-05-31T09:59:59.000Z");
                json.WriteString("updated_at", "2021-05-31T09:59:59.000Z");
                json.WriteNull("deleted_at");
                json.WriteString("type", currency == "USD" ? "ACCOUNT_TYPE_FIAT" : "ACCOUNT_TYPE_CRYPTO");
                json.WriteBoolean("ready", true);
                Money(json, "hold", hold, currency);
                json.WriteString("retail_portfolio_id", "b87a2d3f-8a1e-49b3-a4ea-402d8c389aca");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("has_next", next);
            json.WriteString("cursor", next ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : string.Empty);
            json.WriteNumber("size", page.Count);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private string Fills(IQueryCollection query, int limit, int offset)
    {
        DateTimeOffset? start = DateTimeOffset.TryParse((string?)query["start_sequence_timestamp"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s) ? s : null;
        DateTimeOffset? end = DateTimeOffset.TryParse((string?)query["end_sequence_timestamp"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var e) ? e : null;
        var products = query["product_ids"].Where(p => !string.IsNullOrEmpty(p)).ToHashSet(StringComparer.Ordinal);
        var matching = _fills.Where(f => (start is null || f.Time >= start) && (end is null || f.Time <= end) && (products.Count == 0 || products.Contains(f.ProductId)))
            .OrderByDescending(f => f.Time).ToList();
        var page = matching.Skip(offset).Take(limit).ToList();
        var next = offset + page.Count < matching.Count;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("fills");
            foreach (var f in page)
            {
                f.Write(json);
            }

            json.WriteEndArray();
            json.WriteString("cursor", next ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : string.Empty);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Money(Utf8JsonWriter json, string name, decimal value, string currency)
    {
        json.WriteStartObject(name);
        json.WriteString("value", SimWire.Text(value));
        json.WriteString("currency", currency);
        json.WriteEndObject();
    }
}
