using Fluxum.Plugins.Acme;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;

namespace Fluxum.Sdk.Testing.Tests;

/// <summary>The ways the deliberately broken plugins break the rules.</summary>
public enum Flaw
{
    NoName,
    RefusesWhatItOffers,
    EncodesNoSubscribe,
    ThrowsOnGarbage,
    SilentOnGarbage,
    PingIntervalWithoutPing,
    NegativePrices,
    WrongSymbols,
    NoSnapshot,
    ThrowsOnUnknownSymbol,
    ForgetsAfterReconnect,
    NoConnectionSequence,
    NoRestSnapshot,
}

/// <summary>The template's plugin with one <see cref="Flaw"/>.</summary>
internal sealed class BrokenPlugin(Flaw flaw) : IExchangePlugin, ISimulatorProvider
{
    private readonly AcmePlugin _inner = new();

    public PluginDescriptor Descriptor => flaw == Flaw.NoName ? _inner.Descriptor with { Name = "" } : _inner.Descriptor;

    public IReadOnlyList<SimulatedInstrument> SimulatedInstruments => _inner.SimulatedInstruments;

    public IVenueAdapter CreateVenue(VenueContext context) => new BrokenVenue(flaw, _inner.CreateVenue(context));

    public IVenueSimulator CreateSimulator(SimulatorOptions options) => _inner.CreateSimulator(options);

    private sealed class BrokenVenue(Flaw flaw, IVenueAdapter inner) : IVenueAdapter
    {
        public VenueCapabilities Capabilities => flaw switch
        {
            // Declares a strategy it does not follow: no connection sequence numbers, no REST snapshots.
            Flaw.NoConnectionSequence => inner.Capabilities with { BookSync = BookSync.SocketWithConnectionSequence },
            Flaw.NoRestSnapshot => inner.Capabilities with { BookSync = BookSync.RestSnapshot },
            _ => inner.Capabilities,
        };

        public IReadOnlyList<string> Problems => inner.Problems;

        public IMarketDataProtocol CreateProtocol(ConnectionKind kind) => new BrokenProtocol(flaw, inner.CreateProtocol(kind));
    }

    private sealed class BrokenProtocol(Flaw flaw, IMarketDataProtocol inner) : IMarketDataProtocol
    {
        private int _connections;

        public TimeSpan? PingInterval => inner.PingInterval;

        public ValueTask<WebSocketEndpoint> ResolveEndpointAsync(CancellationToken cancellationToken = default)
        {
            _connections++;
            return inner.ResolveEndpointAsync(cancellationToken);
        }

        public IReadOnlyList<ReadOnlyMemory<byte>> OnConnected() => inner.OnConnected();

        public string? Validate(Subscription subscription) =>
            flaw == Flaw.RefusesWhatItOffers && subscription.Channel.Kind == ChannelKind.Ohlc ? "no candles here" : inner.Validate(subscription);

        public IReadOnlyList<ReadOnlyMemory<byte>> EncodeSubscribe(Subscription subscription) => flaw switch
        {
            Flaw.EncodesNoSubscribe => [],
            Flaw.ThrowsOnUnknownSymbol when subscription.Symbols.Any(s => s.Base == "ZZZQ") => throw new KeyNotFoundException("unknown symbol"),
            Flaw.ForgetsAfterReconnect when _connections > 1 => [],
            _ => inner.EncodeSubscribe(subscription),
        };

        public IReadOnlyList<ReadOnlyMemory<byte>> EncodeUnsubscribe(Subscription subscription) => inner.EncodeUnsubscribe(subscription);

        public ReadOnlyMemory<byte> EncodePing() => flaw == Flaw.PingIntervalWithoutPing ? ReadOnlyMemory<byte>.Empty : inner.EncodePing();

        public void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink)
        {
            if (flaw == Flaw.ThrowsOnGarbage && (frame.Length == 0 || frame[0] != (byte)'{' || frame[^1] != (byte)'}'))
            {
                throw new FormatException("garbage");
            }

            inner.Decode(frame, receivedAt, flaw switch
            {
                Flaw.SilentOnGarbage => new SilentSink(sink),
                Flaw.NegativePrices or Flaw.WrongSymbols or Flaw.NoSnapshot => new TamperingSink(flaw, sink),
                _ => sink,
            });
        }
    }

    /// <summary>Drops every malformed-frame report.</summary>
    private sealed class SilentSink(IFrameSink inner) : IFrameSink
    {
        public void Publish(MarketEvent marketEvent) => inner.Publish(marketEvent);

        public void Book(in BookFrame frame) => inner.Book(frame);

        public void Malformed(string reason, ReadOnlySpan<byte> frame)
        {
        }

        public void BookMalformed(Symbol symbol, string reason, ReadOnlySpan<byte> frame)
        {
        }

        public void UnattributedBookMalformed(string reason, ReadOnlySpan<byte> frame)
        {
        }
    }

    /// <summary>Changes what the protocol decoded as the flaw says.</summary>
    private sealed class TamperingSink(Flaw flaw, IFrameSink inner) : IFrameSink
    {
        public void Publish(MarketEvent marketEvent) => inner.Publish(marketEvent switch
        {
            Trade trade when flaw == Flaw.NegativePrices => trade with { Price = -trade.Price },
            Trade trade when flaw == Flaw.WrongSymbols => trade with { Symbol = new Symbol(trade.Symbol.Quote, trade.Symbol.Base) },
            Ticker ticker when flaw == Flaw.WrongSymbols => ticker with { Symbol = new Symbol(ticker.Symbol.Quote, ticker.Symbol.Base) },
            _ => marketEvent,
        });

        public void Book(in BookFrame frame)
        {
            if (flaw == Flaw.NoSnapshot && frame.IsSnapshot)
            {
                inner.Book(new BookFrame(frame.Symbol, isSnapshot: false, frame.Changes, frame.ReceivedAt) { FirstSequence = frame.FirstSequence, LastSequence = frame.LastSequence, ExchangeTime = frame.ExchangeTime });
                return;
            }

            inner.Book(frame);
        }

        public void Malformed(string reason, ReadOnlySpan<byte> frame) => inner.Malformed(reason, frame);

        public void BookMalformed(Symbol symbol, string reason, ReadOnlySpan<byte> frame) => inner.BookMalformed(symbol, reason, frame);

        public void UnattributedBookMalformed(string reason, ReadOnlySpan<byte> frame) => inner.UnattributedBookMalformed(reason, frame);
    }
}
