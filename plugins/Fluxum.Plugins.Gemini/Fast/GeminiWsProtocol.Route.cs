using System.Globalization;
using System.Text;
using Fluxum.Plugins.Gemini.Wire;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Gemini.Fast;

/// <summary>Routing by content (gemini_ws_new.md §3): responses, depth, book ticker, trades, balances.</summary>
internal sealed partial class GeminiWsProtocol
{
    private void Route(ReadOnlySpan<byte> frame, ref WsFields f, DateTimeOffset receivedAt, IFrameSink sink)
    {
        if (f.HasId && f.Status is { } status)
        {
            Response(f.Id, status, f.ErrorCode, f.ErrorMessage, receivedAt, sink);
            return;
        }

        var exchangeTime = f.EventTime is { } e ? Json.EpochAuto(e) : (DateTimeOffset?)null;
        switch (f.Event)
        {
            case WsEvent.Balance:
                Balances(f, receivedAt, exchangeTime, sink);
                return;
            case WsEvent.Order:
                Orders(frame, receivedAt, sink);
                return;
            case WsEvent.Other:
                // Position and perpetual events: not mapped to SDK events (yet); counted as unhandled. A damaged
                // "depthUpdate" looks the same, and whose book it was cannot be told.
                sink.UnattributedBookMalformed("gemini ws: unhandled event type", frame);
                return;
        }

        if (f.Slot < 0 || !f.HasSymbol)
        {
            var reason = f.HasSymbol ? "gemini ws: frame for a symbol not subscribed on this connection" : "gemini ws: frame without a symbol";
            if (f.Event == WsEvent.Depth || f.HasLevels || (f.TradeId is null && !f.HasBookTicker))
            {
                // Book data for no book of ours (a damaged symbol, as far as anyone can tell), or a frame that is
                // recognisably nothing, so may have been a book frame: only a trade or book ticker is plain malformed.
                sink.UnattributedBookMalformed(reason, frame);
            }
            else
            {
                sink.Malformed(reason, frame);
            }

            return;
        }

        if (f.Event == WsEvent.Depth)
        {
            Depth(frame, f, receivedAt, exchangeTime, sink);
        }
        else if (f.HasBookTicker && f.Event == WsEvent.None)
        {
            BookTicker(f, receivedAt, exchangeTime, sink);
        }
        else if (f.TradeId is { } tid && f.HasMaker && f.Price is { } price && f.Quantity is { } size)
        {
            if (_slots[f.Slot].Trades)
            {
                sink.Publish(new Trade
                {
                    Venue = GeminiPlugin.VenueName,
                    Symbol = _symbols[f.Slot],
                    Price = price,
                    Size = size,
                    TakerSide = f.BuyerIsMaker ? Side.Sell : Side.Buy,
                    TradeId = tid.ToString(CultureInfo.InvariantCulture),
                    ExchangeTime = exchangeTime,
                    ReceivedAt = receivedAt,
                });
            }
        }
        else if (f.HasLevels)
        {
            // Price levels for a known symbol, but no depthUpdate: that book's frame, damaged.
            DepthProblem(frame, f.Slot, "a frame with price levels that is not a depthUpdate", sink);
        }
        else
        {
            sink.UnattributedBookMalformed("gemini ws: frame matches no known message shape", frame);
        }
    }

    private void Depth(ReadOnlySpan<byte> frame, in WsFields f, DateTimeOffset receivedAt, DateTimeOffset? exchangeTime, IFrameSink sink)
    {
        ref var slot = ref _slots[f.Slot];
        // The first frame after SUBSCRIBE is the snapshot, with U == u (gemini_ws_new.md §6.2). One that is not
        // means the snapshot was lost: these are changes to a book never received, not the whole book.
        var problem = _levelsProblem ?? (f.First is null || f.Last is null ? "depthUpdate without U/u" : null)
            ?? (slot.Depth == DepthState.AwaitingSnapshot && f.First != f.Last ? "the first depthUpdate after subscribing is not a snapshot (U != u): the snapshot was lost" : null);
        if (problem is not null || slot.Depth == DepthState.None)
        {
            DepthProblem(frame, f.Slot, problem, sink);
            return;
        }

        var snapshot = slot.Depth == DepthState.AwaitingSnapshot;
        if (snapshot)
        {
            slot.Depth = DepthState.Live;
            _levels.Reverse();
        }

        sink.Book(new BookFrame(_symbols[f.Slot], snapshot, _levels.Span, receivedAt)
        {
            FirstSequence = f.First,
            LastSequence = f.Last,
            ExchangeTime = exchangeTime,
        });
    }

    /// <summary>
    /// A depthUpdate for <paramref name="slot"/> that cannot be applied in full (<paramref name="problem"/>), or
    /// one for a depth no longer subscribed (null problem: a late frame). The first is none of it applied: the
    /// host marks the book stale and resyncs it; the stream's next frame is not taken for a snapshot.
    /// </summary>
    private void DepthProblem(ReadOnlySpan<byte> frame, int slot, string? problem, IFrameSink sink)
    {
        ref var state = ref _slots[slot];
        var symbol = _symbols[slot];
        if (state.Depth == DepthState.None)
        {
            FrameGuard.Report(sink, FrameAttribution.Other, $"{ReasonPrefix}depthUpdate for {symbol}, whose depth is not subscribed (late frame){(problem is null ? string.Empty : $": {problem}")}", frame);
            return;
        }

        if (state.Depth == DepthState.AwaitingSnapshot)
        {
            // The snapshot itself was broken: what follows are deltas to a book we do not have.
            state.Depth = DepthState.Live;
        }

        FrameGuard.Report(sink, FrameAttribution.Book(symbol), $"{ReasonPrefix}depthUpdate: {problem}", frame);
    }

