using System.Globalization;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Simulation;

/// <summary>
/// Parses a fault schedule such as <c>drop@5s,corrupt-checksum@every:10s</c>: comma-separated entries
/// <c>KIND[:ARG]@WHEN</c>, where WHEN is a duration after start (<c>5s</c>: once) or <c>every:DURATION</c>
/// (periodic, first after one period). Kinds map one to one onto <see cref="SimulatorFault"/>.
/// </summary>
internal static class SimulatorFaultPlan
{
    /// <summary>The grammar, for help texts and error messages.</summary>
    public const string Syntax =
        "KIND[:ARG]@WHEN[,...]; WHEN is a duration after start (5s: once) or every:DURATION (periodic); " +
        "KIND is drop, stall:DURATION, corrupt-checksum[:SYMBOL], skip-sequence[:SYMBOL], jump-sequence[:SYMBOL[:BY]], cut-frame[:SYMBOL], stale-snapshot[:SYMBOL], server-shutdown, malformed, rest-error:STATUS (429 or 5xx)";

    /// <summary>Parses <paramref name="text"/>; a symbol named in it must be one of <paramref name="instruments"/>.</summary>
    /// <param name="text">The schedule.</param>
    /// <param name="instruments">The simulator's instruments: the targets of a symbol fault that names none.</param>
    /// <exception cref="FormatException">The text is not a schedule; the message names the bad entry and part.</exception>
    public static IReadOnlyList<ScheduledFault> Parse(string text, IReadOnlyList<Symbol> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException($"the fault schedule is empty; expected {Syntax}");
        }

        var plan = new List<ScheduledFault>();
        foreach (var raw in text.Split(','))
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                throw new FormatException($"'{text}' has an empty entry (two commas, or a comma at an end); expected {Syntax}");
            }

            plan.Add(ParseEntry(entry, instruments));
        }

        return plan;
    }

    private static ScheduledFault ParseEntry(string entry, IReadOnlyList<Symbol> instruments)
    {
        var at = entry.LastIndexOf('@');
        if (at < 0)
        {
            throw Bad(entry, $"no '@WHEN' in '{entry}'", "write for example drop@5s or drop@every:10s");
        }

        var what = entry[..at].Trim();
        var when = entry[(at + 1)..].Trim();
        var colon = what.IndexOf(':', StringComparison.Ordinal);
        var kind = (colon < 0 ? what : what[..colon]).Trim().ToLowerInvariant();
        var argument = colon < 0 ? null : what[(colon + 1)..].Trim();
        var faults = Faults(entry, kind, argument, instruments);
        var (first, every) = When(entry, when);
        return new ScheduledFault(entry, faults, first, every);
    }

    private static List<SimulatorFault> Faults(string entry, string kind, string? argument, IReadOnlyList<Symbol> instruments)
    {
        switch (kind)
        {
            case "drop":
                NoArgument(entry, kind, argument);
                return [SimulatorFault.DropConnections()];
            case "malformed":
                NoArgument(entry, kind, argument);
                return [SimulatorFault.MalformedFrame()];
            case "server-shutdown":
                NoArgument(entry, kind, argument);
                return [SimulatorFault.ServerShutdown()];
            case "stall":
                if (!Intervals.TryParse(argument, out var duration))
                {
                    throw Bad(entry, $"stall needs a duration, got '{argument ?? string.Empty}'", "write for example stall:3s@10s");
                }

                return [SimulatorFault.Stall(duration)];
            case "corrupt-checksum":
                return [.. Symbols(entry, kind, argument, instruments).Select(s => SimulatorFault.CorruptChecksum(s))];
            case "skip-sequence":
                return [.. Symbols(entry, kind, argument, instruments).Select(s => SimulatorFault.SkipSequence(s))];
            case "cut-frame":
                return [.. Symbols(entry, kind, argument, instruments).Select(s => SimulatorFault.CutFrame(s))];
            case "stale-snapshot":
                return [.. Symbols(entry, kind, argument, instruments).Select(s => SimulatorFault.StaleSnapshot(s))];
            case "jump-sequence":
                var (target, by) = Jump(entry, argument);
                return [.. Symbols(entry, kind, target, instruments).Select(s => SimulatorFault.JumpSequence(s, by))];
            case "rest-error":
                if (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status is not (429 or (>= 500 and <= 599)))
                {
                    throw Bad(entry, $"rest-error needs a status of 429 or 5xx, got '{argument ?? string.Empty}'", "write for example rest-error:429@5s");
                }

                return [SimulatorFault.RestError(status)];
            default:
                throw Bad(entry, $"unknown fault kind '{kind}'", "kinds: drop, stall:DURATION, corrupt-checksum[:SYMBOL], skip-sequence[:SYMBOL], jump-sequence[:SYMBOL[:BY]], cut-frame[:SYMBOL], stale-snapshot[:SYMBOL], server-shutdown, malformed, rest-error:STATUS");
        }
    }

    /// <summary>jump-sequence's argument: <c>SYMBOL</c>, <c>SYMBOL:BY</c> or nothing (every symbol, by 10⁹).</summary>
    private static (string? Symbol, long By) Jump(string entry, string? argument)
    {
        var colon = argument?.LastIndexOf(':') ?? -1;
        if (argument is null || colon < 0)
        {
            return (argument, SimulatorFault.DefaultJump);
        }

        var by = argument[(colon + 1)..].Trim();
        if (!long.TryParse(by, NumberStyles.None, CultureInfo.InvariantCulture, out var jump) || jump <= 0)
        {
            throw Bad(entry, $"jump-sequence needs a positive whole jump after the symbol, got '{by}'", "write for example jump-sequence:BTC/USD:1000000@5s");
        }

        return (argument[..colon].Trim(), jump);
    }

    private static void NoArgument(string entry, string kind, string? argument)
    {
        if (argument is not null)
        {
            throw Bad(entry, $"{kind} takes no argument, got ':{argument}'", $"write for example {kind}@5s");
        }
    }

    private static IReadOnlyList<Symbol> Symbols(string entry, string kind, string? argument, IReadOnlyList<Symbol> instruments)
    {
        if (argument is null)
        {
            return instruments;
        }

        if (!Symbol.TryParse(argument, out var symbol))
        {
            throw Bad(entry, $"'{argument}' is not a symbol", $"write for example {kind}:BTC/USD@5s");
        }

        if (!instruments.Contains(symbol))
        {
            throw Bad(entry, $"{symbol} is not an instrument of this simulator", $"its instruments: {string.Join(", ", instruments)}");
        }

        return [symbol];
    }

    private static (TimeSpan First, TimeSpan? Every) When(string entry, string when)
    {
        const string Periodic = "every:";
        if (when.StartsWith(Periodic, StringComparison.OrdinalIgnoreCase))
        {
            var period = when[Periodic.Length..];
            return Intervals.TryParse(period, out var every)
                ? (every, every)
                : throw Bad(entry, $"'{period}' after every: is not a positive duration", "write for example every:10s");
        }

        return Intervals.TryParse(when, out var once)
            ? (once, null)
            : throw Bad(entry, $"'{when}' is not a positive duration nor every:DURATION", "write for example @5s or @every:10s");
    }

    private static FormatException Bad(string entry, string problem, string hint) =>
        new($"fault '{entry}': {problem}; {hint}");
}
