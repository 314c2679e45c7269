using Fluxum.Sdk.Books;

namespace Fluxum.Sdk.Books.Tests;

/// <summary>A venue-style checksum for tests: FNV-1a over the top ten levels of each side.</summary>
internal sealed class TestChecksum : IBookChecksum
{
    public static TestChecksum Instance { get; } = new();

    public uint Compute(in BookView book, ReadOnlySpan<LevelChange> applied, ReadOnlySpan<AppliedLevel> landed)
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
