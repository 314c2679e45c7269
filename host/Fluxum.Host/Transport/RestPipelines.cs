using Fluxum.Sdk.Transport;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Fluxum.Host.Transport;

/// <summary>
/// Builds the REST transport's Polly pipelines: the retries around each attempt (idempotent and re-signable
/// requests) and the per-attempt timeout inside them. Between the two the transport waits for the venue's
/// declared client limit, so a request held by its limit is never timed out for the wait.
/// </summary>
internal static class RestPipelines
{
    /// <summary>Retries (exponential, jittered, Retry-After aware); each attempt runs <see cref="Attempt"/> inside.</summary>
    public static ResiliencePipeline<RestResponse> Idempotent(
        RestTransportOptions options, TimeProvider time, Action<RestRequest, int, TimeSpan, Outcome<RestResponse>> onRetry)
    {
        var builder = new ResiliencePipelineBuilder<RestResponse> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<RestResponse>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    IsTransient(args.Outcome, options.MaxRetryAfter)
                    || (args.Outcome.Result is { } answer
                        && args.Context.Properties.TryGetValue(RequestKey, out var sent)
                        && sent.IsTransientAnswer is { } classify
                        && classify(answer)
                        && (answer.RetryAfter is not { } after || after <= options.MaxRetryAfter))),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { RetryAfter: { } wait } && (args.Outcome.Result.StatusCode == 429 || args.Outcome.Result.IsSuccess) ? wait : (TimeSpan?)null),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(RequestKey, out var request))
                    {
                        onRetry(request, args.AttemptNumber + 1, args.RetryDelay, args.Outcome);
                    }

                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    /// <summary>No retry: a request sent once (its attempt still runs <see cref="Attempt"/>).</summary>
    public static ResiliencePipeline<RestResponse> Once() => ResiliencePipeline<RestResponse>.Empty;

    /// <summary>The per-attempt timeout.</summary>
    public static ResiliencePipeline<RestResponse> Attempt(RestTransportOptions options, TimeProvider time) =>
        new ResiliencePipelineBuilder<RestResponse> { TimeProvider = time }.AddTimeout(options.AttemptTimeout).Build();

    /// <summary>The context property carrying the request (for retry logs).</summary>
    public static ResiliencePropertyKey<RestRequest> RequestKey { get; } = new("fluxum.rest.request");

    private static bool IsTransient(Outcome<RestResponse> outcome, TimeSpan maxRetryAfter) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { StatusCode: 429, RetryAfter: { } wait } } => wait <= maxRetryAfter,
        { Result.StatusCode: 429 or 408 or >= 500 } => true,
        _ => false,
    };
}