    private void BookTicker(in WsFields f, DateTimeOffset receivedAt, DateTimeOffset? exchangeTime, IFrameSink sink)
    {
        // An empty side arrives as "": no level to show, so no ticker until both sides exist.
        if (!_slots[f.Slot].Ticker || f.Bid is not { } bid || f.Ask is not { } ask)
        {
            return;
        }

        sink.Publish(new Ticker
        {
            Venue = GeminiPlugin.VenueName,
            Symbol = _symbols[f.Slot],
            Bid = bid,
            BidSize = f.BidSize ?? 0m,
            Ask = ask,
            AskSize = f.AskSize ?? 0m,
            Last = f.LastPrice,
            LastSize = f.LastSize,
            ExchangeTime = exchangeTime,
            ReceivedAt = receivedAt,
            Extras = _env.TickerStats.For(_symbols[f.Slot], _symbols.VenueName(f.Slot)),
        });
    }

    private void Balances(in WsFields f, DateTimeOffset receivedAt, DateTimeOffset? exchangeTime, IFrameSink sink)
    {
        var time = f.Last is { } u ? Json.EpochAuto(u) : exchangeTime ?? receivedAt;
        foreach (var (asset, free, total) in _balanceRows)
        {
            var balance = total ?? free;
            var previous = _balances.TryGetValue(asset, out var p) ? p : (decimal?)null;
            _balances[asset] = balance;
            if (!_ledger)
            {
                continue;
            }

            sink.Publish(new LedgerEntry
            {
                Venue = GeminiPlugin.VenueName,
                Id = $"balance:{asset}:{time.ToUnixTimeMilliseconds()}",
                Type = LedgerEntryType.Other("balance"),
                SubType = previous is null ? "snapshot" : "update",
                Asset = asset.ToUpperInvariant(),
                Amount = previous is { } before ? balance - before : 0m,
                Balance = balance,
                Time = time,
                ExchangeTime = exchangeTime,
                ReceivedAt = receivedAt,
            });
        }
    }

    private void Response(long? id, int status, string? code, string? message, DateTimeOffset receivedAt, IFrameSink sink)
    {
        // A response to no request of this connection (unknown, or answered already) still reports its failure.
        PendingRequest? pending = null;
        if (id is { } key && _requests.Complete(key, out var found) == AckMatch.Matched)
        {
            pending = found;
        }

        var ok = status is >= 200 and < 300;
        if (!ok)
        {
            sink.Publish(new VenueError
            {
                Venue = GeminiPlugin.VenueName,
                Code = code,
                Message = $"{pending?.Method ?? "request"} {id} failed with status {status}: {message ?? "no message"}",
                Symbol = pending?.Symbols.Count == 1 ? pending.Symbols[0] : null,
                ReceivedAt = receivedAt,
            });
        }

        if (pending is null)
        {
            return;
        }

        if (pending.Method == "ping")
        {
            sink.Publish(new Heartbeat { Venue = GeminiPlugin.VenueName, ReceivedAt = receivedAt });
            return;
        }

        if (pending.ResyncSlot >= 0)
        {
            // The resync's unsubscribe is done: the next depthUpdate for the symbol is the new snapshot.
            if (_slots[pending.ResyncSlot].Depth == DepthState.Resyncing)
            {
                _slots[pending.ResyncSlot].Depth = DepthState.AwaitingSnapshot;
            }

            return;
        }

        if (pending.Channel is not { } channel)
        {
            return;
        }

        var subscribe = pending.Method == "subscribe";
        if (!ok && subscribe)
        {
            Rejected(pending);
        }

        if (pending.Symbols.Count == 0)
        {
            sink.Publish(new SubscriptionAck { Venue = GeminiPlugin.VenueName, Channel = channel, IsSubscribe = subscribe, Success = ok, Error = ok ? null : message, ReceivedAt = receivedAt });
            return;
        }

        foreach (var symbol in pending.Symbols)
        {
            sink.Publish(new SubscriptionAck { Venue = GeminiPlugin.VenueName, Channel = channel, Symbol = symbol, IsSubscribe = subscribe, Success = ok, Error = ok ? null : message, ReceivedAt = receivedAt });
        }
    }

    private void Rejected(PendingRequest pending)
    {
        if (pending.Channel!.Kind == ChannelKind.Ledger)
        {
            _ledger = false;
            return;
        }

        foreach (var symbol in pending.Symbols)
        {
            var slot = _symbols.Find(symbol);
            if (slot >= 0)
            {
                ref var state = ref _slots[slot];
                switch (pending.Channel.Kind)
                {
                    case ChannelKind.Book: state.Book = false; state.Depth = DepthState.None; break;
                    case ChannelKind.Trades: state.Trades = false; break;
                    case ChannelKind.Ticker: state.Ticker = false; break;
                }
            }
        }
    }
}
