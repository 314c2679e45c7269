using System.Net.WebSockets;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Kraken.Simulator;

/// <summary>The market loop: step every pair, then send each client what its subscriptions ask for.</summary>
internal sealed partial class KrakenSimulator
{
    private static readonly byte[] MalformedBook = "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[{\"price\":"u8.ToArray();

    private static readonly Action<ILogger, string, Exception?> LogClientGone = LoggerMessage.Define<string>(
        LogLevel.Debug, new EventId(4201, "KrakenSimClientGone"), "Kraken simulator: a client went away ({Reason})");

    protected override async ValueTask TickAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Options.Load is not null)
        {
            await LoadHeartbeatsAsync(now, cancellationToken);
            return;
        }

        var outbox = new Dictionary<SimClient, List<byte[]>>();
        lock (_marketGate)
        {
            if (now < _stalledUntil)
            {
                return; // Stalled: no step, no update, no heartbeat.
            }

            foreach (var pair in _pairs.Values)
            {
                Step(pair, now, outbox);
            }

            AccountActivity(now, outbox);
        }

        var malformed = Interlocked.Exchange(ref _malformedPending, 0) == 1;
        foreach (var client in _clients.Keys)
        {
            if (!outbox.TryGetValue(client, out var messages))
            {
                messages = [];
                if (client.HasSubscriptions && now - client.LastSent >= TimeSpan.FromSeconds(1))
                {
                    messages.Add(SimMessages.Heartbeat);
                }
            }

            if (malformed)
            {
                messages.Add(MalformedBook);
            }

            if (messages.Count > 0)
            {
                await SendSafelyAsync(client, messages, now, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Every <see cref="AccountTradeEvery"/> ticks the simulated account trades a little BTC at the market,
    /// so the ledger grows and authenticated clients see live balances updates (one message per entry,
    /// with an increasing sequence, as Kraken sends them).
    /// </summary>
    private void AccountActivity(DateTimeOffset now, Dictionary<SimClient, List<byte[]>> outbox)
    {
        if (++_accountTicks % AccountTradeEvery != 0 || !_pairs.TryGetValue(AccountPair, out var pair))
        {
            return;
        }

        var size = Math.Round(0.001m + ((decimal)_accountRandom.NextDouble() * 0.01m), 8);
        var (baseEntry, quoteEntry) = _ledger.Trade(now, pair.Market.LastPrice, size, _accountRandom);
        foreach (var client in _clients.Keys)
        {
            lock (client.Gate)
            {
                if (client.Balances)
                {
                    Add(outbox, client, BalancesUpdate(baseEntry, ++_balanceSequence));
                    Add(outbox, client, BalancesUpdate(quoteEntry, ++_balanceSequence));
                }
            }
        }
    }

    private void Step(SimPair pair, DateTimeOffset now, Dictionary<SimClient, List<byte[]>> outbox)
    {
        var step = pair.Market.Step(now);
        foreach (var candles in pair.Candles.Values)
        {
            candles.Roll(now);
            foreach (var trade in step.Trades)
            {
                candles.Add(trade);
            }
        }

        // A ticker goes out on a trade or a new best bid/ask, not for a change deep in the book.
        var top = pair.Market.Book.Top;
        var tickerChanged = step.Trades.Count > 0 || top != pair.LastTop;
        pair.LastTop = top;
        var corrupt = _corrupt.ContainsKey(pair.Symbol);
        var corrupted = false;
        var cut = _cut.ContainsKey(pair.Symbol);
        var wasCut = false;
        foreach (var client in _clients.Keys)
        {
            lock (client.Gate)
            {
                if (client.Books.TryGetValue(pair.Symbol, out var mirror) && Touches(step.Changes, pair.Market.Book, mirror.Depth))
                {
                    var changes = Diff(pair.Market.Book, mirror);
                    if (changes.Count > 0)
                    {
                        var checksum = _checksum.Compute(mirror.View, default, default);
                        if (corrupt)
                        {
                            checksum ^= 0xA5A5A5A5u;
                            corrupted = true;
                        }

                        var message = SimMessages.Book(pair, false, mirror, changes, checksum, now);
                        if (cut)
                        {
                            // CutFrame: the first half of the message, sent as a whole one; the mirror has the full update.
                            message = CutMessage(message, pair.Symbol.ToString());
                            wasCut = true;
                        }

                        Add(outbox, client, message);
                    }
                }

                if (step.Trades.Count > 0 && client.Trades.Contains(pair.Symbol))
                {
                    Add(outbox, client, SimMessages.Trades(pair, step.Trades));
                }

                if (tickerChanged && client.Tickers.Contains(pair.Symbol))
                {
                    Add(outbox, client, SimMessages.Ticker(pair, false, now));
                }

                foreach (var (symbol, minutes) in client.Candles)
                {
                    if (symbol == pair.Symbol && step.Trades.Count > 0 && pair.Candles[minutes].Current is { } candle)
                    {
                        Add(outbox, client, SimMessages.Candle(pair, minutes, candle, false, now));
                    }
                }
            }
        }

        if (corrupted)
        {
            _corrupt.TryRemove(pair.Symbol, out _);
        }

        if (wasCut)
        {
            _cut.TryRemove(pair.Symbol, out _);
        }
    }

    /// <summary>
    /// Whether a step's changes can reach a client's view of <paramref name="depth"/> levels: a change at or
    /// better than the market's level at that depth (after the step) can; one strictly worse cannot (an add
    /// or delete there leaves the best <paramref name="depth"/> as they were). Most steps of a deep market
    /// change levels far below a shallow view, so this saves the diff for them.
    /// </summary>
    private static bool Touches(IReadOnlyList<LevelChange> changes, OrderBook market, int? depth)
    {
        if (depth is not { } d)
        {
            return changes.Count > 0;
        }

        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var side = change.Side == BookSide.Bid ? market.Bids : market.Asks;
            if (side.Count < d)
            {
                return true;
            }

            var edge = side[d - 1].Price;
            if (change.Side == BookSide.Bid ? change.Price >= edge : change.Price <= edge)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The changes that turn the client's book into the market's best <c>depth</c> levels, as Kraken sends
    /// them: new and changed levels, and deletes only for levels gone from the market (a level pushed
    /// out of the depth is dropped by the client's truncation, never deleted). Applies them to the mirror.
    /// Linear in the depth (both sides are sorted: one merge walk, and a binary search into the market per
    /// mirror level), whatever the market's size. The load mode also uses it to bring a mirror back to its start.
    /// </summary>
    private static List<LevelChange> Diff(OrderBook market, OrderBook mirror)
    {
        var depth = mirror.Depth ?? int.MaxValue;
        var changes = new List<LevelChange>();
        DiffSide(BookSide.Bid, market.Bids, mirror.Bids, depth, changes);
        DiffSide(BookSide.Ask, market.Asks, mirror.Asks, depth, changes);
        foreach (var change in changes)
        {
            mirror.Apply(change);
        }

        mirror.Truncate();
        return changes;
    }

    private static void DiffSide(BookSide side, BookSideView market, BookSideView mirror, int depth, List<LevelChange> changes)
    {
        var bid = side == BookSide.Bid;
        var n = Math.Min(depth, market.Count);
        var j = 0;
        for (var i = 0; i < n; i++)
        {
            var level = market[i];
            while (j < mirror.Count && Better(mirror[j].Price, level.Price, bid))
            {
                j++;
            }

            if (j >= mirror.Count || mirror[j].Price != level.Price || mirror[j].Size != level.Size)
            {
                changes.Add(new LevelChange(side, level.Price, level.Size));
            }
        }

        for (var k = 0; k < mirror.Count; k++)
        {
            var price = mirror[k].Price;
            if (!Contains(market, price, bid))
            {
                changes.Add(new LevelChange(side, price, 0m));
            }
        }
    }

    /// <summary>CutFrame: the first half of a message, at least up to just past its symbol (so it can be read).</summary>
    private static byte[] CutMessage(byte[] message, string symbol)
    {
        var at = message.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes($"\"{symbol}\""));
        var keep = Math.Max(message.Length / 2, at < 0 ? 0 : at + symbol.Length + 3);
        return message[..Math.Min(keep, message.Length - 1)];
    }

    private static bool Better(decimal price, decimal than, bool bid) => bid ? price > than : price < than;

    /// <summary>Binary search of a side (best first: bids descending, asks ascending).</summary>
    private static bool Contains(BookSideView view, decimal price, bool bid)
    {
        var (lo, hi) = (0, view.Count - 1);
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var at = view[mid].Price;
            if (at == price)
            {
                return true;
            }

            if (Better(at, price, bid))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return false;
    }

    private static void Add(Dictionary<SimClient, List<byte[]>> outbox, SimClient client, byte[] message)
    {
        if (!outbox.TryGetValue(client, out var list))
        {
            list = [];
            outbox[client] = list;
        }

        list.Add(message);
    }

    private async Task SendSafelyAsync(SimClient client, IReadOnlyList<byte[]> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await client.SendAsync(() => messages, now, cancellationToken);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or IOException)
        {
            LogClientGone(_logger, e.Message, null);
            _clients.TryRemove(client, out _);
        }
    }
}
