using Fluxum.Sdk.Books;

namespace Fluxum.Sdk.Tests.Books;

/// <summary>A venue-style checksum for tests: FNV-1a over the top ten levels of each side.</summary>
internal sealed class TestChecksum : IBookChecksum
{
    public static TestChecksum Instance { get; } = new();

    public uint Compute(OrderBook book)
    {
        var hash = 2166136261u;
        hash = Mix(hash, book.Bids);
        return Mix(hash, book.Asks);
    }

    private static uint Mix(uint hash, BookSideView side)
    {
        for (var i = 0; i < Math.Min(10, side.Count); i++)
        {
            foreach (var part in decimal.GetBits(side[i].Price))
            {
                hash = (hash ^ (uint)part) * 16777619u;
            }

            foreach (var part in decimal.GetBits(side[i].Size))
            {
                hash = (hash ^ (uint)part) * 16777619u;
            }
        }

        return hash;
    }
}
