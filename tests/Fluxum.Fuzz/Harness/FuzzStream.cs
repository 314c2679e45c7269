using Fluxum.Sdk.Books;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Fuzz.Harness;

/// <summary>One venue API's stream to fuzz: how to build its decoder, connect it, and the frames of one loop.</summary>
internal abstract class FuzzStream
{
    /// <summary>The name on the command line and in the report (kraken, gemini-v2, gemini-ws).</summary>
    public abstract string Name { get; }

    /// <summary>The venue name the plugin and book manager use.</summary>
    public abstract string Venue { get; }

    public abstract IReadOnlyList<Symbol> Symbols { get; }

    /// <summary>The subscribed book depth (null: full book).</summary>
    public virtual int? Depth => null;

    /// <summary>
    /// A public-connection decoder built by the plugin's venue adapter, endpoint resolved (no network), and the book
    /// rules that venue declared.
    /// </summary>
    public abstract ValueTask<(IMarketDataProtocol Protocol, BookRules Rules)> CreateProtocolAsync(TimeProvider time, CancellationToken cancellationToken = default);

    /// <summary>How the frames name <paramref name="symbol"/> (e.g. <c>"symbol":"BTC/USD"</c>): to tell whether a damaged frame still did.</summary>
    public abstract byte[] SymbolText(Symbol symbol);

    /// <summary>
    /// Whether a snapshot the venue sent now for <paramref name="symbol"/> would reach the book manager as a checked
    /// snapshot. The harness answers resyncs straight into the manager, past the decoder: a decoder that would hold
    /// or mark unverified that snapshot (Kraken, while the symbol's precision is unknown) must not be bypassed.
    /// </summary>
    public virtual bool AnswersResync(IMarketDataProtocol protocol, Symbol symbol) => true;

    /// <summary>
    /// Whether the decoder holds <paramref name="symbol"/>'s book frames instead of passing them on (Kraken, while the
    /// symbol's precision is unknown: held, then released unverified with a report within a bounded time).
    /// </summary>
    public virtual bool Holds(IMarketDataProtocol protocol, Symbol symbol) => false;

    /// <summary>A (re)connect as the host does it: OnConnected, then book and trade subscriptions. Returns the requests sent.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Connect(IMarketDataProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var sent = new List<ReadOnlyMemory<byte>>(protocol.OnConnected());
        sent.AddRange(protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(Depth), Symbols)));
        sent.AddRange(protocol.EncodeSubscribe(new Subscription(MarketChannel.Trades, Symbols)));
        return sent;
    }

    /// <summary>The frames of one loop after a connect that sent <paramref name="requests"/>: the venue's answers, then the stream.</summary>
    public abstract IReadOnlyList<byte[]> Loop(IReadOnlyList<ReadOnlyMemory<byte>> requests);
}
