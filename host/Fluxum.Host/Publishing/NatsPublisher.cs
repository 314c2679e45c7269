using System.Buffers;
using System.Threading.Channels;
using Fluxum.Host.Configuration;
using Fluxum.Sdk.Books;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Fluxum.Host.Publishing;

/// <summary>
/// Publishes every venue's normalized streams to one JetStream stream (<c>publish: { nats: ... }</c>). The venues'
/// feeds offer messages through their <see cref="VenueTap"/> to a bounded buffer, never waiting: a full buffer drops
/// the message (counted, logged once per burst) and asks its book for a snapshot. One writer serializes and
/// publishes in order, each message acknowledged by JetStream (retried, deduplicated by message id, while the
/// client reconnects; the client handles reconnects, this logs them and keeps the state for the meter).
/// </summary>
internal sealed partial class NatsPublisher : IAsyncDisposable
{
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(15);
    private readonly PublishConfig _config;
    private readonly ILogger _logger;
    private readonly Channel<Outgoing> _buffer;
    private readonly string _runId = Guid.NewGuid().ToString("N")[..12];
    private readonly CancellationTokenSource _stop = new();
    private NatsConnection? _connection;
    private NatsJSContext? _js;
    private Task? _writer;
    private int _dropBurst;
    private long _burstStartDrops;
    private int _failBurst;

