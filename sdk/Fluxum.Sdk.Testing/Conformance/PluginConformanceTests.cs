using System.Text;
using System.Text.Json;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Sinks;
using Fluxum.Sdk.Testing.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Fluxum.Sdk.Testing.Conformance;

/// <summary>
/// The rules every Fluxum exchange plugin must follow, as xunit tests a plugin's test project inherits:
/// <c>public sealed class AcmeConformance : PluginConformanceTests { protected override IExchangePlugin CreatePlugin() => new AcmePlugin(); }</c>.
/// The offline rules drive the plugin's adapter and protocol directly; the simulator rules start the plugin's own
/// simulator (<see cref="ISimulatorProvider"/>) on 127.0.0.1 and talk to it over a real WebSocket through
/// <see cref="VenueHarness"/>. Override the members below to fit a venue (settings, symbols, patience).
/// </summary>
public abstract class PluginConformanceTests
{
    /// <summary>The plugin under test (a new instance per call).</summary>
    protected abstract IExchangePlugin CreatePlugin();

    /// <summary>The venue's settings in the conformance runs.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    /// <summary>The venue name in the conformance runs.</summary>
    protected virtual string Venue => "conformance";

    /// <summary>How long to wait for a simulator to deliver something.</summary>
    protected virtual TimeSpan Patience => TimeSpan.FromSeconds(20);

