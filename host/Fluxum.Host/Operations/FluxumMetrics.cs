using System.Diagnostics.Metrics;
using Fluxum.Host.Hosting;
using Fluxum.Host.Plugins;
using Fluxum.Host.Runtime;
using Fluxum.Host.Sessions;
using Fluxum.Sdk.Sessions;

namespace Fluxum.Host.Operations;

/// <summary>
/// The deployment's instruments on one <see cref="Meter"/> named <see cref="MeterName"/>, named and tagged by the
/// OpenTelemetry conventions (dotted lower-case names, UCUM units, tags <c>venue</c>, <c>symbol</c>,
/// <c>connection</c> = <c>public</c>/<c>account</c>). Every instrument is observable: its value is read from the
/// counters the host keeps anyway when a collector asks, so the per-frame path gains no allocation, lock or
/// atomic operation from them.
/// </summary>
/// <remarks>
/// One instance per deployment (a process running several, as the tests do, has several meters of this name);
/// <see cref="PrometheusExposition"/> listens to this instance alone, an OpenTelemetry exporter to the name.
/// </remarks>
internal sealed class FluxumMetrics : IDisposable
{
    /// <summary>The meter's name, for <c>AddMeter</c>.</summary>
    public const string MeterName = "Fluxum";

    private static readonly SessionPhase[] Phases = Enum.GetValues<SessionPhase>();
    private static readonly MarketData.EventKind[] Kinds = Enum.GetValues<MarketData.EventKind>();
    private readonly HostedDeployment _hosted;
    private readonly PluginCatalog? _catalog;

