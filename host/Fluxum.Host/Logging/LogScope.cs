using System.Collections;
using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Logging;

/// <summary>
/// The state of a logger scope: key/value pairs the JSON formatter writes as fields of the entry's scope
/// (<c>venue</c>, <c>connection</c> = <c>public</c>/<c>account</c>, <c>symbol</c>), and a short text the text
/// formatter writes before the message (<c>kraken/public</c>, <c>BTC/USD</c>). Begun once per session run
/// or per symbol line, never per frame.
/// </summary>
internal sealed class LogScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The field naming the venue.</summary>
    public const string VenueKey = "venue";

    /// <summary>The field naming the connection: <c>public</c> or <c>account</c>.</summary>
    public const string ConnectionKey = "connection";

    /// <summary>The field naming the symbol.</summary>
    public const string SymbolKey = "symbol";

    private readonly KeyValuePair<string, object?>[] _fields;
    private readonly string _text;

    private LogScope(string text, params KeyValuePair<string, object?>[] fields)
    {
        _text = text;
        _fields = fields;
    }

    /// <inheritdoc />
    public int Count => _fields.Length;

    /// <inheritdoc />
    public KeyValuePair<string, object?> this[int index] => _fields[index];

    /// <summary>How a connection is named in logs: <c>public</c> or <c>account</c>.</summary>
    public static string ConnectionName(ConnectionKind kind) => kind == ConnectionKind.Public ? "public" : "account";

    /// <summary>One connection of a venue: <c>venue</c> and <c>connection</c>, text <c>kraken/public</c>.</summary>
    public static LogScope Connection(string venue, ConnectionKind kind)
    {
        ArgumentNullException.ThrowIfNull(venue);
        var connection = ConnectionName(kind);
        return new LogScope($"{venue}/{connection}", new(VenueKey, venue), new(ConnectionKey, connection));
    }

    /// <summary>A venue's own lines (its simulator, its fault): <c>venue</c>, text <c>kraken</c>.</summary>
    public static LogScope ForVenue(string venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        return new LogScope(venue, new KeyValuePair<string, object?>(VenueKey, venue));
    }

    /// <summary>One symbol (inside a connection's scope): <c>symbol</c>, text <c>BTC/USD</c>.</summary>
    public static LogScope ForSymbol(Symbol symbol)
    {
        var text = symbol.ToString();
        return new LogScope(text, new KeyValuePair<string, object?>(SymbolKey, text));
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_fields).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The text the text formatter shows: <c>kraken/public</c> or <c>BTC/USD</c>.</summary>
    public override string ToString() => _text;
}