    /// <summary>The symbols the simulator rules subscribe: the simulator's first two instruments.</summary>
    protected virtual IReadOnlyList<Symbol> ConformanceSymbols(ISimulatorProvider simulator)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        return [.. simulator.SimulatedInstruments.Take(2).Select(i => i.Symbol)];
    }

    /// <summary>Frames no decoder may throw on, and each of which it must report as malformed.</summary>
    protected virtual IEnumerable<byte[]> MalformedFrames =>
    [
        [],
        "{"u8.ToArray(),
        "not json at all"u8.ToArray(),
        "[1,2"u8.ToArray(),
        """{"a":}"""u8.ToArray(),
        [0xFF, 0xFE, 0x00, 0x7B],
        Encoding.UTF8.GetBytes(new string('[', 5000)),
        """{"type":"book","symbol":"""u8.ToArray(),
    ];

    /// <summary>Rule: the descriptor names the plugin (lower-case, no spaces) and gives a version.</summary>
    [Fact]
    public void Descriptor_NamesThePluginAndItsVersion()
    {
        var descriptor = CreatePlugin().Descriptor;

        Assert.False(string.IsNullOrWhiteSpace(descriptor.Name), "the descriptor has no name");
        Assert.True(descriptor.Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'), $"plugin name '{descriptor.Name}' must be lower-case letters, digits, '-' or '_' (it is the plugin: key in fluxum.yaml)");
        Assert.NotNull(descriptor.Version);
    }

    /// <summary>Rule: the adapter is created without I/O and without problems from empty settings; every public channel it offers passes its own checks (capabilities and the protocol's validation agree).</summary>
    [Fact]
    public void Capabilities_EveryOfferedChannelPassesTheVenuesOwnChecks()
    {
        var adapter = CreateAdapter(VenueMode.Live);
        Assert.Empty(adapter.Problems);
        Assert.NotEmpty(adapter.Capabilities.Public);
        var protocol = adapter.CreateProtocol(ConnectionKind.Public);
        foreach (var offer in adapter.Capabilities.Public)
        {
            var subscription = SubscriptionFor(offer, OfflineSymbols());
            Assert.Null(adapter.Capabilities.Check(ConnectionKind.Public, subscription));
            var problem = protocol.Validate(subscription);
            Assert.True(problem is null, $"{subscription.Channel} is offered but the protocol refuses it: {problem}");
        }

        Assert.Equal(adapter.Capabilities.Public.Count, adapter.Capabilities.Public.Select(o => o.Kind).Distinct().Count());
    }

    /// <summary>Rule: every offered channel encodes a subscribe and an unsubscribe, each at least one well-formed text message, and they differ.</summary>
    [Fact]
    public void Subscribe_EveryOfferedChannelEncodesSubscribeAndUnsubscribe()
    {
        var adapter = CreateAdapter(VenueMode.Live);
        var protocol = adapter.CreateProtocol(ConnectionKind.Public);
        foreach (var offer in adapter.Capabilities.Public)
        {
            var subscription = SubscriptionFor(offer, OfflineSymbols());
            var subscribe = protocol.EncodeSubscribe(subscription);
            var unsubscribe = protocol.EncodeUnsubscribe(subscription);
            Assert.True(subscribe.Count > 0, $"{subscription.Channel}: EncodeSubscribe returned no message");
            Assert.True(unsubscribe.Count > 0, $"{subscription.Channel}: EncodeUnsubscribe returned no message");
            foreach (var message in subscribe.Concat(unsubscribe))
            {
                AssertWellFormed(message, subscription.Channel);
            }

            Assert.False(subscribe.Select(m => Convert.ToHexString(m.Span)).SequenceEqual(unsubscribe.Select(m => Convert.ToHexString(m.Span))), $"{subscription.Channel}: subscribe and unsubscribe encode the same bytes");
        }
    }

    /// <summary>Rule: a frame that cannot be read is reported to the sink as malformed, never thrown, and publishes nothing.</summary>
    [Fact]
    public void Decode_MalformedFramesAreReportedNeverThrown()
    {
        var protocol = CreateAdapter(VenueMode.Live).CreateProtocol(ConnectionKind.Public);
        foreach (var frame in MalformedFrames)
        {
            var sink = new RecordingFrameSink();
            var thrown = Record.Exception(() => protocol.Decode(frame, DateTimeOffset.UtcNow, sink));
            var shown = Encoding.UTF8.GetString(frame.AsSpan(0, Math.Min(frame.Length, 40)));
            Assert.True(thrown is null, $"Decode threw {thrown?.GetType().Name} on '{shown}': a malformed frame must be reported to the sink, not thrown");
            Assert.True(sink.MalformedFrames.Count > 0, $"Decode said nothing about the malformed frame '{shown}'");
            Assert.Empty(sink.Events.Where(e => e is SymbolEvent));
        }
    }

    /// <summary>Rule: a protocol with a keep-alive interval encodes a ping.</summary>
    [Fact]
    public void KeepAlive_AnIntervalComesWithAPing()
    {
        var protocol = CreateAdapter(VenueMode.Live).CreateProtocol(ConnectionKind.Public);
        if (protocol.PingInterval is { } interval)
        {
            Assert.True(interval > TimeSpan.Zero, "the ping interval must be positive");
            Assert.False(protocol.EncodePing().IsEmpty, $"PingInterval is {interval} but EncodePing returns nothing");
        }
    }

    /// <summary>
    /// Rule (simulator): every offered public channel delivers normalized events that obey <see cref="EventRules"/>,
    /// for exactly the symbols subscribed (canonical symbols in, canonical symbols out), with their timestamps set;
    /// nothing is reported malformed.
    /// </summary>
    [Fact]
    public async Task Simulator_EveryOfferedChannelDeliversValidEventsForTheSubscribedSymbols()
    {
        await using var run = await StartAsync().ConfigureAwait(true);
        var harness = run.Harness;
        foreach (var offer in run.Adapter.Capabilities.Public)
        {
            await harness.SubscribeAsync(SubscriptionFor(offer, run.Symbols)).ConfigureAwait(true);
        }

        foreach (var offer in run.Adapter.Capabilities.Public)
        {
            await VenueHarness.WaitUntilAsync(() => Delivered(harness.Sink, offer.Kind, run.Symbols), $"{offer.Kind} data for {string.Join(", ", run.Symbols)}", Patience).ConfigureAwait(true);
        }

        foreach (var marketEvent in harness.Sink.Events)
        {
            Assert.Null(EventRules.Violation(marketEvent));
            Assert.Equal(Venue, marketEvent.Venue);
            Assert.NotEqual(default, marketEvent.ReceivedAt);
            if (marketEvent is SymbolEvent symbolEvent && marketEvent is Trade or Ticker or Ohlc)
            {
                Assert.Contains(symbolEvent.Symbol, run.Symbols);
            }
        }

        Assert.All(harness.Sink.BookFrames, f => Assert.Contains(f.Symbol, run.Symbols));
        Assert.Empty(harness.Sink.MalformedFrames);
    }

    /// <summary>Rule (simulator): each book starts from a snapshot, passes every check its rules declare, and is served good, uncrossed and two-sided.</summary>
    [Fact]
    public async Task Simulator_BooksStartFromASnapshotAndPassTheirChecks()
    {
        await using var run = await StartAsync().ConfigureAwait(true);
        var offer = run.Adapter.Capabilities.Offer(ConnectionKind.Public, ChannelKind.Book);
        if (offer is null)
        {
            return; // No book: nothing to check.
        }

        await run.Harness.SubscribeAsync(SubscriptionFor(offer, run.Symbols)).ConfigureAwait(true);
        var books = run.Harness.Books;
        await VenueHarness.WaitUntilAsync(() => run.Symbols.All(s => !books.IsStale(s) && books.Top(s) is not null) && books.Counters.Updates >= 2 * run.Symbols.Count, "every book good and updated twice", Patience).ConfigureAwait(true);

        foreach (var symbol in run.Symbols)
        {
            var first = run.Harness.Sink.BookFrames.First(f => f.Symbol == symbol);
            Assert.True(first.IsSnapshot || run.Adapter.Capabilities.BookSync == BookSync.RestSnapshot, $"{symbol}: the first book message is not a snapshot");
            var top = books.Top(symbol)!.Value;
            Assert.True(top.Bid.Price < top.Ask.Price, $"{symbol}: crossed or locked book {top.Bid.Price} / {top.Ask.Price}");
        }

        Assert.Equal(0, books.Counters.Gaps);
        Assert.Equal(0, books.Counters.ChecksumFailures);
        Assert.Equal(0, books.Counters.Crossed);
        Assert.Empty(run.Harness.Sink.OfType<DataQualityEvent>().Where(e => e.Kind is DataQualityKind.Gap or DataQualityKind.ChecksumMismatch or DataQualityKind.Crossed));
        if (run.Adapter.Capabilities.BookRules.Checksum is not null)
        {
            Assert.True(books.Counters.ChecksumsVerified > 0, "the venue declares a checksum but none was verified");
        }
    }

    /// <summary>Rule (simulator): an unknown symbol is refused by the checks or answered by the venue with an error; nothing throws and the connection keeps serving the known ones.</summary>
    [Fact]
    public async Task Simulator_AnUnknownSymbolIsRefusedAndTheRestKeepsFlowing()
    {
        await using var run = await StartAsync().ConfigureAwait(true);
        var offer = run.Adapter.Capabilities.Public[0];
        var unknown = new Subscription(SubscriptionFor(offer, run.Symbols).Channel, [Symbol.Parse("ZZZQ/QQQZ")]);
        var protocol = run.Protocol;
        var refused = run.Adapter.Capabilities.Check(ConnectionKind.Public, unknown) ?? protocol.Validate(unknown);
        if (refused is null)
        {
            var thrown = await Record.ExceptionAsync(() => run.Harness.SubscribeAsync(unknown)).ConfigureAwait(true);
            Assert.True(thrown is null, $"subscribing an unknown symbol threw {thrown?.GetType().Name}: {thrown?.Message}");
            await VenueHarness.WaitUntilAsync(() => run.Harness.Sink.Events.Any(e => e is VenueError or SubscriptionAck { Success: false }), "the venue's error for the unknown symbol", Patience).ConfigureAwait(true);
        }

        await run.Harness.SubscribeAsync(SubscriptionFor(offer, run.Symbols)).ConfigureAwait(true);
        await VenueHarness.WaitUntilAsync(() => Delivered(run.Harness.Sink, offer.Kind, run.Symbols), $"{offer.Kind} data after the refusal", Patience).ConfigureAwait(true);
    }

    /// <summary>Rule (simulator): after the simulator drops every connection, a new connection with the same subscriptions gets data (and good books) again.</summary>
    [Fact]
    public async Task Simulator_AfterDroppedConnectionsReconnectAndResubscribeRestoreTheData()
    {
        await using var run = await StartAsync().ConfigureAwait(true);
        var subscriptions = run.Adapter.Capabilities.Public.Select(o => SubscriptionFor(o, run.Symbols)).ToList();
        foreach (var subscription in subscriptions)
        {
            await run.Harness.SubscribeAsync(subscription).ConfigureAwait(true);
        }

        var kind = subscriptions[0].Channel.Kind;
        await VenueHarness.WaitUntilAsync(() => Delivered(run.Harness.Sink, kind, run.Symbols), $"{kind} data", Patience).ConfigureAwait(true);
        Assert.True(run.Simulator.Inject(SimulatorFault.DropConnections()), "the simulator cannot drop its connections");
        await run.Harness.Closed.WaitAsync(Patience).ConfigureAwait(true);

        run.Harness.Sink.Clear();
        await run.Harness.ConnectAsync().ConfigureAwait(true);
        foreach (var subscription in subscriptions)
        {
            await run.Harness.SubscribeAsync(subscription).ConfigureAwait(true);
        }

        await VenueHarness.WaitUntilAsync(() => Delivered(run.Harness.Sink, kind, run.Symbols), $"{kind} data after reconnecting", Patience).ConfigureAwait(true);
        if (subscriptions.Any(s => s.Channel.Kind == ChannelKind.Book))
        {
            await VenueHarness.WaitUntilAsync(() => run.Symbols.All(s => !run.Harness.Books.IsStale(s)), "good books after reconnecting", Patience).ConfigureAwait(true);
        }
    }

    /// <summary>
    /// Rule (simulator, strategy (c), <see cref="BookSync.SocketWithConnectionSequence"/>): every message reports the
    /// connection's sequence number, each one more than the last; when the simulator skips one, every book goes stale,
    /// everything is subscribed again and the books come back good.
    /// </summary>
    [Fact]
    public async Task Simulator_ConnectionSequence_AGapStalesEveryBookAndResubscribes()
    {
        await using var run = await StartAsync().ConfigureAwait(true);
        if (run.Adapter.Capabilities.BookSync != BookSync.SocketWithConnectionSequence || run.Adapter.Capabilities.Offer(ConnectionKind.Public, ChannelKind.Book) is not { } offer)
        {
            return; // Not this strategy: nothing to check.
        }

        var books = run.Harness.Books;
        await run.Harness.SubscribeAsync(SubscriptionFor(offer, run.Symbols)).ConfigureAwait(true);
        await VenueHarness.WaitUntilAsync(() => run.Symbols.All(s => !books.IsStale(s) && books.Top(s) is not null), "every book good", Patience).ConfigureAwait(true);
        var sequences = run.Harness.Sink.ConnectionSequences;
        Assert.True(sequences.Count > 0, "the venue declares SocketWithConnectionSequence but its protocol reports no connection sequence numbers (IFrameSink.ConnectionSequence)");
        Assert.True(sequences.Zip(sequences.Skip(1)).All(p => p.Second == p.First + 1), $"the connection sequence numbers do not grow by one: {string.Join(", ", sequences.Take(20))}");
        Assert.Equal(0, run.Harness.ConnectionSequenceGaps);

        var snapshots = books.Counters.Snapshots;
        Assert.True(run.Simulator.Inject(SimulatorFault.SkipSequence(run.Symbols[0])), "the simulator cannot skip a connection sequence number (SimulatorFault.SkipSequence)");
        await VenueHarness.WaitUntilAsync(() => run.Harness.ConnectionSequenceGaps > 0, "the skipped sequence number seen as a gap", Patience).ConfigureAwait(true);
        await VenueHarness.WaitUntilAsync(() => books.Counters.Snapshots >= snapshots + run.Symbols.Count && run.Symbols.All(s => !books.IsStale(s)), "fresh snapshots and good books after resubscribing", Patience).ConfigureAwait(true);
    }

    /// <summary>
    /// Rule (simulator, strategy (b), <see cref="BookSync.RestSnapshot"/>): books are synced from REST snapshots stitched
    /// to the diff stream; a snapshot older than the buffered diffs is fetched again, and a gap in one symbol's update ids
    /// resyncs that symbol alone.
    /// </summary>
    [Fact]
    public async Task Simulator_RestSnapshot_AStaleSnapshotIsRetriedAndAGapResyncsThatSymbolAlone()
    {
        await using var run = await StartAsync().ConfigureAwait(true);
        if (run.Adapter.Capabilities.BookSync != BookSync.RestSnapshot || run.Adapter.Capabilities.Offer(ConnectionKind.Public, ChannelKind.Book) is not { } offer)
        {
            return; // Not this strategy: nothing to check.
        }

        var harness = run.Harness;
        var books = harness.Books;
        await harness.SubscribeAsync(SubscriptionFor(offer, run.Symbols)).ConfigureAwait(true);
        await VenueHarness.WaitUntilAsync(() => run.Symbols.All(s => !books.IsStale(s) && books.Top(s) is not null) && books.Counters.Updates >= 2 * run.Symbols.Count, "every book synced and updated twice", Patience).ConfigureAwait(true);
        Assert.True(harness.SnapshotsFetched >= run.Symbols.Count, $"the venue declares RestSnapshot but only {harness.SnapshotsFetched} REST snapshots were fetched for {run.Symbols.Count} books");
        Assert.Equal(0, harness.UpdateIdGaps);

        var target = run.Symbols[0];
        var others = run.Symbols.Skip(1).ToList();
        var tooOld = harness.SnapshotsTooOld;
        harness.Sink.Clear();
        Assert.True(run.Simulator.Inject(SimulatorFault.StaleSnapshot(target)), "the simulator cannot serve a stale snapshot (SimulatorFault.StaleSnapshot)");
        Assert.True(run.Simulator.Inject(SimulatorFault.SkipSequence(target)), "the simulator cannot skip an update id (SimulatorFault.SkipSequence)");
        await VenueHarness.WaitUntilAsync(() => harness.UpdateIdGaps > 0, $"the skipped update id of {target} seen as a gap", Patience).ConfigureAwait(true);
        await VenueHarness.WaitUntilAsync(() => harness.SnapshotsTooOld > tooOld, $"the stale snapshot of {target} refused as too old", Patience).ConfigureAwait(true);
        await VenueHarness.WaitUntilAsync(() => !books.IsStale(target), $"{target} synced again", Patience).ConfigureAwait(true);
        Assert.All(others, s => Assert.False(books.IsStale(s), $"{s} went stale for a gap in {target}"));
        Assert.Empty(harness.Sink.OfType<DataQualityEvent>().Where(e => e.Symbol is { } s && others.Contains(s)));
    }

    /// <summary>A subscription to the channel of <paramref name="offer"/> as the offer allows (its first depth or interval).</summary>
    protected static Subscription SubscriptionFor(ChannelOffer offer, IReadOnlyList<Symbol> symbols)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var channel = offer.Kind switch
        {
            ChannelKind.Ticker => MarketChannel.Ticker,
            ChannelKind.Trades => MarketChannel.Trades,
            ChannelKind.Ledger => MarketChannel.Ledger,
            ChannelKind.Ohlc => MarketChannel.Ohlc(offer.Intervals is { Count: > 0 } intervals ? intervals[0] : TimeSpan.FromMinutes(1)),
            _ => MarketChannel.Book(offer.Depths is { Count: > 0 } depths ? depths[0] : 10),
        };
        return new Subscription(channel, offer.NeedsSymbols ? [.. symbols] : []);
    }

    /// <summary>Creates the venue adapter with the conformance settings, offline.</summary>
    protected IVenueAdapter CreateAdapter(VenueMode mode, IReadOnlyDictionary<string, Uri>? endpoints = null) => CreatePlugin().CreateVenue(Context(mode, endpoints, new NoRestTransport()));

    private static bool Delivered(RecordingFrameSink sink, ChannelKind kind, IReadOnlyList<Symbol> symbols) => kind switch
    {
        ChannelKind.Ticker => symbols.All(s => sink.OfType<Ticker>().Any(t => t.Symbol == s)),
        ChannelKind.Trades => symbols.All(s => sink.OfType<Trade>().Any(t => t.Symbol == s)),
        ChannelKind.Ohlc => symbols.All(s => sink.OfType<Ohlc>().Any(t => t.Symbol == s)),
        ChannelKind.Book => symbols.All(s => sink.BookFrames.Any(f => f.Symbol == s)),
        _ => true,
    };

    private static void AssertWellFormed(ReadOnlyMemory<byte> message, MarketChannel channel)
    {
        Assert.False(message.IsEmpty, $"{channel}: an empty message");
        var text = Encoding.UTF8.GetString(message.Span);
        Assert.True(Encoding.UTF8.GetByteCount(text) == message.Length && !text.Contains('\uFFFD', StringComparison.Ordinal), $"{channel}: a message that is not UTF-8 text");
        if (text.TrimStart() is ['{', ..] or ['[', ..])
        {
            var thrown = Record.Exception(() => JsonDocument.Parse(message).Dispose());
            Assert.True(thrown is null, $"{channel}: a message that is not valid JSON: {text}");
        }
    }

    private IReadOnlyList<Symbol> OfflineSymbols() =>
        CreatePlugin() is ISimulatorProvider simulator ? ConformanceSymbols(simulator) : [Symbol.Parse("BTC/USD")];

    private VenueContext Context(VenueMode mode, IReadOnlyDictionary<string, Uri>? endpoints, Fluxum.Sdk.Transport.IRestTransport rest) => new()
    {
        Venue = Venue,
        Mode = mode,
        Settings = Settings,
        Endpoints = endpoints ?? new Dictionary<string, Uri>(),
        Rest = rest,
        LoggerFactory = NullLoggerFactory.Instance,
    };

    private async Task<SimulatorRun> StartAsync()
    {
        var plugin = CreatePlugin();
        Assert.True(plugin is ISimulatorProvider, "the plugin ships no simulator: every plugin needs one for its tests and for simulated deployments");
        var provider = (ISimulatorProvider)plugin;
        var simulator = provider.CreateSimulator(new SimulatorOptions { Seed = 7, TickInterval = TimeSpan.FromMilliseconds(20) });
        var rest = new LoopbackRestTransport();
        try
        {
            await simulator.StartAsync().ConfigureAwait(false);
            var adapter = plugin.CreateVenue(Context(VenueMode.Simulated, simulator.Endpoints, rest));
            Assert.Empty(adapter.Problems);
            var protocol = adapter.CreateProtocol(ConnectionKind.Public);
            var harness = new VenueHarness(Venue, adapter, protocol);
            var run = new SimulatorRun(simulator, adapter, protocol, harness, rest, ConformanceSymbols(provider));
            await harness.ConnectAsync().ConfigureAwait(false);
            return run;
        }
        catch
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
            rest.Dispose();
            throw;
        }
    }

    private sealed record SimulatorRun(IVenueSimulator Simulator, IVenueAdapter Adapter, IMarketDataProtocol Protocol, VenueHarness Harness, LoopbackRestTransport Rest, IReadOnlyList<Symbol> Symbols) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Harness.DisposeAsync().ConfigureAwait(false);
            await Simulator.DisposeAsync().ConfigureAwait(false);
            Rest.Dispose();
        }
    }

    /// <summary>The offline rules do no I/O: a REST call from them is a bug in the plugin.</summary>
    private sealed class NoRestTransport : Fluxum.Sdk.Transport.IRestTransport
    {
        public Task<Fluxum.Sdk.Transport.RestResponse> SendAsync(Fluxum.Sdk.Transport.RestRequest request, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException($"an offline conformance rule made a REST call to {request?.Uri}");
    }
}
