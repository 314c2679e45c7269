using Fluxum.Plugins.Gemini.V2;

namespace Fluxum.Plugins.Gemini.Simulator;

/// <summary>Subscription handling for both APIs, under the market lock.</summary>
internal sealed partial class SimMarkets
{
    public const string WsStreamBalances = "balances@account";

    public const string WsStreamOrders = "orders@account";

    /// <summary>Handles a v2 subscribe/unsubscribe; returns an error text or null.</summary>
    public string? V2Subscribe(V2Session session, string feed, IReadOnlyList<string> symbols, bool subscribe)
    {
        var candleIndex = Array.FindIndex(V2Feeds.Candles, c => c.Name == feed);
        if (feed != V2Feeds.L2 && candleIndex < 0)
        {
            return $"unknown feed {feed}";
        }

        lock (_gate)
        {
            var unknown = symbols.FirstOrDefault(s => !_byVenue.ContainsKey(s));
            if (unknown is not null)
            {
                return $"unknown symbol {unknown}";
            }

            foreach (var s in symbols.Select(x => _byVenue[x]))
            {
                if (feed == V2Feeds.L2)
                {
                    if (!subscribe)
                    {
                        session.L2.Remove(s);
                    }
                    else if (session.L2.Add(s))
                    {
                        // The initial message: the whole book and the last trades.
                        session.Send(SimWire.L2(s, s.AllLevels(), s.Recent));
                    }
                }
                else if (!subscribe)
                {
                    session.Candles.Remove((s, candleIndex));
                }
                else if (session.Candles.Add((s, candleIndex)))
                {
                    var current = s.Candles[candleIndex].Current;
                    session.Send(SimWire.V2Candles(s, feed, current is null ? [] : [current]));
                }
            }
        }

        return null;
    }

    /// <summary>Handles a new-API (un)subscribe: snapshot before the ack, as observed on the wire.</summary>
    public void WsSubscribe(WsSession session, string id, IReadOnlyList<string> streams, bool subscribe)
    {
        lock (_gate)
        {
            foreach (var stream in streams)
            {
                if (stream is WsStreamBalances or WsStreamOrders)
                {
                    if (!session.Authenticated)
                    {
                        session.Send(SimWire.WsError(id, 401, -1002, "Authentication required"));
                        return;
                    }

                    continue;
                }

                var at = stream.IndexOf('@', StringComparison.Ordinal);
                var suffix = at < 0 ? string.Empty : stream[at..];
                if (at <= 0 || !_byVenue.ContainsKey(stream[..at]) || suffix is not ("@depth@100ms" or "@depth" or "@trade" or "@bookTicker"))
                {
                    session.Send(SimWire.WsError(id, 400, -1013, "Invalid stream name: " + stream));
                    return;
                }
            }

            foreach (var stream in streams)
            {
                if (!subscribe)
                {
                    session.Streams.Remove(stream);
                    continue;
                }

                _subscribeCounts[stream] = _subscribeCounts.GetValueOrDefault(stream) + 1;
                if (session.Streams.Add(stream) && stream.Contains("@depth", StringComparison.Ordinal) && session.Snapshot != 0)
                {
                    var s = _byVenue[stream[..stream.IndexOf('@', StringComparison.Ordinal)]];
                    var levels = s.AllLevels();
                    if (session.Snapshot > 0)
                    {
                        levels = levels.Where(l => l.Side == Fluxum.Sdk.BookSide.Bid).Take(session.Snapshot)
                            .Concat(levels.Where(l => l.Side == Fluxum.Sdk.BookSide.Ask).Take(session.Snapshot));
                    }

                    session.Send(SimWire.Depth(s, s.LastUpdateId, s.LastUpdateId, Account.Now, levels));
                }
            }

            session.Send(SimWire.Ack(id));
            if (subscribe && streams.Contains(WsStreamBalances))
            {
                session.Send(Account.BalanceFrame(Account.Now));
            }
        }
    }
}
