using System.Globalization;
using System.Text;
using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;

namespace Fluxum.Plugins.Binance.Rest;

/// <summary>
/// Binance REST over the host's transport: every request first takes its documented weight from the
/// <see cref="WeightBudget"/>; <c>X-MBX-USED-WEIGHT-1M</c> updates the budget, a 429/418 backs it off for Retry-After.
/// Signed requests carry <c>timestamp</c> (local clock plus the offset to <c>GET /api/v3/time</c>), <c>recvWindow</c>
/// and <c>signature</c>; each retry is signed afresh.
/// </summary>
internal sealed class BinanceRestClient
{
    /// <summary>The recvWindow sent (the documented default, 5000 ms).</summary>
    public const int RecvWindow = 5000;

    private readonly VenueContext _context;
    private readonly Uri _base;
    private long _offsetMs;
    private bool _synced;

    public BinanceRestClient(VenueContext context, WeightBudget budget)
    {
        _context = context;
        _base = context.Endpoint(BinanceEndpoints.Rest, BinanceEndpoints.LiveRest);
        Budget = budget;
    }

    public WeightBudget Budget { get; }

    /// <summary>The weight of <c>GET /api/v3/depth</c> by limit: 5 (1-100), 25 (101-500), 50 (501-1000), 250 (1001-5000).</summary>
    public static int DepthWeight(int limit) => limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;

    /// <summary>The limit asked for a depth: the top of its weight tier (100, 500, 1000, 5000), so the same weight buys the most levels.</summary>
    public static int DepthLimit(int depth) => depth <= 100 ? 100 : depth <= 500 ? 500 : depth <= 1000 ? 1000 : 5000;

    public Task<ReadOnlyMemory<byte>> GetAsync(string pathAndQuery, int weight, CancellationToken cancellationToken) =>
        SendAsync(() => new RestRequest(HttpMethod.Get, new Uri(_base, pathAndQuery)) { IsIdempotent = true, Operation = "GET " + PathOf(pathAndQuery) }, weight, cancellationToken);

    /// <summary>A SIGNED GET of <paramref name="path"/> with <paramref name="query"/> (without timestamp/recvWindow/signature).</summary>
    public async Task<ReadOnlyMemory<byte>> GetSignedAsync(string path, string query, int weight, CancellationToken cancellationToken)
    {
        if (_context.Credentials is not { } credentials)
        {
            throw new VenueApiException(_context.Venue, VenueErrorKind.MissingCredentials, $"GET {path} needs an API key and secret; none are configured");
        }

        if (!_synced)
        {
            await SyncTimeAsync(cancellationToken).ConfigureAwait(false);
        }

        RestRequest Sign()
        {
            var timestamp = _context.Time.GetUtcNow().ToUnixTimeMilliseconds() + Interlocked.Read(ref _offsetMs);
            var payload = (query.Length > 0 ? query + "&" : "") + $"recvWindow={RecvWindow}&timestamp={timestamp.ToString(CultureInfo.InvariantCulture)}";
            var signature = BinanceSigner.Sign(payload, credentials.ApiSecret);
            return new RestRequest(HttpMethod.Get, new Uri(_base, $"{path}?{payload}&signature={signature}"))
            {
                Operation = "GET " + path,
                Headers = new Dictionary<string, string> { ["X-MBX-APIKEY"] = credentials.ApiKey },
            };
        }

        return await SendAsync(() => SignedRequest.Create(Sign), weight, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads <c>GET /api/v3/time</c> and keeps the offset of the server's clock to ours (weight 1).</summary>
    public async Task SyncTimeAsync(CancellationToken cancellationToken)
    {
        var before = _context.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var body = await GetAsync("/api/v3/time", 1, cancellationToken).ConfigureAwait(false);
        var after = _context.Time.GetUtcNow().ToUnixTimeMilliseconds();
        using var doc = JsonDocument.Parse(body);
        var server = doc.RootElement.GetProperty("serverTime").GetInt64();
        Interlocked.Exchange(ref _offsetMs, server - ((before + after) / 2));
        _synced = true;
    }

    private static string PathOf(string pathAndQuery) => pathAndQuery.Split('?')[0];

    private async Task<ReadOnlyMemory<byte>> SendAsync(Func<RestRequest> create, int weight, CancellationToken cancellationToken)
    {
        try
        {
            await Budget.AcquireAsync(weight, cancellationToken).ConfigureAwait(false);
        }
        catch (WeightBudgetExhaustedException e)
        {
            throw new VenueApiException(_context.Venue, VenueErrorKind.RateLimited, e.Message);
        }

        var request = create();
        var response = await _context.Rest.SendAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var (name, value) in response.Headers)
        {
            if (name.Equals("X-MBX-USED-WEIGHT-1M", StringComparison.OrdinalIgnoreCase) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var used))
            {
                Budget.Observe(used);
            }
        }

        if (response.IsSuccess)
        {
            return response.Body;
        }

        if (response.StatusCode is 429 or 418)
        {
            Budget.BackOff(response.RetryAfter);
        }

        var (code, message) = Error(response.Body);
        if (code == -1021)
        {
            _synced = false; // The clocks drifted: resync before the next signed request.
        }

        var kind = response.StatusCode switch
        {
            429 or 418 => VenueErrorKind.RateLimited,
            401 or 403 => VenueErrorKind.Authentication,
            >= 500 => VenueErrorKind.Unavailable,
            _ => code switch
            {
                -1021 => VenueErrorKind.InvalidNonce,
                -1022 or -2014 or -2015 => VenueErrorKind.Authentication,
                _ => VenueErrorKind.InvalidRequest,
            },
        };
        throw new VenueApiException(_context.Venue, kind, $"{request.Operation} answered HTTP {response.StatusCode}: {code?.ToString(CultureInfo.InvariantCulture) ?? "-"} {message}", code is { } c ? [c.ToString(CultureInfo.InvariantCulture)] : null, response.StatusCode);
    }

    /// <summary>The documented error payload <c>{"code":-1121,"msg":"Invalid symbol."}</c>, when the body is one.</summary>
    internal static (long? Code, string Message) Error(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            return (root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt64() : null,
                root.TryGetProperty("msg", out var m) ? m.GetString() ?? "" : "");
        }
        catch (JsonException)
        {
            return (null, Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, 160)]));
        }
    }
}
