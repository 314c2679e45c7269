using Fluxum.Sdk.Books;
using System.Text;
using Fluxum.Plugins.Gemini;
using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Fuzz.Streams;

/// <summary>The Gemini recording's ten instruments, answered as Gemini's symbol endpoints would (no network).</summary>
internal sealed class GeminiSymbols : IRestTransport
{
    public static readonly (string Venue, string Base, string Quote)[] All =
    [
        ("btcgbp", "BTC", "GBP"), ("linketh", "LINK", "ETH"), ("filusd", "FIL", "USD"), ("zecltc", "ZEC", "LTC"), ("batbtc", "BAT", "BTC"),
        ("etheur", "ETH", "EUR"), ("ltceth", "LTC", "ETH"), ("grtusd", "GRT", "USD"), ("ankrusd", "ANKR", "USD"), ("alcxusd", "ALCX", "USD"),
    ];

    public static IReadOnlyList<Symbol> Symbols { get; } = [.. All.Select(s => new Symbol(s.Base, s.Quote))];

    public static string VenueSymbol(Symbol symbol) => All.Single(s => new Symbol(s.Base, s.Quote).Equals(symbol)).Venue;

    /// <summary>A public-connection protocol of a fresh plugin for <paramref name="api"/> (v2 or ws), symbols loaded.</summary>
    public static async ValueTask<(IMarketDataProtocol Protocol, BookRules Rules)> CreateAsync(string api, TimeProvider time, CancellationToken cancellationToken)
    {
        var context = new VenueContext
        {
            Venue = GeminiPlugin.VenueName,
            Rest = new GeminiSymbols(),
            LoggerFactory = NullLoggerFactory.Instance,
            Time = time,
            Settings = new Dictionary<string, string> { ["api"] = api },
        };
        var venue = new GeminiPlugin().CreateVenue(context);
        var protocol = venue.CreateProtocol(ConnectionKind.Public);
        await protocol.ResolveEndpointAsync(cancellationToken).ConfigureAwait(false);
        return (protocol, venue.Capabilities.BookRules);
    }

    public Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Uri.AbsolutePath;
        var body = path == "/v1/symbols"
            ? "[" + string.Join(',', All.Select(s => $"\"{s.Venue}\"")) + "]"
            : All.Where(s => path.EndsWith("/" + s.Venue, StringComparison.Ordinal))
                .Select(s => $"{{\"symbol\":\"{s.Venue.ToUpperInvariant()}\",\"base_currency\":\"{s.Base}\",\"quote_currency\":\"{s.Quote}\"}}").Single();
        return Task.FromResult(new RestResponse(200, Encoding.UTF8.GetBytes(body)));
    }
}