    public FluxumMetrics(HostedDeployment hosted, PluginCatalog? catalog = null, ScriptHost? scripts = null)
    {
        _hosted = hosted;
        _catalog = catalog;
        Meter = new Meter(MeterName, typeof(FluxumMetrics).Assembly.GetName().Version?.ToString());
        var m = Meter;

        m.CreateObservableCounter("fluxum.feed.frames", () => PerFeed(f => f.Counters.Frames), "{frame}", "Raw frames received and processed, by venue");
        m.CreateObservableCounter("fluxum.feed.bytes", () => PerFeed(f => f.Counters.Bytes), "By", "Bytes of the raw frames received, by venue");
        m.CreateObservableCounter("fluxum.feed.events", EventsByKind, "{event}", "Normalized events published, by venue and kind (trade, ticker, candle, data_quality, other)");
        m.CreateObservableCounter("fluxum.feed.malformed_frames", () => PerFeed(f => f.Counters.MalformedFrames), "{frame}", "Frames reported malformed (counted and skipped), by venue");
        m.CreateObservableCounter("fluxum.feed.decoder_faults", () => PerFeed(f => f.Counters.DecoderFaults), "{frame}", "Frames whose decoding threw (a plugin bug, contained), by venue");

        m.CreateObservableCounter("fluxum.book.snapshots", () => PerFeed(f => f.Books.Counters.Snapshots), "{snapshot}", "Book snapshots applied, by venue");
        m.CreateObservableCounter("fluxum.book.updates", () => PerFeed(f => f.Books.Counters.Updates), "{update}", "Book update frames applied, by venue");
        m.CreateObservableCounter("fluxum.book.checksums.verified", () => PerFeed(f => f.Books.Counters.ChecksumsVerified), "{checksum}", "Venue checksums that matched the local book, by venue");
        m.CreateObservableCounter("fluxum.book.checksums.failed", () => PerFeed(f => f.Books.Counters.ChecksumFailures), "{checksum}", "Venue checksums that did not match the local book, by venue");
        m.CreateObservableCounter("fluxum.book.gaps", () => PerFeed(f => f.Books.Counters.Gaps), "{gap}", "Sequence gaps found by the book manager, by venue");
        m.CreateObservableCounter("fluxum.book.crossed", () => PerFeed(f => f.Books.Counters.Crossed), "{book}", "Books found crossed, by venue");
        m.CreateObservableCounter("fluxum.book.resyncs", () => PerFeed(f => f.Books.Counters.ResyncRequests), "{resync}", "Book resyncs requested, by venue");
        m.CreateObservableGauge("fluxum.book.stale", StaleBooks, "{book}", "1 while the book is stale, unsynced or unverified (never served as good), by venue and symbol");

        m.CreateObservableGauge("fluxum.session.state", SessionStates, "{session}", "1 for the phase each session is in, 0 for the others, by venue, connection and state");
        m.CreateObservableCounter("fluxum.session.connections", () => PerSession(s => s.Counters.Connections), "{connection}", "Connections opened, by venue and connection");
        m.CreateObservableCounter("fluxum.session.reconnects", () => PerSession(s => s.Counters.Reconnects), "{reconnect}", "Connections lost and retried, by venue and connection");
        m.CreateObservableCounter("fluxum.session.watchdog_trips", () => PerSession(s => s.Counters.WatchdogTrips), "{trip}", "Connections declared dead by the watchdog, by venue and connection");
        m.CreateObservableCounter("fluxum.session.sequence_gaps", () => PerSession(s => s.Counters.SequenceGaps), "{gap}", "Gaps in a connection's sequence numbers (each resubscribed it), by venue and connection");
        m.CreateObservableCounter("fluxum.session.paced_sends", () => PerSession(s => s.Counters.PacedSends), "{message}", "Messages held back to stay within the venue's incoming-message limit, by venue and connection");
        m.CreateObservableCounter("fluxum.session.connects_delayed", ConnectsDelayed, "{connection}", "Connects held back to stay within the venue's declared WebSocket connection limit (never refused for it), by venue");
        m.CreateObservableCounter("fluxum.session.rejected_subscriptions", () => PerSession(s => s.Counters.RejectedSubscriptions), "{subscription}", "Subscriptions the venue refused, by venue and connection");

        m.CreateObservableCounter("fluxum.hub.delivered", () => Measure(_hosted.Deployment.Hub.Counters.Delivered), "{event}", "Events written to consumers");
        m.CreateObservableCounter("fluxum.hub.dropped", () => Measure(_hosted.Deployment.Hub.Counters.Dropped), "{event}", "Events dropped for consumers that fell behind");
        m.CreateObservableCounter("fluxum.hub.subscriber_gaps", () => Measure(_hosted.Deployment.Hub.Counters.SubscriberGaps), "{gap}", "Times a consumer fell behind");

        m.CreateObservableCounter("fluxum.rest.requests", () => Measure(_hosted.RestCounters.Attempts), "{request}", "HTTP attempts sent (each retry is one more)");
        m.CreateObservableCounter("fluxum.rest.retries", () => Measure(_hosted.RestCounters.Retries), "{request}", "HTTP attempts the retry pipeline repeated");
        m.CreateObservableCounter("fluxum.rest.rate_limited", () => Measure(_hosted.RestCounters.RateLimited), "{response}", "Answers with HTTP 429");
        m.CreateObservableCounter("fluxum.rest.server_errors", () => Measure(_hosted.RestCounters.ServerErrors), "{response}", "Answers with an HTTP 5xx status");
        m.CreateObservableCounter("fluxum.rest.delayed", () => Measure(_hosted.RestCounters.Delayed), "{request}", "Requests held back to stay within a venue's declared client limit (never refused for it)");
        m.CreateObservableCounter("fluxum.rest.failures", () => Measure(_hosted.RestCounters.Failures), "{request}", "Attempts that got no answer (refused, reset, timed out)");

        m.CreateObservableGauge("fluxum.feed.lag.p50", () => LagQuantile(0.5), "s", "Exchange-to-local lag, median bucket bound since start (the histogram: /metrics fluxum_feed_lag_seconds), by venue");
        m.CreateObservableGauge("fluxum.feed.lag.p99", () => LagQuantile(0.99), "s", "Exchange-to-local lag, 99th-percentile bucket bound since start, by venue");

        if (scripts is not null)
        {
            m.CreateObservableGauge("fluxum.script.running", () => Measure(scripts.Running), "{script}", "Scripts running");
            m.CreateObservableCounter("fluxum.script.faults", () => Measure(scripts.Faults), "{script}", "Scripts that ended faulted or had to be abandoned");
        }

        if (_hosted.Deployment.Publisher is { } publisher)
        {
            var p = publisher.Counters;
            m.CreateObservableCounter("fluxum.publish.published", () => Measure(p.Published), "{message}", "Messages JetStream acknowledged (publish.nats)");
            m.CreateObservableCounter("fluxum.publish.dropped", () => Measure(p.Dropped), "{message}", "Messages dropped because the buffer between the hub and the NATS writer was full");
            m.CreateObservableCounter("fluxum.publish.failed", () => Measure(p.Failed), "{message}", "Messages JetStream did not acknowledge after every retry");
            m.CreateObservableCounter("fluxum.publish.disconnects", () => Measure(p.Disconnects), "{disconnect}", "Times the publisher's NATS connection was lost (the client reconnects)");
            m.CreateObservableGauge("fluxum.publish.connected", () => Measure(p.Connected ? 1 : 0), "{connection}", "1 while the publisher is connected to NATS");
            m.CreateObservableGauge("fluxum.publish.queued", () => Measure(publisher.Queued), "{message}", "Messages waiting in the buffer for the NATS writer");
        }

        m.CreateObservableCounter("fluxum.relay.messages", () => PerRelay(r => r.Counters.Messages), "{message}", "Messages a relay venue read from JetStream, by venue");
        m.CreateObservableCounter("fluxum.relay.awaiting_snapshot", () => PerRelay(r => r.Counters.AwaitingSnapshot), "{message}", "Book updates a relay venue skipped before the book's first snapshot, by venue");
        m.CreateObservableGauge("fluxum.relay.connected", () => PerRelay(r => r.Counters.Connected ? 1 : 0), "{connection}", "1 while a relay venue is connected to NATS, by venue");

        m.CreateObservableGauge("fluxum.plugin.load_failures", () => Measure(_catalog?.Faulted.Count() ?? 0), "{plugin}", "Plugins found in the plugin directories that could not be loaded");
    }

