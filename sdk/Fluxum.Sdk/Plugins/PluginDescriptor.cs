namespace Fluxum.Sdk.Plugins;

/// <summary>What a plugin can do.</summary>
[Flags]
public enum PluginCapabilities
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Tickers.</summary>
    Ticker = 1,

    /// <summary>Trades.</summary>
    Trades = 2,

    /// <summary>Candles.</summary>
    Ohlc = 4,

    /// <summary>Level-2 books.</summary>
    Book = 8,

    /// <summary>Ledger queries and balances over REST.</summary>
    Ledger = 16,

    /// <summary>A real-time ledger stream over an authenticated connection.</summary>
    LedgerStream = 32,

    /// <summary>Ships a venue simulator.</summary>
    Simulator = 64,

    /// <summary>Book checksums are verified.</summary>
    BookChecksum = 128,

    /// <summary>Book sequence numbers are verified.</summary>
    BookSequence = 256,
}

/// <summary>A plugin's identity, the SDK version it was built against, and its capabilities.</summary>
/// <param name="Name">The plugin's name, used as <c>plugin:</c> in <c>fluxum.yaml</c> (e.g. <c>kraken</c>).</param>
/// <param name="Version">The plugin's own version.</param>
/// <param name="SdkVersion">The SDK version it was compiled against (<see cref="SdkInfo.Version"/> at build time).</param>
/// <param name="Capabilities">What it can do.</param>
public sealed record PluginDescriptor(string Name, Version Version, Version SdkVersion, PluginCapabilities Capabilities)
{
    /// <summary>A one-line description for listings.</summary>
    public string? Description { get; init; }

    /// <summary>The protocol variants the plugin offers (e.g. <c>v2</c>, <c>ws</c>); the first is the default.</summary>
    public IReadOnlyList<string> Apis { get; init; } = [];
}

/// <summary>Facts about this SDK build.</summary>
public static class SdkInfo
{
    /// <summary>The SDK version. A plugin built against another major version is refused by the host.</summary>
    public static Version Version { get; } = new(1, 0, 0);
}
