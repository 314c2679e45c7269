using Fluxum.Host.Configuration;
using Fluxum.Host.MarketData;
using Fluxum.Host.Publishing;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Fluxum.Host.Relay;

/// <summary>
/// Rebuilds a venue from another deployment's JetStream stream (<c>mode: relay</c>) into this deployment's hub, so
/// scripts, the CLI and the books see it as any venue. An ordered consumer reads the venue's subjects in stream order
/// (the client recreates it after a reconnect, from the last message read), starting from each book's latest snapshot
/// (or from <c>start:</c>). Books are rebuilt by the SDK's book manager with a contiguous sequence rule: a snapshot
/// replaces the book, an update applies only as the book's next sequence, and a gap makes the book stale (never served
/// as good) until the source's next snapshot. The source's data-quality events are passed on; a book the source marks
/// stale is marked stale here too.
/// </summary>
internal sealed partial class RelaySource : IAsyncDisposable
{
    private readonly RelayConfig _config;
    private readonly VenueFeed _feed;
    private readonly IReadOnlySet<Symbol>? _symbols;
    private readonly ILogger _logger;
    private readonly HashSet<Symbol> _snapshotted = [];
    private NatsConnection? _connection;

    /// <summary>Creates the source; nothing connects until <see cref="RunAsync"/>.</summary>
    /// <param name="config">Where the data is.</param>
    /// <param name="feed">This venue's feed (its books use <see cref="Rules"/>).</param>
    /// <param name="symbols">Only these symbols are relayed; null for every symbol the source publishes.</param>
    /// <param name="loggers">Loggers.</param>
    public RelaySource(RelayConfig config, VenueFeed feed, IReadOnlySet<Symbol>? symbols, ILoggerFactory loggers)
    {
        _config = config;
        _feed = feed;
        _symbols = symbols;
        Loggers = loggers;
        _logger = loggers.CreateLogger<RelaySource>();
    }

    /// <summary>
    /// The rules of a relay venue's books: the per-book sequence must be contiguous, updates before a snapshot are
    /// dropped (the snapshot holds them), and a crossed book is refused as at the source.
    /// </summary>
    public static BookRules Rules { get; } = new()
    {
        Sequence = SequenceRule.Contiguous,
        PreSnapshot = PreSnapshotPolicy.Discard,
        CheckCrossed = true,
        TruncateToSubscribedDepth = true,
    };

    /// <summary>The stream read.</summary>
    public string StreamName => _config.Stream;

    /// <summary>The totals.</summary>
    public RelayCounters Counters { get; } = new();

    private ILoggerFactory Loggers { get; }

