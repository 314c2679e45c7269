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
/// <param name="SdkVersion">
/// Informational only: the host does not trust it. The contract version a plugin was compiled against is
/// read by the host from the plugin assembly's reference to <c>Fluxum.Sdk</c> (see <see cref="SdkInfo"/>).
/// </param>
/// <param name="Capabilities">What it can do.</param>
public sealed record PluginDescriptor(string Name, Version Version, Version SdkVersion, PluginCapabilities Capabilities)
{
    /// <summary>A one-line description for listings.</summary>
    public string? Description { get; init; }

    /// <summary>The protocol variants the plugin offers (e.g. <c>v2</c>, <c>ws</c>); the first is the default.</summary>
    public IReadOnlyList<string> Apis { get; init; } = [];
}

/// <summary>Facts about this contract build.</summary>
/// <remarks>
/// The contract version is the <c>AssemblyVersion</c> of <c>Fluxum.Sdk</c> (<c>Major.Minor.0.0</c>), which
/// the compiler records in every plugin's reference to this assembly. Before loading a plugin, the host
/// reads that reference and refuses a plugin compiled against another major, or against a newer minor
/// than its own (it may use members this build lacks); an older minor of the same major loads.
/// </remarks>
public static class SdkInfo
{
    /// <summary>The version of the contract assembly loaded in this process (its <c>AssemblyVersion</c>).</summary>
    public static Version Version { get; } = typeof(SdkInfo).Assembly.GetName().Version!;
}