    /// <summary>Creates the publisher; nothing connects until <see cref="StartAsync"/>.</summary>
    public NatsPublisher(PublishConfig config, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        Time = time;
        _logger = loggers.CreateLogger<NatsPublisher>();
        Loggers = loggers;
        _buffer = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(config.Buffer) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>The totals.</summary>
    public PublishCounters Counters { get; } = new();

    /// <summary>The configuration.</summary>
    public PublishConfig Config => _config;

    internal TimeProvider Time { get; }

    internal ILoggerFactory Loggers { get; }

    internal TimeSpan SnapshotInterval => _config.SnapshotInterval;

    /// <summary>Messages waiting for the writer.</summary>
    public int Queued => _buffer.Reader.Count;

    /// <summary>A venue's tap, listening to its books' level changes.</summary>
    public VenueTap CreateTap(string venue, BookManager books) => new(this, venue, books);

    /// <summary>Connects, creates the stream or checks (and updates) its subjects and limits, and starts the writer.</summary>
    /// <exception cref="PublishStartException">NATS cannot be reached or refuses the stream (the message says which and why).</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var connection = new NatsConnection(new NatsOpts
        {
            Url = _config.Url,
            Name = "fluxum-publisher",
            LoggerFactory = Loggers,
            MaxReconnectRetry = -1,
        });
        connection.ConnectionDisconnected += (_, e) => { Counters.SetConnected(false); LogDisconnected(_logger, _config.Url, e.Message); return ValueTask.CompletedTask; };
        connection.ConnectionOpened += (_, e) => { Counters.SetConnected(true); LogConnected(_logger, e.Message); return ValueTask.CompletedTask; };
        connection.ReconnectFailed += (_, e) => { LogReconnectFailed(_logger, _config.Url, e.Message); return ValueTask.CompletedTask; };
        _connection = connection;
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NatsException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new PublishStartException($"publish.nats.url: cannot connect to NATS at {_config.Url}: {e.Message}", e);
        }

        Counters.SetConnected(true);
        _js = new NatsJSContext(connection);
        await EnsureStreamAsync(_js, cancellationToken).ConfigureAwait(false);
        _writer = Task.Run(() => WriteAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Offers one message (the socket path): false when the buffer was full and it was dropped.</summary>
    internal bool Offer(Outgoing message)
    {
        if (_buffer.Writer.TryWrite(message))
        {
            return true;
        }

        var dropped = Counters.Drop();
        message.Book?.WantSnapshot();
        if (Interlocked.Exchange(ref _dropBurst, 1) == 0)
        {
            Interlocked.Exchange(ref _burstStartDrops, dropped - 1);
            LogDropping(_logger, _config.Buffer, _config.Url);
        }

        return false;
    }

    /// <summary>Stops taking messages, publishes what is buffered (for a few seconds at most), and disconnects.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        _buffer.Writer.TryComplete();
        if (_writer is { } writer)
        {
            try
            {
                await writer.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                LogStopUnflushed(_logger, _buffer.Reader.Count);
            }

            await _stop.CancelAsync().ConfigureAwait(false);
            await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (_connection is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task EnsureStreamAsync(NatsJSContext js, CancellationToken cancellationToken)
    {
        var subjects = new[] { $"{_config.SubjectPrefix}.>" };
        var wanted = new StreamConfig(_config.Stream, subjects)
        {
            MaxAge = _config.MaxAge ?? TimeSpan.Zero,
            MaxBytes = _config.MaxBytes ?? -1,
            NumReplicas = _config.Replicas,
            Storage = StreamConfigStorage.File,
        };
        try
        {
            var existing = await js.GetStreamAsync(_config.Stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            var info = existing.Info.Config;
            if (info.NumReplicas != _config.Replicas)
            {
                throw new PublishStartException($"publish.nats.stream: stream {_config.Stream} has {info.NumReplicas} replicas, the config asks for {_config.Replicas}; change one of them (JetStream cannot change it here)");
            }

            var allSubjects = (info.Subjects ?? []).Union(subjects).ToArray();
            await js.UpdateStreamAsync(wanted with { Subjects = allSubjects }, cancellationToken).ConfigureAwait(false);
            LogStreamChecked(_logger, _config.Stream, string.Join(", ", allSubjects));
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            try
            {
                await js.CreateStreamAsync(wanted, cancellationToken).ConfigureAwait(false);
            }
            catch (NatsJSApiException create)
            {
                throw new PublishStartException($"publish.nats.stream: JetStream refused to create stream {_config.Stream}: {create.Error.Description} ({create.Error.Code})", create);
            }

            LogStreamCreated(_logger, _config.Stream, subjects[0]);
        }
        catch (NatsJSApiException e)
        {
            throw new PublishStartException($"publish.nats.stream: JetStream refused stream {_config.Stream}: {e.Error.Description} ({e.Error.Code})", e);
        }
        catch (NatsException e)
        {
            throw new PublishStartException($"publish.nats.url: JetStream at {_config.Url} did not answer for stream {_config.Stream} (is the server started with -js?): {e.Message}", e);
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        var output = new ArrayBufferWriter<byte>(1024);
        long next = 0;
        try
        {
            await foreach (var message in _buffer.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                output.ResetWrittenCount();
                try
                {
                    WireWriter.Write(output, message);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or InvalidCastException)
                {
                    // A message this writer cannot serialize is a bug: counted and logged, never the end of publishing.
                    Counters.Fail();
                    message.Book?.WantSnapshot();
                    LogUnserializable(_logger, message.Kind.ToString(), message.Venue, e);
                    continue;
                }

                var subject = WireSubjects.Of(_config.SubjectPrefix, message.Venue, message.Kind, message.Symbol);
                var ok = await PublishAsync(subject, output.WrittenMemory, $"{_runId}-{++next}", cancellationToken).ConfigureAwait(false);
                if (!ok)
                {
                    Counters.Fail();
                    message.Book?.WantSnapshot();
                }

                if (Volatile.Read(ref _dropBurst) == 1 && _buffer.Reader.Count < _config.Buffer / 2 && Interlocked.Exchange(ref _dropBurst, 0) == 1)
                {
                    LogDropBurstOver(_logger, Counters.Dropped - Interlocked.Read(ref _burstStartDrops), Counters.Dropped);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped with messages still buffered (logged by StopAsync).
        }
    }

    private async Task<bool> PublishAsync(string subject, ReadOnlyMemory<byte> payload, string messageId, CancellationToken cancellationToken)
    {
        var started = Time.GetTimestamp();
        var opts = new NatsJSPubOpts { MsgId = messageId };
        while (true)
        {
            try
            {
                var ack = await _js!.PublishAsync(subject, payload, opts: opts, cancellationToken: cancellationToken).ConfigureAwait(false);
                ack.EnsureSuccess();
                Counters.Publish();
                if (Interlocked.Exchange(ref _failBurst, 0) == 1)
                {
                    LogPublishing(_logger, subject);
                }

                return true;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
            {
                // NATS errors, timeouts and no-responders while the client reconnects or a cluster elects a leader.
                if (Interlocked.Exchange(ref _failBurst, 1) == 0)
                {
                    LogPublishRetry(_logger, subject, e.Message);
                }

                if (Time.GetElapsedTime(started) >= RetryFor)
                {
                    LogPublishFailed(_logger, subject, RetryFor, e.Message);
                    return false;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Publishing to NATS: created stream {Stream} for {Subjects}")]
    private static partial void LogStreamCreated(ILogger logger, string stream, string subjects);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Publishing to NATS: stream {Stream} exists (subjects {Subjects}); limits updated from the config")]
    private static partial void LogStreamChecked(ILogger logger, string stream, string subjects);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Publishing to NATS: the buffer of {Buffer} messages is full (NATS at {Url} is slower than the venues); dropping messages, counted, until it drains")]
    private static partial void LogDropping(ILogger logger, int buffer, string url);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Publishing to NATS: the buffer drained; {Dropped} messages were dropped in that burst ({Total} in all); the books concerned go out whole next")]
    private static partial void LogDropBurstOver(ILogger logger, long dropped, long total);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Publishing to NATS: disconnected from {Url}: {Reason}; the client reconnects")]
    private static partial void LogDisconnected(ILogger logger, string url, string reason);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Information, Message = "Publishing to NATS: connected ({Server})")]
    private static partial void LogConnected(ILogger logger, string server);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Warning, Message = "Publishing to NATS: reconnect to {Url} failed: {Reason}")]
    private static partial void LogReconnectFailed(ILogger logger, string url, string reason);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Warning, Message = "Publishing to NATS: {Subject} not acknowledged ({Reason}); retrying while the client reconnects")]
    private static partial void LogPublishRetry(ILogger logger, string subject, string reason);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Error, Message = "Publishing to NATS: {Subject} lost, not acknowledged within {RetryFor}: {Reason}; its book goes out whole next")]
    private static partial void LogPublishFailed(ILogger logger, string subject, TimeSpan retryFor, string reason);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Information, Message = "Publishing to NATS: acknowledged again ({Subject})")]
    private static partial void LogPublishing(ILogger logger, string subject);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Error, Message = "Publishing to NATS: a {Kind} message of {Venue} could not be serialized (a bug); skipped")]
    private static partial void LogUnserializable(ILogger logger, string kind, string venue, Exception exception);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Warning, Message = "Publishing to NATS: stopped with {Count} messages unpublished")]
    private static partial void LogStopUnflushed(ILogger logger, int count);
}
