using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Simulation;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Kraken.Simulator;

/// <summary>
/// The load mode (<see cref="SimulatorOptions.Load"/>): every connection, once it has been quiet for the settle time
/// after its subscriptions, gets frames from each subscribed pair's <see cref="LoadTape"/> in turn, at the fixed rate,
/// each stamped with its send time. The tapes are built once per pair and depth from a market stepped on its own
/// (seeded), so they cost nothing per frame but a copy and the stamp; the evolving market does not step.
/// </summary>
internal sealed partial class KrakenSimulator
{
    /// <summary>Book updates per tape cycle (trades and tickers come with them, as the stepped market made them).</summary>
    internal const int TapeBookFrames = 2_000;

    private const int StampLength = 27;
    private const int MaxBatch = 512;
    private static readonly TimeSpan LoadIdle = TimeSpan.FromMilliseconds(20);
    private readonly ConcurrentDictionary<(Symbol Symbol, int Depth), Lazy<LoadTape>> _tapes = new();
    private long _loadBooks;
    private long _loadTrades;
    private long _loadTickers;

    private static readonly Action<ILogger, long, long, long, long, double, double, Exception?> LogLoadDone = LoggerMessage.Define<long, long, long, long, double, double>(
        LogLevel.Information,
        new EventId(4205, "KrakenSimLoadDone"),
        "Kraken simulator load: a connection got {Frames} frames ({Books} book, {Trades} trade, {Tickers} ticker) in {Seconds:0.###} s ({Rate:0} frames/s)");

    private static readonly Action<ILogger, string, Exception?> LogLoadFailed = LoggerMessage.Define<string>(
        LogLevel.Error, new EventId(4206, "KrakenSimLoadFailed"), "Kraken simulator load: a connection's load stopped on an error ({Reason})");

    /// <summary>Load frames sent so far to every connection, by kind (test and log observability).</summary>
    internal (long Books, long Trades, long Tickers) LoadSent =>
        (Interlocked.Read(ref _loadBooks), Interlocked.Read(ref _loadTrades), Interlocked.Read(ref _loadTickers));

    /// <summary>The tape of <paramref name="symbol"/> at <paramref name="depth"/>, built on first use.</summary>
    internal LoadTape Tape(Symbol symbol, int depth) =>
        _tapes.GetOrAdd((symbol, depth), key => new Lazy<LoadTape>(() => BuildTape(key.Symbol, key.Depth))).Value;

