using System.Text;
using Fluxum.Sdk.Transport;

namespace Fluxum.Benchmarks.Gemini;

/// <summary>Answers Gemini's symbol endpoints for the recording's ten instruments (no network in benchmarks).</summary>
internal sealed class RecordingSymbolsRest : IRestTransport
{
    public static readonly (string Venue, string Base, string Quote)[] Symbols =
    [
        ("btcgbp", "BTC", "GBP"), ("linketh", "LINK", "ETH"), ("filusd", "FIL", "USD"), ("zecltc", "ZEC", "LTC"), ("batbtc", "BAT", "BTC"),
        ("etheur", "ETH", "EUR"), ("ltceth", "LTC", "ETH"), ("grtusd", "GRT", "USD"), ("ankrusd", "ANKR", "USD"), ("alcxusd", "ALCX", "USD"),
    ];

    public Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken = default)
    {
        var path = request.Uri.AbsolutePath;
        var body = path == "/v1/symbols"
            ? "[" + string.Join(',', Symbols.Select(s => $"\"{s.Venue}\"")) + "]"
            : Symbols.Where(s => path.EndsWith("/" + s.Venue, StringComparison.Ordinal))
                .Select(s => $"{{\"symbol\":\"{s.Venue.ToUpperInvariant()}\",\"base_currency\":\"{s.Base}\",\"quote_currency\":\"{s.Quote}\"}}").Single();
        return Task.FromResult(new RestResponse(200, Encoding.UTF8.GetBytes(body)));
    }
}
