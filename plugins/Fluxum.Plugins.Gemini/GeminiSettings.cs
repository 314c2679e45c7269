using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Gemini;

/// <summary>The plugin's settings (<c>VenueContext.Settings</c>) and their checks.</summary>
internal static class GeminiSettings
{
    public const string ApiKey = "api";
    public const string LedgerSymbolsKey = "ledger_symbols";
    public const string ApiWs = "ws";
    public const string ApiV2 = "v2";

    public static string Api(VenueContext context) => context.Setting(ApiKey, ApiWs).Trim().ToLowerInvariant();

    public static IReadOnlyList<Symbol>? LedgerSymbols(VenueContext context) =>
        context.Settings.TryGetValue(LedgerSymbolsKey, out var text)
            ? [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Symbol.Parse)]
            : null;

    public static List<string> Problems(VenueContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<string>();
        var api = Api(context);
        if (api is not (ApiWs or ApiV2))
        {
            problems.Add($"settings.{ApiKey}: '{context.Setting(ApiKey, string.Empty)}' is not a gemini API; use '{ApiWs}' (new WebSocket API, default) or '{ApiV2}' (market data v2)");
        }

        foreach (var (name, uri) in context.Endpoints)
        {
            if (name is not (GeminiEndpoints.Ws or GeminiEndpoints.WsV2 or GeminiEndpoints.Rest))
            {
                problems.Add($"endpoints.{name}: gemini has no endpoint of that name (known: {GeminiEndpoints.Ws}, {GeminiEndpoints.WsV2}, {GeminiEndpoints.Rest})");
            }
            else if (!uri.IsAbsoluteUri)
            {
                problems.Add($"endpoints.{name}: '{uri}' is not an absolute URI");
            }
        }

        if (context.Settings.TryGetValue(LedgerSymbolsKey, out var symbols))
        {
            foreach (var part in symbols.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Symbol.TryParse(part, out _))
                {
                    problems.Add($"settings.{LedgerSymbolsKey}: '{part}' is not a symbol (expected BASE/QUOTE, e.g. BTC/USD)");
                }
            }
        }

        return problems;
    }
}
