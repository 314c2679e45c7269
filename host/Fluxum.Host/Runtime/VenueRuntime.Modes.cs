using Fluxum.Host.Logging;
using Fluxum.Host.MarketData;
using Fluxum.Host.Recording;
using Fluxum.Host.Sessions;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Sessions;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Runtime;

/// <summary>The three ways a venue runs: a simulator in front of a live session, a live session, a replay.</summary>
internal sealed partial class VenueRuntime
{
    private async Task<bool> StartSimulatorAsync(CancellationToken cancellationToken)
    {
        if (_options.Plugin is not ISimulatorProvider provider)
        {
            return Faulted($"{Venue}: mode is simulated, but plugin {_options.Plugin.Descriptor.Name} ships no simulator", null);
        }

        var options = _options.Simulator ?? new SimulatorOptions
        {
            Settings = Context.Settings,
            Time = _time,
            LoggerFactory = _loggers,
        };
        try
        {
            Simulator = provider.CreateSimulator(options);
            await Simulator.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Faulted($"{Venue}: the {_options.Plugin.Descriptor.Name} simulator failed to start: {e.GetType().Name}: {e.Message}", e);
        }

        var endpoints = new Dictionary<string, Uri>(Context.Endpoints, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, uri) in Simulator.Endpoints)
        {
            endpoints[name] = uri;
        }

        Context = Context with { Endpoints = endpoints };
        using (_logger.BeginScope(LogScope.ForVenue(Venue)))
        {
            LogSimulator(_logger, Venue, string.Join(", ", endpoints.Select(e => $"{e.Key}={e.Value}")));
        }

        return true;
    }

    /// <summary>Creates the session and subscribes (a subscription the protocol refuses throws here, at start).</summary>
    private VenueSession CreateSession(IMarketDataProtocol protocol, VenueFeed feed)
    {
        var session = new VenueSession(
            protocol,
            _transport,
            feed,
            new SessionOptions { ReconnectPolicy = _options.ReconnectPolicy, Capabilities = Adapter!.Capabilities },
            _time,
            _loggers.CreateLogger<VenueSession>());
        Session = session;
        session.SubscribeAsync(_options.Subscriptions, _stop.Token);
        _hub.AttachSession(Venue, session);
        return session;
    }

    private bool WantsLedgerStream =>
        Context.Credentials is not null && _options.LedgerStream
        && Adapter!.Capabilities.Offer(ConnectionKind.Private, ChannelKind.Ledger) is not null;

    /// <summary>
    /// Runs the authenticated connection with the ledger subscription. Its failure costs the venue its
    /// real-time ledger (reported), not its market data.
    /// </summary>
    private async Task RunPrivateSessionAsync(VenueFeed feed)
    {
        VenueSession session;
        try
        {
            var protocol = Adapter!.CreateProtocol(ConnectionKind.Private)
                ?? throw new InvalidOperationException("CreateProtocol returned null");
            session = new VenueSession(
                protocol,
                _transport,
                feed,
                new SessionOptions { ReconnectPolicy = _options.ReconnectPolicy, Kind = ConnectionKind.Private, Capabilities = Adapter.Capabilities },
                _time,
                _loggers.CreateLogger<VenueSession>());
            PrivateSession = session;
            await session.SubscribeAsync([new Subscription(MarketChannel.Ledger)], _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            PrivateFault = new VenueFault(Venue, $"{Venue}: the authenticated session could not start: {e.GetType().Name}: {e.Message}", e);
            using (_logger.BeginScope(LogScope.Connection(Venue, ConnectionKind.Private)))
            {
                LogPrivateFault(_logger, Venue, $"{e.GetType().Name}: {e.Message}", e);
            }

            return;
        }

        var states = session.StateChanges(_stop.Token);
        var connecting = session.ConnectAsync(_stop.Token);
        try
        {
            await foreach (var state in states.ConfigureAwait(false))
            {
                if (state.Error is { } failure)
                {
                    PrivateFault = new VenueFault(Venue, failure.Message, failure.Exception);
                    using (_logger.BeginScope(LogScope.Connection(Venue, ConnectionKind.Private)))
                    {
                        LogPrivateFault(_logger, Venue, failure.Message, failure.Exception);
                    }

                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }

        await connecting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    [LoggerMessage(EventId = 1603, Level = LogLevel.Error, Message = "{Venue}: the authenticated ledger stream is unavailable (market data continues): {Problem}")]
    private static partial void LogPrivateFault(ILogger logger, string venue, string problem, Exception? exception);

    /// <summary>Connects and watches the session: Failed faults the venue.</summary>
    private async Task RunSessionAsync(VenueSession session)
    {
        var states = session.StateChanges(_stop.Token);
        var connecting = session.ConnectAsync(_stop.Token);
        try
        {
            await foreach (var state in states.ConfigureAwait(false))
            {
                if (state.Error is { } failure)
                {
                    Faulted(failure.Message, failure.Exception);
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }

        await connecting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>A relay venue: its books and streams come from another deployment's JetStream stream, no plugin runs.</summary>
    private bool StartRelay(Configuration.RelayConfig relay)
    {
        var symbols = _options.Subscriptions.Count == 0 ? null : _options.Subscriptions.SelectMany(s => s.Symbols).ToHashSet();
        Feed = _hub.AddVenue(Venue, new Sdk.Books.BookManager(Venue, Relay.RelaySource.Rules, _time) { TrackedOnly = true });
        RelaySource = new Relay.RelaySource(relay, Feed, symbols, _loggers);
        _work = RunRelayAsync(RelaySource);
        return true;
    }

    private async Task RunRelayAsync(Relay.RelaySource relay)
    {
        try
        {
            await relay.RunAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (Relay.RelayStartException e)
        {
            Faulted($"{Venue}: {e.Message}", e);
        }
        catch (Exception e) when (e is NATS.Client.Core.NatsException)
        {
            Faulted($"{Venue}: the relay from NATS stream {relay.StreamName} stopped: {e.Message}", e);
        }
    }

    private async Task ReplayAsync(IMarketDataProtocol protocol, VenueFeed feed)
    {
        foreach (var subscription in _options.Subscriptions)
        {
            if (subscription.Channel is { Kind: ChannelKind.Book } book)
            {
                foreach (var symbol in subscription.Symbols)
                {
                    feed.Books.Track(symbol, feed.Books.Rules.TruncateToSubscribedDepth ? book.Depth : null);
                }
            }
        }

        if (_options.ReplayPath is not { } path)
        {
            Faulted($"{Venue}: mode is replay, but no recording to replay was given", null);
            return;
        }

        var replay = new ReplaySource(path, feed, protocol, _options.Subscriptions, _options.ReplayPace, _time, _loggers.CreateLogger<ReplaySource>());
        try
        {
            await replay.RunAsync(_stop.Token).ConfigureAwait(false);
            Status = VenueRuntimeStatus.Completed;
            _completion.TrySetResult();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Faulted($"{Venue}: replay of {path} failed: {e.Message}", e);
        }
    }
}
