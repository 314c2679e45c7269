using Fluxum.Host.MarketData;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Sessions;

/// <summary>Passes decoded output to the venue's feed, letting the session see acks and the first data.</summary>
internal sealed class SessionFrameSink : IFrameSink
{
    private readonly VenueSession _session;
    private readonly VenueFeed _feed;

    public SessionFrameSink(VenueSession session, VenueFeed feed)
    {
        _session = session;
        _feed = feed;
    }

    public void Publish(MarketEvent marketEvent)
    {
        if (marketEvent is SubscriptionAck ack)
        {
            _session.OnAck(ack);
        }
        else
        {
            _session.OnData();
        }

        _feed.Publish(marketEvent);
    }

    public void Book(in BookFrame frame)
    {
        _session.OnData();
        _feed.Book(frame);
    }

    public void Malformed(string reason, ReadOnlySpan<byte> frame) => _feed.Malformed(reason, frame);
}
