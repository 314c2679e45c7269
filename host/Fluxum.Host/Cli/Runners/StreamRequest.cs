using Fluxum.Sdk;

namespace Fluxum.Host.Cli.Runners;

/// <summary>What <c>fluxum stream</c> shows.</summary>
internal enum StreamKind
{
    /// <summary>Tickers.</summary>
    Ticker,

    /// <summary>Trades.</summary>
    Trades,

    /// <summary>Candles of <see cref="StreamRequest.Interval"/>.</summary>
    Ohlc,

    /// <summary>Books to <see cref="StreamRequest.Depth"/>.</summary>
    Book,

    /// <summary>Raw frames as received.</summary>
    Raw,
}

/// <summary>How a command prints results.</summary>
internal enum OutputFormat
{
    /// <summary>A table for people.</summary>
    Table,

    /// <summary>One JSON object per line, for piping.</summary>
    Json,
}

/// <summary><c>fluxum stream</c>: stream one kind of data from venues configured in the config file.</summary>
/// <param name="Kind">What to stream.</param>
/// <param name="Venues">Venue names from <c>--exchange</c> (as in the config's <c>venues</c>).</param>
/// <param name="Symbols">Symbols from <c>--symbol</c>; may be empty for <see cref="StreamKind.Raw"/>.</param>
/// <param name="Depth">Book depth (book only; null: 10).</param>
/// <param name="Interval">Candle interval (ohlc only; defaults to 1m).</param>
/// <param name="Format">Table or JSON lines.</param>
/// <param name="Duration">Stop after this long; null runs until Ctrl+C. The runner's token already ends then.</param>
/// <param name="RecordPath">Record raw frames to this JSON-lines file (absolute), or null.</param>
/// <param name="ConfigPath">The config file (absolute) giving each venue's mode and endpoints.</param>
internal sealed record StreamRequest(
    StreamKind Kind,
    IReadOnlyList<string> Venues,
    IReadOnlyList<Symbol> Symbols,
    int? Depth,
    TimeSpan? Interval,
    OutputFormat Format,
    TimeSpan? Duration,
    string? RecordPath,
    string ConfigPath)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"StreamRequest {{ Kind = {Kind}, Venues = [{string.Join(", ", Venues)}], Symbols = [{string.Join(", ", Symbols)}], Depth = {Depth}, " +
        $"Interval = {Interval}, Format = {Format}, Duration = {Duration}, RecordPath = {RecordPath}, ConfigPath = {ConfigPath} }}";
}
