using System.Globalization;
using System.Text.Json;
using Fluxum.Plugins.Binance.Rest;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Simulation;
using Microsoft.AspNetCore.Http;

namespace Fluxum.Plugins.Binance.Simulator;

/// <summary>
/// The simulator's REST API (rest-api.md): <c>/api/v3/time</c>, <c>/api/v3/exchangeInfo</c>, <c>/api/v3/depth</c>,
/// and the SIGNED <c>/api/v3/account</c> and <c>/api/v3/myTrades</c> with real HMAC checks. Every answer carries
/// <c>X-MBX-USED-WEIGHT-1M</c>; past 6000 per minute the answer is 429 with Retry-After.
/// </summary>
/// <remarks>
/// UNCONFIRMED: the HTTP statuses of the signed-request errors (400 for -1021/-1022/-1102/-1121, 401 for
/// -2014/-2015); the docs give the codes and messages but say only "4XX" for malformed requests.
/// </remarks>
internal sealed partial class BinanceSimulator
{
    private readonly Lock _restGate = new();
    private long _weightWindow;
    private int _weightUsed;
    private SimulatorFault? _restError;
    private int _restErrorsLeft;

    /// <summary>The account's balances (asset, free, locked).</summary>
    internal static readonly IReadOnlyList<(string Asset, decimal Free, decimal Locked)> Balances =
        [("BTC", 1.25m, 0.05m), ("ETH", 10m, 0m), ("USDT", 25000m, 1000m)];

