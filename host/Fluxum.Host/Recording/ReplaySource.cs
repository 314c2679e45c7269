using Fluxum.Host.MarketData;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Recording;

/// <summary>
/// Plays one venue's frames from a recording through the live path: a fresh protocol instance decodes
/// them (as if they came off a socket, with their recorded receive times) into the venue's
/// <see cref="VenueFeed"/>, so the hub and the books see exactly what the live run saw.
/// </summary>
internal sealed partial class ReplaySource
{
    private readonly string _path;
    private readonly VenueFeed _feed;
    private readonly IMarketDataProtocol _protocol;
    private readonly IReadOnlyList<Subscription> _subscriptions;
    private readonly ReplayPace _pace;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ReplaySink _sink;
    private readonly Dictionary<Symbol, int?> _bookDepths = [];
    private readonly HashSet<Symbol> _depthWarned = [];

    public ReplaySource(string path, VenueFeed feed, IMarketDataProtocol protocol, IReadOnlyList<Subscription> subscriptions, ReplayPace pace, TimeProvider time, ILogger<ReplaySource> logger)
    {
        _path = path;
        _feed = feed;
        _protocol = protocol;
        _subscriptions = subscriptions;
        _pace = pace;
        _time = time;
        _logger = logger;
        _sink = new ReplaySink(this);
        if (feed.Books.Rules.TruncateToSubscribedDepth)
        {
            foreach (var subscription in subscriptions)
            {
                if (subscription.Channel is { Kind: ChannelKind.Book } book)
                {
                    foreach (var symbol in subscription.Symbols)
                    {
                        _bookDepths[symbol] = book.Depth;
                    }
                }
            }
        }
    }

    /// <summary>
    /// A recorded book subscription was acknowledged at <paramref name="recorded"/> levels: the frames that follow
    /// were sent at that depth, so the book is kept at it (truncating at another depth would fail every
    /// checksum). A configuration that says otherwise gets one warning naming both.
    /// </summary>
    private void OnBookAck(Symbol symbol, int? recorded)
    {
        if (!_bookDepths.TryGetValue(symbol, out var configured) || configured == recorded)
        {
            return;
        }

        if (_depthWarned.Add(symbol))
        {
            LogDepthDisagrees(_logger, _feed.Venue, symbol.ToString(), Depth(recorded), Depth(configured));
        }

        _bookDepths[symbol] = recorded;
        _feed.Books.Track(symbol, recorded);
    }

    private static string Depth(int? depth) => depth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "full";

    /// <summary>Plays the whole file; returns the number of frames played.</summary>
    /// <exception cref="FileNotFoundException">The recording does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is broken (file and line named).</exception>
    public async Task<long> RunAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(_path))
        {
            throw new FileNotFoundException($"{_feed.Venue}: the recording to replay does not exist: {_path}", _path);
        }

        LogStart(_logger, _feed.Venue, _path, _pace);
        Connect(null);
        long frames = 0;
        var connections = 0;
        DateTimeOffset? previous = null;
        await foreach (var entry in RecordingReader.ReadAsync(_path, _feed.Venue, cancellationToken).ConfigureAwait(false))
        {
            if (_pace == ReplayPace.Recorded && previous is { } last && entry.ReceivedAt > last)
            {
                await Task.Delay(entry.ReceivedAt - last, _time, cancellationToken).ConfigureAwait(false);
            }

            previous = entry.ReceivedAt;
            if (entry.IsConnected)
            {
                // The first marker is the connection the replay already stands for; later ones are reconnects.
                Connect(++connections > 1 ? entry.ReceivedAt : null);
                continue;
            }

            _sink.ReceivedAt = entry.ReceivedAt;
            _feed.Process(_protocol, entry.Frame, entry.ReceivedAt, _sink);
            frames++;
        }

        LogDone(_logger, _feed.Venue, frames);
        return frames;
    }

    /// <summary>Resets the protocol's connection state and replays the subscriptions into it (nothing is sent).</summary>
    private void Connect(DateTimeOffset? at)
    {
        if (at is { } opened)
        {
            _feed.Books.MarkAllStale("the recorded connection was re-established");
            _feed.ConnectionOpened(opened);
        }

        _protocol.OnConnected();
        foreach (var subscription in _subscriptions)
        {
            _protocol.EncodeSubscribe(subscription);
        }
    }

    /// <summary>The feed, plus a look at the recorded subscription acks.</summary>
    private sealed class ReplaySink(ReplaySource owner) : IFrameSink
    {
        public DateTimeOffset ReceivedAt { get; set; }

        public void Publish(MarketEvent marketEvent)
        {
            if (marketEvent is SubscriptionAck { Success: true, IsSubscribe: true, Channel: { Kind: ChannelKind.Book } book, Symbol: { } symbol })
            {
                owner.OnBookAck(symbol, book.Depth);
            }

            owner._feed.Publish(marketEvent);
        }

        public void Book(in BookFrame frame) => owner._feed.Book(frame);

        public void Malformed(string reason, ReadOnlySpan<byte> frame) => owner._feed.Malformed(reason, frame, ReceivedAt);

        public void BookMalformed(Symbol symbol, string reason, ReadOnlySpan<byte> frame) => owner._feed.BookMalformed(symbol, reason, frame, ReceivedAt);
    }

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "{Venue} {Symbol}: the recording was made at book depth {Recorded}, the configuration says {Configured}; replaying at the recorded depth")]
    private static partial void LogDepthDisagrees(ILogger logger, string venue, string symbol, string recorded, string configured);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "{Venue}: replaying {Path} ({Pace})")]
    private static partial void LogStart(ILogger logger, string venue, string path, ReplayPace pace);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "{Venue}: replay finished after {Frames} frames")]
    private static partial void LogDone(ILogger logger, string venue, long frames);
}
