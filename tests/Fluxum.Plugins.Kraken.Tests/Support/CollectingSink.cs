using System.Text;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Kraken.Tests.Support;

/// <summary>A sink that applies book frames to a real <see cref="BookManager"/> and keeps everything else.</summary>
internal sealed class CollectingSink : IFrameSink
{
    private readonly Lock _gate = new();

    public CollectingSink(BookManager? books = null)
    {
        Books = books;
    }

    public BookManager? Books { get; }

    public List<MarketEvent> Events { get; } = [];

    public List<string> Malformations { get; } = [];

    public List<(BookFrameResult Result, uint? Checksum, bool Snapshot, int Changes)> BookResults { get; } = [];

    public void Publish(MarketEvent marketEvent)
    {
        lock (_gate)
        {
            Events.Add(marketEvent);
        }
    }

    public void Book(in BookFrame frame)
    {
        var result = Books?.Apply(frame) ?? BookFrameResult.Applied;
        lock (_gate)
        {
            BookResults.Add((result, frame.Checksum, frame.IsSnapshot, frame.Changes.Length));
        }
    }

    public void Malformed(string reason, ReadOnlySpan<byte> frame)
    {
        lock (_gate)
        {
            Malformations.Add(reason + " :: " + Encoding.UTF8.GetString(frame));
        }
    }

    public T[] Of<T>()
    {
        lock (_gate)
        {
            return [.. Events.OfType<T>()];
        }
    }
}