    public override async Task HandleHttpAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path.Value ?? "/";
        var query = context.Request.Query;
        var weight = path switch
        {
            "/api/v3/time" or "/api/v3/ping" => 1,
            "/api/v3/exchangeInfo" or "/api/v3/account" or "/api/v3/myTrades" => 20,
            "/api/v3/depth" => BinanceRestClient.DepthWeight(int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 5000) : 100),
            _ => 0,
        };
        if (weight == 0)
        {
            await Answer(context, 404, """{"code":-1000,"msg":"An unknown error occurred while processing the request."}""", 0, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (TakeRestError() is { } fault)
        {
            if (fault.RetryAfter is { } retry)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            await Answer(context, fault.StatusCode, fault.StatusCode == 429 ? TooMuchWeight : """{"code":-1000,"msg":"An unknown error occurred while processing the request."}""", 0, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!TakeWeight(weight, out var used))
        {
            context.Response.Headers.RetryAfter = "60";
            await Answer(context, 429, TooMuchWeight, used, cancellationToken).ConfigureAwait(false);
            return;
        }

        var (status, body) = path switch
        {
            "/api/v3/ping" => (200, "{}"),
            "/api/v3/time" => (200, $$"""{"serverTime":{{Options.Time.GetUtcNow().ToUnixTimeMilliseconds()}}}"""),
            "/api/v3/exchangeInfo" => (200, ExchangeInfo()),
            "/api/v3/depth" => Depth(query),
            _ => Signed(context.Request) ?? (path == "/api/v3/account" ? (200, Account()) : MyTrades(query)),
        };
        await Answer(context, status, body, used, cancellationToken).ConfigureAwait(false);
    }

    protected override bool OnRestError(SimulatorFault error)
    {
        lock (_restGate)
        {
            _restError = error;
            _restErrorsLeft = Math.Max(1, error.Count);
        }

        return true;
    }

    private const string TooMuchWeight = """{"code":-1003,"msg":"Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API."}""";

    private static (int, string) Invalid(int code, string message, int status = 400) => (status, $$"""{"code":{{code}},"msg":"{{message}}"}""");

    private static async Task Answer(HttpContext context, int status, string body, int used, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        context.Response.Headers["X-MBX-USED-WEIGHT-1M"] = used.ToString(CultureInfo.InvariantCulture);
        await context.Response.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    private SimulatorFault? TakeRestError()
    {
        lock (_restGate)
        {
            if (_restError is null || _restErrorsLeft <= 0)
            {
                return null;
            }

            _restErrorsLeft--;
            return _restError;
        }
    }

    private bool TakeWeight(int weight, out int used)
    {
        lock (_restGate)
        {
            var now = Options.Time.GetUtcNow().UtcTicks;
            var window = now - (now % TimeSpan.TicksPerMinute);
            if (window != _weightWindow)
            {
                (_weightWindow, _weightUsed) = (window, 0);
            }

            if (_weightUsed + weight > WeightBudget.DocumentedLimit)
            {
                used = _weightUsed;
                return false;
            }

            _weightUsed += weight;
            used = _weightUsed;
            return true;
        }
    }

    private (int, string)? Signed(HttpRequest request)
    {
        var key = request.Headers["X-MBX-APIKEY"].ToString();
        if (string.IsNullOrEmpty(key) || key.Any(char.IsWhiteSpace))
        {
            return Invalid(-2014, "API-key format invalid.", 401);
        }

        if (Options.Credentials is not { } credentials || key != credentials.ApiKey)
        {
            return Invalid(-2015, "Invalid API-key, IP, or permissions for action.", 401);
        }

        var raw = request.QueryString.Value?.TrimStart('?') ?? string.Empty;
        var at = raw.LastIndexOf("&signature=", StringComparison.Ordinal);
        if (!long.TryParse(request.Query["timestamp"], CultureInfo.InvariantCulture, out var timestamp))
        {
            return Invalid(-1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
        }

        if (at < 0 || !BinanceSigner.Verify(raw[..at], raw[(at + "&signature=".Length)..], credentials.ApiSecret))
        {
            return Invalid(-1022, "Signature for this request is not valid.");
        }

        var recvWindow = decimal.TryParse(request.Query["recvWindow"], NumberStyles.Number, CultureInfo.InvariantCulture, out var w) ? w : 5000m;
        var server = Options.Time.GetUtcNow().ToUnixTimeMilliseconds();
        if (timestamp >= server + 1000)
        {
            return Invalid(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");
        }

        return server - timestamp > recvWindow ? Invalid(-1021, "Timestamp for this request is outside of the recvWindow.") : null;
    }

    private Market? MarketOf(IQueryCollection query) =>
        _markets.TryGetValue(query["symbol"].ToString().ToLowerInvariant(), out var market) && query["symbol"].ToString() == query["symbol"].ToString().ToUpperInvariant() ? market : null;

    private (int, string) Depth(IQueryCollection query)
    {
        if (string.IsNullOrEmpty(query["symbol"]))
        {
            return Invalid(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
        }

        if (MarketOf(query) is not { } market)
        {
            return Invalid(-1121, "Invalid symbol.");
        }

        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 5000) : 100;
        lock (_gate)
        {
            var stale = market.StaleSnapshots > 0;
            if (stale)
            {
                market.StaleSnapshots--;
            }

            var body = Payloads.Json(json =>
            {
                json.WriteStartObject();
                json.WriteNumber("lastUpdateId", stale ? 1 : market.UpdateId); // stale: older than every streamed diff
                foreach (var (name, side) in new[] { ("bids", market.Model.Book.Bids), ("asks", market.Model.Book.Asks) })
                {
                    json.WriteStartArray(name);
                    foreach (var level in side.ToArray(limit))
                    {
                        json.WriteStartArray();
                        json.WriteStringValue(Payloads.Text(level.Price));
                        json.WriteStringValue(Payloads.Text(level.Size));
                        json.WriteEndArray();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            });
            return (200, System.Text.Encoding.UTF8.GetString(body));
        }
    }

    private string ExchangeInfo() => System.Text.Encoding.UTF8.GetString(Payloads.Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("timezone", "UTC");
        json.WriteNumber("serverTime", Options.Time.GetUtcNow().ToUnixTimeMilliseconds());
        json.WriteStartArray("rateLimits");
        json.WriteStartObject();
        json.WriteString("rateLimitType", "REQUEST_WEIGHT");
        json.WriteString("interval", "MINUTE");
        json.WriteNumber("intervalNum", 1);
        json.WriteNumber("limit", WeightBudget.DocumentedLimit);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("exchangeFilters");
        json.WriteEndArray();
        json.WriteStartArray("symbols");
        foreach (var instrument in Instruments)
        {
            json.WriteStartObject();
            json.WriteString("symbol", BinanceSymbols.RestName(instrument.Symbol));
            json.WriteString("status", "TRADING");
            json.WriteString("baseAsset", instrument.Symbol.Base);
            json.WriteNumber("baseAssetPrecision", 8);
            json.WriteString("quoteAsset", instrument.Symbol.Quote);
            json.WriteNumber("quotePrecision", 8);
            json.WriteNumber("quoteAssetPrecision", 8);
            json.WriteStartArray("filters");
            json.WriteStartObject();
            json.WriteString("filterType", "PRICE_FILTER");
            json.WriteString("minPrice", Payloads.Text(Step(instrument.PricePrecision)));
            json.WriteString("maxPrice", "1000000.00000000");
            json.WriteString("tickSize", Payloads.Text(Step(instrument.PricePrecision)));
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("filterType", "LOT_SIZE");
            json.WriteString("minQty", Payloads.Text(Step(instrument.SizePrecision)));
            json.WriteString("maxQty", "9000.00000000");
            json.WriteString("stepSize", Payloads.Text(Step(instrument.SizePrecision)));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }));

    private static decimal Step(int decimals) => 1m / (decimal)Math.Pow(10, decimals);

    private static string Account() => System.Text.Encoding.UTF8.GetString(Payloads.Json(json =>
    {
        json.WriteStartObject();
        json.WriteBoolean("canTrade", true);
        json.WriteString("accountType", "SPOT");
        json.WriteStartArray("balances");
        foreach (var (asset, free, locked) in Balances)
        {
            json.WriteStartObject();
            json.WriteString("asset", asset);
            json.WriteString("free", free.ToString("0.00000000", CultureInfo.InvariantCulture));
            json.WriteString("locked", locked.ToString("0.00000000", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("permissions");
        json.WriteStringValue("SPOT");
        json.WriteEndArray();
        json.WriteEndObject();
    }));

    private (int, string) MyTrades(IQueryCollection query)
    {
        if (string.IsNullOrEmpty(query["symbol"]))
        {
            return Invalid(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
        }

        if (MarketOf(query) is not { } market)
        {
            return Invalid(-1121, "Invalid symbol.");
        }

        var name = BinanceSymbols.RestName(market.Symbol);
        var price = SimulatedMarket.ReferencePrice(market.Symbol);
        var start = DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        return (200, System.Text.Encoding.UTF8.GetString(Payloads.Json(json =>
        {
            json.WriteStartArray();
            for (var i = 0; i < 2; i++)
            {
                var qty = 0.5m + i;
                json.WriteStartObject();
                json.WriteString("symbol", name);
                json.WriteNumber("id", 1000 + i);
                json.WriteNumber("orderId", 5000 + i);
                json.WriteNumber("orderListId", -1);
                json.WriteString("price", Payloads.Text(price));
                json.WriteString("qty", Payloads.Text(qty));
                json.WriteString("quoteQty", Payloads.Text(price * qty));
                json.WriteString("commission", Payloads.Text(price * qty * 0.001m));
                json.WriteString("commissionAsset", market.Symbol.Quote);
                json.WriteNumber("time", start + (i * 60_000));
                json.WriteBoolean("isBuyer", i == 0);
                json.WriteBoolean("isMaker", false);
                json.WriteBoolean("isBestMatch", true);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        })));
    }
}
