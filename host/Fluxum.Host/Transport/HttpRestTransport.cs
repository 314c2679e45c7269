using System.Net.Http.Headers;
using Fluxum.Host.Transport.RateLimits;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Fluxum.Host.Transport;

/// <summary>
/// The host's REST transport: one shared <see cref="HttpClient"/> for every venue, each call run through a
/// Polly pipeline. Idempotent requests get an attempt timeout and retries with jitter (429 waits out its
/// Retry-After, bounded); so do signed requests that carry <see cref="RestRequest.Resign"/>, each retry re-signed
/// with a fresh nonce (the host is the only retry layer); other requests get the timeout only. Header values are never logged: they carry signatures.
/// Before every attempt a request that declares its venue's client limit (<see cref="RestRequest.RateLimit"/>)
/// waits until that limit allows it (<see cref="RestRateLimiters"/>): held, counted and logged, never refused,
/// and the wait is not part of the attempt's timeout.
/// </summary>
internal sealed partial class HttpRestTransport : IRestTransport, IDisposable
{
    private readonly HttpClient _client;
    private readonly ResiliencePipeline<RestResponse> _idempotent;
    private readonly ResiliencePipeline<RestResponse> _once;
    private readonly ResiliencePipeline<RestResponse> _attempt;
    private readonly RestRateLimiters _limits;
    private readonly RestTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the transport (once per host).</summary>
    public HttpRestTransport(RestTransportOptions options, TimeProvider time, ILogger<HttpRestTransport> logger, HttpMessageHandler? handler = null)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _client = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _idempotent = RestPipelines.Idempotent(options, time, OnRetry);
        _once = RestPipelines.Once();
        _attempt = RestPipelines.Attempt(options, time);
        _limits = new RestRateLimiters(Counters, time, logger);
    }

    /// <inheritdoc />
    public async Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pipeline = request.IsIdempotent || request.Resign is not null ? _idempotent : _once;
        var attempts = new AttemptState(request);
        var context = ResilienceContextPool.Shared.Get(request.Operation, cancellationToken);
        context.Properties.Set(RestPipelines.RequestKey, request);
        try
        {
            return await pipeline.ExecuteAsync(
                static (ctx, state) => state.Self.AttemptAsync(state.First, state.Attempts.Next(), ctx.CancellationToken),
                context,
                (Self: this, First: request, Attempts: attempts)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException e)
        {
            throw new TimeoutException($"{Describe(request)} took longer than {_options.AttemptTimeout.TotalMilliseconds:0} ms", e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The request for each attempt: the original first, then a re-signed copy per retry when the plugin can re-sign.</summary>
    private sealed class AttemptState(RestRequest first)
    {
        private int _sent;

        public RestRequest Next() => _sent++ == 0 || first.Resign is not { } resign ? first : resign();
    }

    /// <summary>Attempts, retries, 429s and 5xx answers so far, and the attempts held by venues' client limits.</summary>
    public RestCounters Counters { get; } = new();

    /// <summary>The venues' declared client limits met so far.</summary>
    internal RestRateLimiters Limits => _limits;

    /// <inheritdoc />
    public void Dispose()
    {
        _limits.Dispose();
        _client.Dispose();
    }

    /// <summary>One attempt: first the venue's client limit (held as long as it takes), then the send under the attempt timeout.</summary>
    private async ValueTask<RestResponse> AttemptAsync(RestRequest first, RestRequest attempt, CancellationToken cancellationToken)
    {
        await _limits.WaitAsync(first, Describe(first), cancellationToken).ConfigureAwait(false);
        return await _attempt.ExecuteAsync(
            static (state, token) => new ValueTask<RestResponse>(state.Self.SendOnceAsync(state.Attempt, token)),
            (Self: this, Attempt: attempt),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<RestResponse> SendOnceAsync(RestRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, request.Uri);
        if (request.Body is { } body)
        {
            message.Content = new ReadOnlyMemoryContent(body);
            if (request.ContentType is { } contentType)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        Counters.Attempt();
        HttpResponseMessage sent;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            sent = await _client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            Counters.Latency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Counters.Failure();
            throw;
        }

        using var response = sent;
        Counters.Answered((int)response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        return new RestResponse((int)response.StatusCode, bytes)
        {
            Headers = headers,
            RetryAfter = RetryAfter(response.Headers.RetryAfter),
        };
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? value) => value switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private void OnRetry(RestRequest request, int attempt, TimeSpan delay, Outcome<RestResponse> outcome)
    {
        Counters.Retry();
        var cause = outcome.Exception is { } e ? e.GetType().Name : $"HTTP {outcome.Result?.StatusCode}";
        LogRetry(_logger, Describe(request), cause, attempt, delay.TotalMilliseconds);
    }

    /// <summary>Method, operation and path only: a query string may carry a signature.</summary>
    private static string Describe(RestRequest request) =>
        $"{request.Method} {request.Operation ?? request.Uri.AbsolutePath} ({request.Uri.Authority})";

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "REST {Request}: {Cause}; retry {Attempt} in {DelayMs:0} ms")]
    private static partial void LogRetry(ILogger logger, string request, string cause, int attempt, double delayMs);
}