    /// <summary>The meter every instrument is on.</summary>
    public Meter Meter { get; }

    public void Dispose() => Meter.Dispose();

    /// <summary>
    /// The histograms (no observable histogram exists in <see cref="System.Diagnostics.Metrics"/>): each venue's
    /// exchange-to-local lag and the hub's receipt-to-hand-over latency, for the Prometheus exposition.
    /// </summary>
    public IEnumerable<(string Name, string Help, KeyValuePair<string, string>[] Tags, LatencyHistogram Histogram)> Histograms()
    {
        foreach (var venue in _hosted.Deployment.Venues)
        {
            if (venue.Feed is { } feed)
            {
                yield return ("fluxum.feed.lag", "Exchange-to-local lag: from the venue's timestamp of an event or book frame to its receipt, by venue", [new("venue", venue.Venue)], feed.Lag);
            }
        }

        yield return ("fluxum.rest.latency", "REST attempts: from send to the whole answer read (answered attempts only)", [], _hosted.RestCounters.Latency);
        yield return ("fluxum.hub.delivery_latency", "In-process latency: from an event's receipt to its hand-over to the consumers' queues (one delivered event in 16)", [], _hosted.Deployment.Hub.DeliveryLatency);
    }

    private static Measurement<long>[] Measure(long value) => [new(value)];

    private IEnumerable<Measurement<double>> LagQuantile(double quantile)
    {
        foreach (var venue in _hosted.Deployment.Venues)
        {
            if (venue.Feed?.Lag.Quantile(quantile) is { } bound)
            {
                yield return new Measurement<double>(bound, Tag("venue", venue.Venue));
            }
        }
    }

    private IEnumerable<Measurement<long>> PerRelay(Func<Relay.RelaySource, long> read)
    {
        foreach (var venue in _hosted.Deployment.Venues)
        {
            if (venue.RelaySource is { } relay)
            {
                yield return new Measurement<long>(read(relay), Tag("venue", venue.Venue));
            }
        }
    }

    private IEnumerable<Measurement<long>> PerFeed(Func<MarketData.VenueFeed, long> read)
    {
        foreach (var venue in _hosted.Deployment.Venues)
        {
            if (venue.Feed is { } feed)
            {
                yield return new Measurement<long>(read(feed), new KeyValuePair<string, object?>("venue", venue.Venue));
            }
        }
    }

    private IEnumerable<Measurement<long>> EventsByKind()
    {
        foreach (var venue in _hosted.Deployment.Venues)
        {
            if (venue.Feed is not { } feed)
            {
                continue;
            }

            foreach (var kind in Kinds)
            {
                yield return new Measurement<long>(feed.Counters.EventsOf(kind), Tag("venue", venue.Venue), Tag("kind", KindName(kind)));
            }
        }
    }

    private static string KindName(MarketData.EventKind kind) => kind switch
    {
        MarketData.EventKind.DataQuality => "data_quality",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private IEnumerable<Measurement<long>> PerSession(Func<VenueSession, long> read)
    {
        foreach (var (venue, connection, session) in Sessions())
        {
            yield return new Measurement<long>(read(session), Tag("venue", venue), Tag("connection", connection));
        }
    }

    private IEnumerable<Measurement<long>> ConnectsDelayed()
    {
        var limits = _hosted.Deployment.ConnectionLimits;
        foreach (var venue in _hosted.Deployment.Venues)
        {
            yield return new Measurement<long>(limits?.DelayedFor(venue.Venue) ?? 0, Tag("venue", venue.Venue));
        }
    }

    private IEnumerable<Measurement<long>> SessionStates()
    {
        foreach (var (venue, connection, session) in Sessions())
        {
            var phase = session.State.Phase;
            foreach (var each in Phases)
            {
                yield return new Measurement<long>(each == phase ? 1 : 0, Tag("venue", venue), Tag("connection", connection), Tag("state", each.ToString().ToLowerInvariant()));
            }
        }
    }

    private IEnumerable<Measurement<long>> StaleBooks()
    {
        foreach (var venue in _hosted.Deployment.Venues)
        {
            if (venue.Feed is not { } feed)
            {
                continue;
            }

            foreach (var symbol in feed.Books.Symbols)
            {
                yield return new Measurement<long>(feed.Books.IsStale(symbol) ? 1 : 0, Tag("venue", venue.Venue), Tag("symbol", symbol.ToString()));
            }
        }
    }

    private IEnumerable<(string Venue, string Connection, VenueSession Session)> Sessions()
    {
        foreach (var venue in _hosted.Deployment.Venues)
        {
            if (venue.Session is { } session)
            {
                yield return (venue.Venue, "public", session);
            }

            if (venue.PrivateSession is { } account)
            {
                yield return (venue.Venue, "account", account);
            }
        }
    }

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);
}
