namespace Fluxum.Host.Tests.Support;

/// <summary>
/// One venue of a test's <c>fluxum.yaml</c>: written by <see cref="ToString"/> as its block under <c>venues:</c>
/// (name, <c>plugin</c>, <c>mode</c>, further settings, <c>simulator</c>, one subscription of symbols × channels).
/// </summary>
internal sealed record VenueYaml(string Name, string Mode)
{
    /// <summary>The plugin the venue runs on; the venue's name unless set.</summary>
    public string Plugin { get; init; } = Name;

    /// <summary>
    /// Further settings, written in order after <c>mode</c> (<c>api: ws</c>, <c>record: FILE</c>); one may span
    /// lines, indented relative to its first.
    /// </summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>The <c>simulator</c> value (<c>{ seed: 3, tick: 50ms }</c>), or none.</summary>
    public string? Simulator { get; init; }

    /// <summary>The symbols of the venue's one subscription.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = ["BTC/USD"];

    /// <summary>The channels of the venue's one subscription, as written (<c>trades</c>, <see cref="Book"/>).</summary>
    public IReadOnlyList<string> Channels { get; init; } = ["trades"];

    /// <summary>A <c>mode: simulated</c> venue of <paramref name="plugin"/>, its simulator seeded when a seed is given.</summary>
    public static VenueYaml Simulated(string plugin, int? seed = null, string tick = "50ms") =>
        new(plugin, "simulated") { Simulator = seed is { } s ? $"{{ seed: {s}, tick: {tick} }}" : null };

    /// <summary>A <c>mode: replay</c> venue of <paramref name="plugin"/> playing <paramref name="file"/> as fast as it can.</summary>
    public static VenueYaml Replay(string plugin, string file) =>
        new(plugin, "replay") { Settings = [$"replay: {{ file: {file}, pace: fast }}"] };

    /// <summary>A <c>mode: live</c> venue of <paramref name="plugin"/>.</summary>
    public static VenueYaml Live(string plugin) => new(plugin, "live");

    /// <summary>A live Kraken venue whose endpoints are port 1 of 127.0.0.1, where nothing listens: its sessions give up.</summary>
    public static VenueYaml UnreachableKraken { get; } = Live("kraken")
        .With("""endpoints: { ws: "ws://127.0.0.1:1/", ws_auth: "ws://127.0.0.1:1/", rest: "http://127.0.0.1:1/" }""");

    /// <summary>The <c>book</c> channel at <paramref name="depth"/>.</summary>
    public static string Book(int depth) => $"{{ channel: book, depth: {depth} }}";

    /// <summary>The <c>ohlc</c> channel at <paramref name="interval"/> (<c>1m</c>).</summary>
    public static string Ohlc(string interval) => $"{{ channel: ohlc, interval: {interval} }}";

    /// <summary>This venue with one more setting line; an empty one adds nothing.</summary>
    public VenueYaml With(string setting) => string.IsNullOrWhiteSpace(setting) ? this : this with { Settings = [.. Settings, setting] };

    /// <summary>This venue subscribing <paramref name="channels"/> of <paramref name="symbols"/>.</summary>
    public VenueYaml Subscribe(IReadOnlyList<string> symbols, params IReadOnlyList<string> channels) => this with { Symbols = symbols, Channels = channels };

    /// <summary>The block under <c>venues:</c>, indented two spaces, one line a key.</summary>
    public override string ToString()
    {
        var lines = new List<string> { $"  {Name}:", $"    plugin: {Plugin}", $"    mode: {Mode}" };
        lines.AddRange(Settings.SelectMany(s => s.Split('\n')).Select(l => "    " + l));
        if (Simulator is not null)
        {
            lines.Add($"    simulator: {Simulator}");
        }

        lines.Add("    subscriptions:");
        lines.Add($"      - symbols: [{string.Join(", ", Symbols)}]");
        lines.Add($"        channels: [{string.Join(", ", Channels)}]");
        return string.Join('\n', lines);
    }
}
