using Fluxum.Sdk.Transport;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Fluxum.Host.Transport;

/// <summary>Builds the REST transport's two Polly pipelines.</summary>
internal static class RestPipelines
{
    /// <summary>Retries (exponential, jittered, Retry-After aware) around a per-attempt timeout.</summary>
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

        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <summary>The per-attempt timeout only.</summary>
    public static ResiliencePipeline<RestResponse> Once(RestTransportOptions options, TimeProvider time) =>
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
