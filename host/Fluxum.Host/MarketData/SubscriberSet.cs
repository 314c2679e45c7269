namespace Fluxum.Host.MarketData;

/// <summary>The consumers of one stream; copy-on-write so publishing reads an array without locking.</summary>
internal sealed class SubscriberSet<T>
    where T : class
{
    private readonly Lock _gate = new();
    private Subscriber<T>[] _items = [];

    public SubscriberSet(string stream) => Stream = stream;

    /// <summary>The stream's name (trades, tickers, ...).</summary>
    public string Stream { get; }

    /// <summary>The current consumers.</summary>
    public Subscriber<T>[] Items => Volatile.Read(ref _items);

    /// <summary>True when anyone listens (the cheap check before building anything to publish).</summary>
    public bool HasAny => Volatile.Read(ref _items).Length > 0;

    public void Add(Subscriber<T> subscriber)
    {
        lock (_gate)
        {
            _items = [.. _items, subscriber];
        }
    }

    public void Remove(Subscriber<T> subscriber)
    {
        lock (_gate)
        {
            _items = Array.FindAll(_items, s => !ReferenceEquals(s, subscriber));
        }

        subscriber.Complete();
    }

    public void CompleteAll()
    {
        foreach (var subscriber in Items)
        {
            subscriber.Complete();
        }
    }

    /// <summary>True when a consumer wants events of <paramref name="venue"/> and <paramref name="symbol"/>.</summary>
    public bool AnyMatches(string venue, Fluxum.Sdk.Symbol? symbol)
    {
        foreach (var subscriber in Items)
        {
            if (subscriber.Matches(venue, symbol))
            {
                return true;
            }
        }

        return false;
    }
}
