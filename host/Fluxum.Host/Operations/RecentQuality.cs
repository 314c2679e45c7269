using System.Globalization;
using Fluxum.Host.Runtime;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Operations;

/// <summary>The last data-quality events of every venue's books (stale, resynced, gaps, checksum mismatches), newest last, bounded.</summary>
internal sealed class RecentQuality : IDisposable
{
    /// <summary>How many are kept.</summary>
    public const int Capacity = 50;

    private readonly Deployment _deployment;
    private readonly Queue<DataQualityEvent> _events = new();
    private readonly Lock _gate = new();

    public RecentQuality(Deployment deployment)
    {
        _deployment = deployment;
        foreach (var venue in deployment.Venues)
        {
            if (venue.Feed is { } feed)
            {
                feed.Books.Quality += Add;
            }
        }
    }

    /// <summary>The events kept, oldest first.</summary>
    public IReadOnlyList<DataQualityEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>One line for an event: time, venue, symbol, kind, detail.</summary>
    public static string Describe(DataQualityEvent e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.ReceivedAt:HH:mm:ss} {e.Venue} {e.Symbol?.ToString() ?? "-"} {e.Kind}: {e.Detail}");

    public void Dispose()
    {
        foreach (var venue in _deployment.Venues)
        {
            if (venue.Feed is { } feed)
            {
                feed.Books.Quality -= Add;
            }
        }
    }

    private void Add(DataQualityEvent e)
    {
        lock (_gate)
        {
            if (_events.Count == Capacity)
            {
                _events.Dequeue();
            }

            _events.Enqueue(e);
        }
    }
}
