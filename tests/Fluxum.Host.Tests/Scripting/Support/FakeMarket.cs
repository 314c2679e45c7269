using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Sessions;

namespace Fluxum.Host.Tests.Scripting.Support;

/// <summary>
/// An in-test hub: events the test publishes go to every current subscriber (each enumeration its own, as the
/// real hub); books are real SDK <see cref="BookManager"/>s fed with frames, whose snapshots are published.
/// </summary>
internal sealed class FakeMarket : IMarketData
{
    private readonly Hub _hub;
    private readonly string? _venue;

    public FakeMarket(params string[] venues)
        : this(new Hub(venues), null)
    {
    }

    private FakeMarket(Hub hub, string? venue)
    {
        _hub = hub;
        _venue = venue;
    }

    public IReadOnlyList<string> Venues => _venue is null ? _hub.Venues : [_venue];

    public IReadOnlyDictionary<string, ISession> Sessions { get; } = new Dictionary<string, ISession>();

    public IReadOnlyDictionary<string, IBookManager> Books =>
        _hub.Books.Where(b => _venue is null || b.Key == _venue).ToDictionary(b => b.Key, b => (IBookManager)b.Value);

    public IReadOnlyDictionary<string, BookManager> Managers => _hub.Books;

    public IMarketData Venue(string venue) =>
        _hub.Venues.Contains(venue) ? new FakeMarket(_hub, venue) : throw new KeyNotFoundException($"No venue '{venue}'.");

    public void Publish(MarketEvent e) => _hub.Publish(e);

    /// <summary>Applies a book frame to the venue's manager and publishes the resulting snapshot.</summary>
    public void ApplyBook(string venue, Symbol symbol, bool isSnapshot, DateTimeOffset at, params LevelChange[] changes)
    {
        var manager = _hub.Books[venue];
        manager.Apply(new BookFrame(symbol, isSnapshot, changes, at));
        if (manager.Snapshot(symbol) is { } snapshot)
        {
            Publish(snapshot);
        }
    }

    /// <summary>Completes when at least <paramref name="count"/> subscribers of <typeparamref name="T"/> are listening.</summary>
    public Task WaitForSubscribersAsync<T>(int count = 1) => _hub.WaitForAsync(typeof(T), count);

    public IAsyncEnumerable<Ticker> Tickers(Symbol? symbol = null, CancellationToken cancellationToken = default) =>
        Subscribe<Ticker>(t => symbol is null || t.Symbol == symbol, cancellationToken);

    public IAsyncEnumerable<Trade> Trades(Symbol? symbol = null, CancellationToken cancellationToken = default) =>
        Subscribe<Trade>(t => symbol is null || t.Symbol == symbol, cancellationToken);

    public IAsyncEnumerable<Ohlc> Candles(Symbol? symbol = null, TimeSpan? interval = null, CancellationToken cancellationToken = default) =>
        Subscribe<Ohlc>(c => (symbol is null || c.Symbol == symbol) && (interval is null || c.Interval == interval), cancellationToken);

    public IAsyncEnumerable<BookSnapshot> BookSnapshots(Symbol? symbol = null, CancellationToken cancellationToken = default) =>
        Subscribe<BookSnapshot>(b => symbol is null || b.Symbol == symbol, cancellationToken);

    public IAsyncEnumerable<BookUpdate> BookUpdates(Symbol? symbol = null, CancellationToken cancellationToken = default) =>
        Subscribe<BookUpdate>(b => symbol is null || b.Symbol == symbol, cancellationToken);

    public IAsyncEnumerable<DataQualityEvent> DataQuality(CancellationToken cancellationToken = default) =>
        Subscribe<DataQualityEvent>(_ => true, cancellationToken);

    public IAsyncEnumerable<RawFrame> RawFrames(CancellationToken cancellationToken = default) =>
        Subscribe<RawFrame>(_ => true, cancellationToken);

    public IAsyncEnumerable<MarketEvent> Events(CancellationToken cancellationToken = default) =>
        Subscribe<MarketEvent>(_ => true, cancellationToken);

    private async IAsyncEnumerable<T> Subscribe<T>(Func<T, bool> filter, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : MarketEvent
    {
        var channel = Channel.CreateUnbounded<MarketEvent>();
        var subscriber = new Subscriber(typeof(T), e => e is T t && (_venue is null || t.Venue == _venue) && filter(t), channel);
        _hub.Add(subscriber);
        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return (T)e;
            }
        }
        finally
        {
            _hub.Remove(subscriber);
        }
    }

    private sealed record Subscriber(Type Type, Func<MarketEvent, bool> Accepts, Channel<MarketEvent> Channel);

    private sealed class Hub(string[] venues)
    {
        private readonly List<Subscriber> _subscribers = [];
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string[] Venues { get; } = venues;

        public Dictionary<string, BookManager> Books { get; } = venues.ToDictionary(v => v, v => new BookManager(v, BookRules.Default));

        public void Publish(MarketEvent e)
        {
            lock (_subscribers)
            {
                foreach (var s in _subscribers.Where(s => s.Accepts(e)))
                {
                    s.Channel.Writer.TryWrite(e);
                }
            }
        }

        public void Add(Subscriber s) => Change(() => _subscribers.Add(s));

        public void Remove(Subscriber s) => Change(() => _subscribers.Remove(s));

        public async Task WaitForAsync(Type type, int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (true)
            {
                Task changed;
                lock (_subscribers)
                {
                    if (_subscribers.Count(s => s.Type == type) >= count)
                    {
                        return;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(timeout.Token);
            }
        }

        private void Change(Action action)
        {
            TaskCompletionSource previous;
            lock (_subscribers)
            {
                action();
                previous = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            previous.TrySetResult();
        }
    }
}
