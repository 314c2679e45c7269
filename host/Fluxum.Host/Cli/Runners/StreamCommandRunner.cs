using Fluxum.Host.Cli.Output;
using Fluxum.Host.Configuration;
using Fluxum.Host.Hosting;
using Fluxum.Host.Runtime;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Cli.Runners;

/// <summary>
/// <c>fluxum stream</c>: starts the named venues of the config file (with their modes and endpoints, so on
/// the repository's config they are the simulators), subscribes exactly what was asked, and prints it: a
/// line per event (books: a block per change, at most one per second per book) or one JSON object per line.
/// Data-quality events (checksum mismatches, gaps, stale and resynced books) are shown as they happen.
/// </summary>
internal sealed class StreamCommandRunner(CliServices services) : ICommandRunner<StreamRequest>
{
    private static readonly TimeSpan BookRefresh = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public async Task<int> RunAsync(StreamRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (LoadedConfig.Read(request.ConfigPath, services.ConfigOptions, services.Error) is not { } loaded)
        {
            return ExitCodes.NotStarted;
        }

        var venues = new List<VenueConfig>();
        var plan = new FluxumHostPlan
        {
            Venues = planner => [.. venues.Select(v => planner.Plan(v, Subscriptions(request, v)))],
            Deployment = new DeploymentOptions { RecordPath = request.RecordPath },
        };
        await using var host = CommandHost.Create(services, loaded, plan, cancellationToken);
        foreach (var name in request.Venues)
        {
            if (loaded.Config.Venue(name) is not { } venue)
            {
                var known = string.Join(", ", loaded.Config.Venues.Select(v => v.Name));
                await services.Error.WriteLineAsync($"error: --exchange {name}: no such venue in {loaded.DisplayName} (configured: {known})").ConfigureAwait(false);
                return ExitCodes.NotStarted;
            }

            venues.Add(venue);
        }

        if (!await host.StartAsync(cancellationToken).ConfigureAwait(false))
        {
            return ExitCodes.NotStarted;
        }

        var hosted = host.Deployment;
        var deployment = hosted.Deployment;

        // A replay ends by itself: once every venue is done, stop printing instead of waiting for --duration.
        // Ctrl+C and --duration stop the host; printing ends when it is stopping.
        using var done = CancellationTokenSource.CreateLinkedTokenSource(host.Lifetime.ApplicationStopping);
        var allDone = Task.WhenAll(deployment.Venues.Select(v => v.Completion)).ContinueWith(_ => done.Cancel(), TaskScheduler.Default);
        cancellationToken = done.Token;
        var view = deployment.Hub.ForVenues([.. venues.Select(v => v.Name)]);
        var symbols = request.Symbols.ToHashSet();
        var quality = view.DataQuality(cancellationToken);
        var data = request.Kind switch
        {
            StreamKind.Ticker => Filter(view.Tickers(null, cancellationToken), symbols),
            StreamKind.Trades => Filter(view.Trades(null, cancellationToken), symbols),
            StreamKind.Ohlc => Filter(view.Candles(null, request.Interval, cancellationToken), symbols),
            StreamKind.Book => Filter(view.BookSnapshots(null, cancellationToken), symbols),
            _ => view.RawFrames(cancellationToken),
        };
        await Task.WhenAll(
            PrintAsync(data, request, deployment, cancellationToken),
            PrintAsync(quality, request, deployment, cancellationToken),
            PrintAsync(Refusals(view.Events(cancellationToken)), request, deployment, cancellationToken)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await host.StopAsync().ConfigureAwait(false);
        await allDone.ConfigureAwait(false); // stopping completes every venue, so this ends before `done` is disposed
        if (request.Format == OutputFormat.Table)
        {
            DeploymentSummary.Write(deployment, services.Error);
        }

        if (deployment.Recordings.Where(r => r.Failure is not null).Select(r => r.Path).ToList() is { Count: > 0 } lost)
        {
            await services.Error.WriteLineAsync($"fluxum: the recording could not be written ({string.Join(", ", lost)}); exit code {ExitCodes.DeploymentFailed}").ConfigureAwait(false);
            return ExitCodes.DeploymentFailed;
        }

        return ExitCodes.Success;
    }

    private static IReadOnlyList<Subscription> Subscriptions(StreamRequest request, VenueConfig venue)
    {
        MarketChannel? channel = request.Kind switch
        {
            StreamKind.Ticker => MarketChannel.Ticker,
            StreamKind.Trades => MarketChannel.Trades,
            StreamKind.Ohlc => MarketChannel.Ohlc(request.Interval ?? TimeSpan.FromMinutes(1)),
            StreamKind.Book => MarketChannel.Book(request.Depth ?? 10),
            _ => null,
        };
        if (channel is not null)
        {
            return [new Subscription(channel, request.Symbols)];
        }

        // Raw: what the config subscribes, narrowed to the requested symbols when given.
        return request.Symbols.Count == 0
            ? venue.Subscriptions
            : [.. venue.Subscriptions.Select(s => new Subscription(s.Channel, s.Symbols.Where(request.Symbols.Contains))).Where(s => s.Symbols.Count > 0)];
    }

    /// <summary>The venues' refusals of what this command subscribed, and recordings that failed (printed with the data-quality events, on stderr).</summary>
    private static async IAsyncEnumerable<MarketEvent> Refusals(IAsyncEnumerable<MarketEvent> events)
    {
        await foreach (var e in events.ConfigureAwait(false))
        {
            if (e is VenueError { Code: "subscription_rejected" or "recording_failed" })
            {
                yield return e;
            }
        }
    }

    private static async IAsyncEnumerable<MarketEvent> Filter<T>(IAsyncEnumerable<T> events, HashSet<Symbol> symbols)
        where T : SymbolEvent
    {
        await foreach (var e in events.ConfigureAwait(false))
        {
            if (symbols.Count == 0 || symbols.Contains(e.Symbol))
            {
                yield return e;
            }
        }
    }

    private async Task PrintAsync(IAsyncEnumerable<MarketEvent> events, StreamRequest request, Deployment deployment, CancellationToken cancellationToken)
    {
        var lastBook = new Dictionary<(string, Symbol), (DateTimeOffset At, bool Stale)>();
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (request.Format == OutputFormat.Json)
            {
                Write(services.Out, EventJson.Serialize(e));
                continue;
            }

            if (e is DataQualityEvent or VenueError)
            {
                Write(services.Error, "! " + EventText.Line(e));
                continue;
            }

            if (e is BookSnapshot book)
            {
                var key = (book.Venue, book.Symbol);
                var now = services.Time.GetUtcNow();
                if (lastBook.TryGetValue(key, out var last) && last.Stale == book.IsStale && now - last.At < BookRefresh)
                {
                    continue;
                }

                lastBook[key] = (now, book.IsStale);
                var counters = deployment.Venues.FirstOrDefault(v => v.Venue == book.Venue)?.Feed?.Books.Counters;
                Write(services.Out, EventText.Book(book, counters, request.Depth ?? 10));
                continue;
            }

            Write(services.Out, EventText.Line(e));
        }
    }

    private void Write(TextWriter writer, string text)
    {
        lock (_gate)
        {
            writer.WriteLine(text);
            writer.Flush();
        }
    }
}
