using System.Text;
using Fluxum.Sdk;

namespace Fluxum.Plugins.Gemini.Symbols;

/// <summary>A Gemini instrument: canonical symbol, the venue's name (BTCUSD) and its byte forms for frame lookups.</summary>
internal sealed class VenueSymbol
{
    public VenueSymbol(Symbol symbol, string name)
    {
        Symbol = symbol;
        Upper = name.ToUpperInvariant();
        Lower = name.ToLowerInvariant();
        UpperBytes = Encoding.ASCII.GetBytes(Upper);
    }

    public Symbol Symbol { get; }

    /// <summary>Upper-case venue name (v2 frames, REST details): BTCUSD.</summary>
    public string Upper { get; }

    /// <summary>Lower-case venue name (new API streams, REST paths): btcusd.</summary>
    public string Lower { get; }

    public byte[] UpperBytes { get; }

    /// <summary>ASCII case-insensitive match of a frame's symbol value.</summary>
    public bool Matches(ReadOnlySpan<byte> text)
    {
        if (text.Length != UpperBytes.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= (byte)'a' and <= (byte)'z')
            {
                c = (byte)(c - 32);
            }

            if (c != UpperBytes[i])
            {
                return false;
            }
        }

        return true;
    }
}
