using System.Text.Json;
using Fluxum.Plugins.Gemini.Rest;
using Fluxum.Sdk;

namespace Fluxum.Plugins.Gemini.Symbols;

/// <summary>
/// Gemini's instruments, loaded once per plugin instance from <c>/v1/symbols</c> and
/// <c>/v1/symbols/details/:symbol</c> (base_currency/quote_currency split the name; lengths are never guessed).
/// </summary>
internal sealed class GeminiSymbolCatalog
{
    private const int MaxConcurrentDetails = 8;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Dictionary<Symbol, VenueSymbol>? _byCanonical;

    public bool IsLoaded => _byCanonical is not null;

    public IReadOnlyCollection<VenueSymbol> All => (IReadOnlyCollection<VenueSymbol>?)_byCanonical?.Values ?? [];

    /// <summary>Loads the catalog unless already loaded (one load per plugin instance).</summary>
    public async ValueTask EnsureLoadedAsync(GeminiRestClient rest, CancellationToken cancellationToken = default)
    {
        if (_byCanonical is not null)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_byCanonical is not null)
            {
                return;
            }

            var names = ParseNames(await rest.GetAsync("/v1/symbols", cancellationToken).ConfigureAwait(false));
            var map = new Dictionary<Symbol, VenueSymbol>();
            using var throttle = new SemaphoreSlim(MaxConcurrentDetails);
            var tasks = names.Select(async name =>
            {
                await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var body = await rest.GetAsync("/v1/symbols/details/" + Uri.EscapeDataString(name), cancellationToken).ConfigureAwait(false);
                    return ParseDetails(body, name);
                }
                finally
                {
                    throttle.Release();
                }
            }).ToArray();
            foreach (var symbol in await Task.WhenAll(tasks).ConfigureAwait(false))
            {
                map[symbol.Symbol] = symbol;
            }

            _byCanonical = map;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The instrument for <paramref name="symbol"/>; before loading, its venue name is BASE+QUOTE.</summary>
    public VenueSymbol? Find(Symbol symbol)
    {
        var map = _byCanonical;
        if (map is null)
        {
            return new VenueSymbol(symbol, symbol.Base + symbol.Quote);
        }

        return map.TryGetValue(symbol, out var found) ? found : null;
    }

    /// <summary>Why <paramref name="symbol"/> cannot be used, or null.</summary>
    public string? Problem(Symbol symbol) =>
        Find(symbol) is null
            ? $"gemini has no instrument {symbol} (symbol details list {_byCanonical!.Count} instruments, none with base {symbol.Base} and quote {symbol.Quote})"
            : null;

    /// <summary>Why the first unusable one of <paramref name="symbols"/> cannot be used, or null when all can.</summary>
    public string? Problem(IEnumerable<Symbol> symbols)
    {
        foreach (var symbol in symbols)
        {
            if (Problem(symbol) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    internal static List<string> ParseNames(ReadOnlyMemory<byte> body)
    {
        var names = new List<string>();
        var reader = new Utf8JsonReader(body.Span);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("/v1/symbols: expected an array of names");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            names.Add(reader.GetString()!);
        }

        return names;
    }

    internal static VenueSymbol ParseDetails(ReadOnlyMemory<byte> body, string requested)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (!root.TryGetProperty("base_currency", out var b) || !root.TryGetProperty("quote_currency", out var q))
        {
            throw new JsonException($"/v1/symbols/details/{requested}: base_currency or quote_currency missing");
        }

        var name = root.TryGetProperty("symbol", out var s) ? s.GetString() ?? requested : requested;
        return new VenueSymbol(new Symbol(b.GetString()!, q.GetString()!), name);
    }
}
