using System.Text;
using Fluxum.Sdk.Transport;

namespace Fluxum.Plugins.Gemini.Tests.Support;

/// <summary>A REST transport answering Gemini's symbol endpoints for a fixed list of instruments; records requests.</summary>
internal sealed class FakeRest : IRestTransport
{
    private readonly Dictionary<string, (string Base, string Quote)> _symbols;

    public FakeRest(params (string Venue, string Base, string Quote)[] symbols) =>
        _symbols = symbols.ToDictionary(s => s.Venue.ToLowerInvariant(), s => (s.Base, s.Quote));

    public static FakeRest Standard() => new(
        ("btcusd", "BTC", "USD"), ("ethusd", "ETH", "USD"), ("ethgusdperp", "ETH", "GUSDPERP"), ("avaxgusdperp", "AVAX", "GUSDPERP"),
        ("btcgbp", "BTC", "GBP"), ("linketh", "LINK", "ETH"), ("filusd", "FIL", "USD"), ("zecltc", "ZEC", "LTC"), ("batbtc", "BAT", "BTC"),
        ("etheur", "ETH", "EUR"), ("ltceth", "LTC", "ETH"), ("grtusd", "GRT", "USD"), ("ankrusd", "ANKR", "USD"), ("alcxusd", "ALCX", "USD"));

    public List<RestRequest> Requests { get; } = [];

    public Func<RestRequest, RestResponse?>? Override { get; set; }

    public Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken = default)
    {
        lock (Requests)
        {
            Requests.Add(request);
        }

        if (Override?.Invoke(request) is { } custom)
        {
            return Task.FromResult(custom);
        }

        var path = request.Uri.AbsolutePath;
        if (path == "/v1/symbols")
        {
            return Ok("[" + string.Join(',', _symbols.Keys.Select(k => $"\"{k}\"")) + "]");
        }

        const string details = "/v1/symbols/details/";
        if (path.StartsWith(details, StringComparison.Ordinal) && _symbols.TryGetValue(path[details.Length..], out var s))
        {
            return Ok($"{{\"symbol\":\"{path[details.Length..].ToUpperInvariant()}\",\"base_currency\":\"{s.Base}\",\"quote_currency\":\"{s.Quote}\",\"tick_size\":1e-8,\"quote_increment\":0.01,\"min_order_size\":\"0.00001\",\"status\":\"open\"}}");
        }

        return Task.FromResult(new RestResponse(400, Encoding.UTF8.GetBytes("{\"result\":\"error\",\"reason\":\"InvalidSymbol\",\"message\":\"unknown\"}")));
    }

    private static Task<RestResponse> Ok(string body) => Task.FromResult(new RestResponse(200, Encoding.UTF8.GetBytes(body)));
}
