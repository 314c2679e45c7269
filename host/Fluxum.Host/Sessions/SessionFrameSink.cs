using Fluxum.Host.MarketData;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Sessions;

/// <summary>
/// One connection's way into the venue's feed: passes its decoded output on, letting the session see acks and
/// the first data, and keeps the receive time of the frame being decoded, which stamps the data-quality events
/// that frame causes. Per connection, because a venue's public and authenticated connections share the feed.
/// </summary>
internal sealed class SessionFrameSink : IFrameSink
{
    private readonly VenueSession _session;
    private readonly VenueFeed _feed;
    private readonly IMarketDataProtocol _protocol;
    private readonly bool _record;
    private DateTimeOffset _receivedAt;

    /// <param name="record">False for the authenticated connection (see <see cref="VenueFeed.Process"/>).</param>
    public SessionFrameSink(VenueSession session, VenueFeed feed, IMarketDataProtocol protocol, bool record)
    {
        _session = session;
        _feed = feed;
        _protocol = protocol;
        _record = record;
    }

    /// <summary>Processes one frame this connection received (on its receive loop: one frame at a time).</summary>
    public void Process(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt)
    {
        _receivedAt = receivedAt;
        _feed.Process(_protocol, frame, receivedAt, this, _record);
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

    public void Malformed(string reason, ReadOnlySpan<byte> frame) => _feed.Malformed(reason, frame, _receivedAt);

    public void ConnectionSequence(long sequence) => _session.OnConnectionSequence(sequence, _receivedAt);

    public void BookMalformed(Symbol symbol, string reason, ReadOnlySpan<byte> frame) => _feed.BookMalformed(symbol, reason, frame, _receivedAt);

    /// <summary>The public connection carries the books: all of them are resynced. The authenticated one keeps none.</summary>
    public void UnattributedBookMalformed(string reason, ReadOnlySpan<byte> frame)
    {
        if (_record)
        {
            _feed.UnattributedBookMalformed(reason, frame, _receivedAt);
        }
        else
        {
            _feed.Malformed(reason, frame, _receivedAt);
        }
    }
}
