using System.Diagnostics.CodeAnalysis;

namespace Fluxum.Sdk;

/// <summary>
/// A canonical instrument name, <c>BASE/QUOTE</c> in upper case (for example <c>BTC/USD</c>).
/// Venues spell symbols their own way (<c>XBT/USD</c>, <c>XXBTZUSD</c>, <c>btcusd</c>); each plugin maps
/// its names to this form, so user code never sees a venue spelling.
/// </summary>
public readonly record struct Symbol : IComparable<Symbol>
{
    private readonly string? _text;

    /// <summary>Creates a symbol from its base and quote asset codes (case-insensitive, stored upper case).</summary>
    /// <exception cref="ArgumentException">An asset code is empty, or contains '/' or white space.</exception>
    public Symbol(string @base, string quote)
    {
        Base = Normalize(@base, nameof(@base));
        Quote = Normalize(quote, nameof(quote));
        _text = Base + "/" + Quote;
    }

    /// <summary>The base asset (what is bought or sold), e.g. <c>BTC</c>.</summary>
    public string Base { get; } = string.Empty;

    /// <summary>The quote asset (what prices are in), e.g. <c>USD</c>.</summary>
    public string Quote { get; } = string.Empty;

    /// <summary>Parses <c>BASE/QUOTE</c>.</summary>
    /// <exception cref="FormatException">The text is not of that form.</exception>
    public static Symbol Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var symbol)
            ? symbol
            : throw new FormatException($"'{text}' is not a symbol: expected BASE/QUOTE, for example BTC/USD.");
    }

    /// <summary>Parses <c>BASE/QUOTE</c>, returning false when the text is not of that form.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Symbol symbol)
    {
        symbol = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1 || text.IndexOf('/', slash + 1) >= 0)
        {
            return false;
        }

        var b = text[..slash].Trim();
        var q = text[(slash + 1)..].Trim();
        if (!IsAssetCode(b) || !IsAssetCode(q))
        {
            return false;
        }

        symbol = new Symbol(b, q);
        return true;
    }

    /// <summary>True for the default value, which names no instrument.</summary>
    public bool IsEmpty => _text is null;

    /// <inheritdoc />
    public override string ToString() => _text ?? string.Empty;

    /// <inheritdoc />
    public int CompareTo(Symbol other) => string.CompareOrdinal(_text, other._text);

    /// <inheritdoc />
    public bool Equals(Symbol other) => string.Equals(_text, other._text);

    /// <inheritdoc />
    public override int GetHashCode() => _text is null ? 0 : StringComparer.Ordinal.GetHashCode(_text);

    private static string Normalize(string code, string name)
    {
        ArgumentNullException.ThrowIfNull(code, name);
        var trimmed = code.Trim();
        if (!IsAssetCode(trimmed))
        {
            throw new ArgumentException($"'{code}' is not an asset code (letters and digits, no '/').", name);
        }

        return trimmed.ToUpperInvariant();
    }

    private static bool IsAssetCode(string code)
    {
        if (code.Length == 0)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