    /// <summary>Reads the stream until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <exception cref="RelayStartException">NATS cannot be reached or the stream does not exist.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var venue = _feed.Venue;
        var connection = new NatsConnection(new NatsOpts { Url = _config.Url, Name = $"fluxum-relay-{venue}", LoggerFactory = Loggers, MaxReconnectRetry = -1 });
        connection.ConnectionDisconnected += (_, e) => { Counters.SetConnected(false); LogDisconnected(_logger, venue, _config.Url, e.Message); return ValueTask.CompletedTask; };
        connection.ConnectionOpened += (_, e) => { Counters.SetConnected(true); LogConnected(_logger, venue, e.Message); return ValueTask.CompletedTask; };
        _connection = connection;
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            throw new RelayStartException($"venues.{venue}.relay.nats.url: cannot connect to NATS at {_config.Url}: {e.Message}", e);
        }

        Counters.SetConnected(true);
        var js = new NatsJSContext(connection);
        var opts = await StartingPointAsync(js, cancellationToken).ConfigureAwait(false);
        var consumer = await js.CreateOrderedConsumerAsync(_config.Stream, opts, cancellationToken).ConfigureAwait(false);
        var ours = $"{_config.SubjectPrefix}.{_config.SourceVenue}.";
        await foreach (var message in consumer.ConsumeAsync<byte[]>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!message.Subject.StartsWith(ours, StringComparison.Ordinal))
            {
                // nats-server before 2.10 ignores the client's consumer filter (filter_subjects): the subjects are checked here.
                continue;
            }

            Counters.Message();
            var payload = message.Data ?? [];
            _feed.Counters.Frame(payload.Length);
            WireMessage wire;
            try
            {
                wire = WireReader.Read(payload, venue);
            }
            catch (WireFormatException e)
            {
                _feed.Malformed($"relay: {message.Subject} (stream sequence {message.Metadata?.Sequence.Stream}): {e.Message}", payload, _feed.Time.GetUtcNow());
                continue;
            }

            Apply(wire);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Applies one message to this venue's books and streams (the consumer's loop).</summary>
    internal void Apply(WireMessage wire)
    {
        if (wire.Symbol is { } symbol && _symbols is not null && !_symbols.Contains(symbol))
        {
            return;
        }

        switch (wire.Kind)
        {
            case WireKind.Snapshot:
                ApplySnapshot(wire);
                break;
            case WireKind.Book:
                if (!_snapshotted.Contains(wire.Symbol!.Value))
                {
                    Counters.AwaitSnapshot();
                    break;
                }

                _feed.ApplyToBooks(new BookFrame(wire.Symbol.Value, isSnapshot: false, wire.Changes, wire.ReceivedAt)
                {
                    FirstSequence = wire.Sequence,
                    LastSequence = wire.Sequence,
                    ExchangeTime = wire.ExchangeTime,
                });
                break;
            case WireKind.Quality:
                ApplyQuality((DataQualityEvent)wire.Event!);
                break;
            default:
                _feed.Publish(wire.Event!);
                break;
        }
    }

    private void ApplySnapshot(WireMessage wire)
    {
        var symbol = wire.Symbol!.Value;
        _feed.Books.Track(symbol, wire.Depth);
        _snapshotted.Add(symbol);
        if (wire.Stale)
        {
            // Shown for diagnosis at the source, never good: here it is not applied, and the book waits for a good one.
            _feed.Books.MarkStale(symbol, $"the source's book was not good when published ({wire.Unverified ?? "stale"}); waiting for its next snapshot");
            return;
        }

        _feed.ApplyToBooks(new BookFrame(symbol, isSnapshot: true, wire.Changes, wire.ReceivedAt)
        {
            LastSequence = wire.Sequence,
            ExchangeTime = wire.ExchangeTime,
        });
    }

    private void ApplyQuality(DataQualityEvent quality)
    {
        switch (quality.Kind)
        {
            case DataQualityKind.Stale or DataQualityKind.Unverified:
                var reason = $"the source marked it stale: {quality.Detail}";
                if (quality.Symbol is { } symbol)
                {
                    _feed.Books.MarkStale(symbol, reason);
                }
                else
                {
                    _feed.Books.MarkAllStale(reason);
                }

                break;
            case DataQualityKind.Resynced:
                // This venue's own Resynced follows the snapshot that made the source's book good.
                break;
            default:
                _feed.Publish(quality with { Detail = $"at the source: {quality.Detail}" });
                break;
        }
    }

    private async Task<NatsJSOrderedConsumerOpts> StartingPointAsync(NatsJSContext js, CancellationToken cancellationToken)
    {
        var filter = WireSubjects.AllOf(_config.SubjectPrefix, _config.SourceVenue);
        if (_config.Start is { } start)
        {
            LogStart(_logger, _feed.Venue, _config.Stream, filter, $"from {start:O}");
            return new NatsJSOrderedConsumerOpts { FilterSubjects = [filter], DeliverPolicy = ConsumerConfigDeliverPolicy.ByStartTime, OptStartTime = start };
        }

        INatsJSStream stream;
        try
        {
            stream = await js.GetStreamAsync(_config.Stream, new StreamInfoRequest { SubjectsFilter = WireSubjects.SnapshotsOf(_config.SubjectPrefix, _config.SourceVenue) }, cancellationToken).ConfigureAwait(false);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            throw new RelayStartException($"venues.{_feed.Venue}.relay.nats.stream: there is no stream {_config.Stream} at {_config.Url} (has the source published yet?)", e);
        }

        ulong? first = null;
        foreach (var subject in stream.Info.State.Subjects?.Keys ?? [])
        {
            var symbol = SymbolOf(subject);
            if (symbol is { } s && _symbols is not null && !_symbols.Contains(s))
            {
                continue;
            }

            var last = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = subject }, cancellationToken).ConfigureAwait(false);
            first = first is { } f ? Math.Min(f, last.Message.Seq) : last.Message.Seq;
        }

        if (first is not { } from)
        {
            LogStart(_logger, _feed.Venue, _config.Stream, filter, "from new messages (no book snapshot stored yet)");
            return new NatsJSOrderedConsumerOpts { FilterSubjects = [filter], DeliverPolicy = ConsumerConfigDeliverPolicy.New };
        }

        LogStart(_logger, _feed.Venue, _config.Stream, filter, $"from stream sequence {from} (the oldest of the books' latest snapshots)");
        return new NatsJSOrderedConsumerOpts { FilterSubjects = [filter], DeliverPolicy = ConsumerConfigDeliverPolicy.ByStartSequence, OptStartSeq = from };
    }

    private static Symbol? SymbolOf(string subject)
    {
        var token = subject[(subject.LastIndexOf('.') + 1)..];
        var dash = token.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && Symbol.TryParse($"{token[..dash]}/{token[(dash + 1)..]}", out var symbol) ? symbol : null;
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "{Venue}: relaying {Filter} of stream {Stream} {From}")]
    private static partial void LogStart(ILogger logger, string venue, string stream, string filter, string from);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "{Venue}: relay disconnected from NATS at {Url}: {Reason}; the client reconnects and the consumer resumes after the last message read")]
    private static partial void LogDisconnected(ILogger logger, string venue, string url, string reason);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "{Venue}: relay connected to NATS ({Server})")]
    private static partial void LogConnected(ILogger logger, string venue, string server);
}
