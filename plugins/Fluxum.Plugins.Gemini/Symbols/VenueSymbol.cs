using Fluxum.Sdk;

namespace Fluxum.Plugins.Gemini.Symbols;

/// <summary>A Gemini instrument: canonical symbol and the venue's name (BTCUSD) in the cases its APIs write it.</summary>
internal sealed class VenueSymbol
{
    public VenueSymbol(Symbol symbol, string name)
    {
        Symbol = symbol;
        Upper = name.ToUpperInvariant();
        Lower = name.ToLowerInvariant();
    }

    public Symbol Symbol { get; }

    /// <summary>Upper-case venue name (v2 frames, REST details): BTCUSD.</summary>
    public string Upper { get; }

    /// <summary>Lower-case venue name (new API streams, REST paths): btcusd.</summary>
    public string Lower { get; }
}