    /// <summary>Writes <paramref name="now"/> at every stamp offset of <paramref name="frame"/>.</summary>
    internal static void Stamp(Span<byte> frame, int[] stamps, DateTimeOffset now)
    {
        Span<byte> text = stackalloc byte[StampLength];
        now.UtcDateTime.TryFormat(text, out _, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        foreach (var at in stamps)
        {
            text.CopyTo(frame[at..]);
        }
    }

    private LoadTape BuildTape(Symbol symbol, int depth)
    {
        var index = 0;
        while (KrakenSimInstruments.All[index].Symbol != symbol)
        {
            index++;
        }

        var template = _pairs[symbol];
        var pair = new SimPair(symbol, template.Precision, SimulatedMarket.ReferencePrice(symbol), new Random(((Options.Seed ?? 0) * 31) + (index * 1_000_003) + depth));
        var time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var start = Top(pair.Market.Book, depth);
        var mirror = Top(pair.Market.Book, depth);
        var snapshot = SimMessages.Book(pair, true, start, null, _checksum.Compute(start.View, default, default), time);
        var frames = new List<LoadFrame>();
        var books = 0;
        while (books < TapeBookFrames)
        {
            time = time.AddMilliseconds(1);
            var step = pair.Market.Step(time);
            foreach (var trade in step.Trades)
            {
                frames.Add(Frame(LoadKind.Trade, SimMessages.Trades(pair, [trade])));
            }

            var top = pair.Market.Book.Top;
            if (step.Trades.Count > 0 || top != pair.LastTop)
            {
                pair.LastTop = top;
                frames.Add(Frame(LoadKind.Ticker, SimMessages.Ticker(pair, false, time)));
            }

            if (Touches(step.Changes, pair.Market.Book, depth) && Diff(pair.Market.Book, mirror) is { Count: > 0 } changes)
            {
                frames.Add(Frame(LoadKind.Book, SimMessages.Book(pair, false, mirror, changes, _checksum.Compute(mirror.View, default, default), time)));
                books++;
            }
        }

        // Close the cycle: one update that turns the book back into the start, so the tape can repeat.
        if (Diff(start, mirror) is { Count: > 0 } back)
        {
            frames.Add(Frame(LoadKind.Book, SimMessages.Book(pair, false, mirror, back, _checksum.Compute(mirror.View, default, default), time)));
        }

        return new LoadTape(start, snapshot, [.. frames]);

        static LoadFrame Frame(LoadKind kind, byte[] bytes) => new(kind, bytes, LoadTape.FindStamps(bytes));
    }

    /// <summary>The best <paramref name="depth"/> levels of <paramref name="market"/> as a book of that depth.</summary>
    private static OrderBook Top(OrderBook market, int depth)
    {
        var book = new OrderBook(market.Symbol, depth);
        var levels = new List<LevelChange>();
        for (var k = 0; k < Math.Min(depth, market.Bids.Count); k++)
        {
            levels.Add(new LevelChange(BookSide.Bid, market.Bids[k].Price, market.Bids[k].Size));
        }

        for (var k = 0; k < Math.Min(depth, market.Asks.Count); k++)
        {
            levels.Add(new LevelChange(BookSide.Ask, market.Asks[k].Price, market.Asks[k].Size));
        }

        book.ApplySnapshot(levels.ToArray());
        return book;
    }

    /// <summary>Load mode, a book subscription: the client's tape restarts, and its snapshot is the tape's start.</summary>
    private byte[] LoadBookSubscribed(SimClient client, Symbol symbol, int depth, DateTimeOffset now)
    {
        var tape = Tape(symbol, depth);
        client.Books[symbol] = Top(tape.Start, depth);
        if (!client.LoadCursors.ContainsKey(symbol))
        {
            client.LoadOrder.Add(symbol);
        }

        client.LoadCursors[symbol] = new LoadCursor(tape);
        var snapshot = tape.Snapshot.ToArray();
        Stamp(snapshot, LoadTape.FindStamps(snapshot), now);
        return snapshot;
    }

    /// <summary>Load mode, a ticker or trade subscription: the symbol joins the rotation (on a depth-10 tape if it has no book).</summary>
    private void LoadStreamSubscribed(SimClient client, Symbol symbol)
    {
        if (!client.LoadCursors.ContainsKey(symbol))
        {
            client.LoadOrder.Add(symbol);
            client.LoadCursors[symbol] = new LoadCursor(Tape(symbol, Protocol.KrakenChannels.DefaultBookDepth));
        }
    }

    /// <summary>Starts the connection's load loop once it has a subscription (called after each request is answered).</summary>
    private void StartLoadIfSubscribed(SimClient client, CancellationToken cancellationToken)
    {
        if (Options.Load is { } load && client.LoadLoop is null && client.HasSubscriptions)
        {
            client.LoadLoop = Task.Run(() => RunLoadAsync(client, load, cancellationToken), CancellationToken.None);
        }
    }

    private async Task LoadHeartbeatsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var client in _clients.Keys)
        {
            if (client.HasSubscriptions && now - client.LastSent >= TimeSpan.FromSeconds(1))
            {
                await SendSafelyAsync(client, [SimMessages.Heartbeat], now, cancellationToken);
            }
        }
    }

    private async Task RunLoadAsync(SimClient client, SimulatorLoad load, CancellationToken cancellationToken)
    {
        var time = Options.Time;
        var run = new LoadRun();
        long started = 0;
        try
        {
            while (time.GetUtcNow() - client.LastRequest < load.Settle)
            {
                await Task.Delay(LoadIdle, time, cancellationToken);
            }

            started = time.GetTimestamp();
            var limit = load.Messages ?? long.MaxValue;
            while (run.Sent < limit && client.Socket.State == WebSocketState.Open)
            {
                var due = load.MessagesPerSecond > 0
                    ? Math.Min(limit, (long)(time.GetElapsedTime(started).TotalSeconds * load.MessagesPerSecond) + 1)
                    : Math.Min(limit, run.Sent + 64);
                if (due <= run.Sent)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(1), time, cancellationToken);
                    continue;
                }

                var batch = (int)Math.Min(due - run.Sent, MaxBatch);
                var sent = await client.SendBatchAsync(socket => SendLoadBatchAsync(client, socket, run, batch, cancellationToken), time.GetUtcNow(), cancellationToken);
                if (sent == 0)
                {
                    await Task.Delay(LoadIdle, time, cancellationToken); // nothing subscribed that has frames
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
        {
            LogClientGone(_logger, e.Message, null);
        }
        catch (Exception e)
        {
            LogLoadFailed(_logger, e.ToString(), null);
        }

        if (started != 0)
        {
            var seconds = time.GetElapsedTime(started).TotalSeconds;
            LogLoadDone(_logger, run.Sent, run.Books, run.Trades, run.Tickers, seconds, seconds > 0 ? run.Sent / seconds : 0, null);
        }
    }

    private async Task<int> SendLoadBatchAsync(SimClient client, WebSocket socket, LoadRun run, int batch, CancellationToken cancellationToken)
    {
        var count = 0;
        while (count < batch)
        {
            LoadFrame? frame;
            lock (client.Gate)
            {
                frame = NextLoadFrame(client, run);
            }

            if (frame is null)
            {
                break;
            }

            var length = frame.Bytes.Length;
            if (run.Scratch.Length < length)
            {
                run.Scratch = new byte[length * 2];
            }

            frame.Bytes.CopyTo(run.Scratch, 0);
            Stamp(run.Scratch, frame.Stamps, Options.Time.GetUtcNow());
            await socket.SendAsync(run.Scratch.AsMemory(0, length), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            count++;
            run.Sent++;
            switch (frame.Kind)
            {
                case LoadKind.Book:
                    run.Books++;
                    Interlocked.Increment(ref _loadBooks);
                    break;
                case LoadKind.Trade:
                    run.Trades++;
                    Interlocked.Increment(ref _loadTrades);
                    break;
                default:
                    run.Tickers++;
                    Interlocked.Increment(ref _loadTickers);
                    break;
            }
        }

        return count;
    }

    /// <summary>The next frame for the client: the next symbol in turn, and in its tape the next frame of a channel it subscribed.</summary>
    private static LoadFrame? NextLoadFrame(SimClient client, LoadRun run)
    {
        var order = client.LoadOrder;
        for (var tries = 0; tries < order.Count; tries++)
        {
            run.NextSymbol = (run.NextSymbol + 1) % order.Count;
            var symbol = order[run.NextSymbol];
            var cursor = client.LoadCursors[symbol];
            var book = client.Books.ContainsKey(symbol);
            var trades = client.Trades.Contains(symbol);
            var ticker = client.Tickers.Contains(symbol);
            if (!book && !trades && !ticker)
            {
                continue;
            }

            var frames = cursor.Tape.Frames;
            for (var k = 0; k < frames.Length; k++)
            {
                var frame = frames[cursor.Next];
                cursor.Next = (cursor.Next + 1) % frames.Length;
                if (frame.Kind switch { LoadKind.Book => book, LoadKind.Trade => trades, _ => ticker })
                {
                    return frame;
                }
            }
        }

        return null;
    }

    /// <summary>One connection's load loop state.</summary>
    private sealed class LoadRun
    {
        public byte[] Scratch { get; set; } = new byte[4096];

        public int NextSymbol { get; set; } = -1;

        public long Sent { get; set; }

        public long Books { get; set; }

        public long Trades { get; set; }

        public long Tickers { get; set; }
    }
}
