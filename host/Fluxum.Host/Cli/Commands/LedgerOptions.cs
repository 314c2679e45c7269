using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Ledger;

namespace Fluxum.Host.Cli.Commands;

/// <summary>Options and parsers of the <c>fluxum ledger</c> commands.</summary>
internal static class LedgerOptions
{
    /// <summary>A point in time: ISO 8601 (<c>2026-12-01</c>, <c>2026-12-01T10:00:00Z</c>; UTC unless an offset is given) or a duration before now (<c>24h</c>, <c>7d</c>).</summary>
    public static Option<DateTimeOffset?> Time(string name, string description, TimeProvider time) => new(name)
    {
        Description = description + " ISO 8601 (2026-12-01T10:00:00Z, UTC unless it says otherwise) or a duration before now (24h, 7d).",
        HelpName = "time",
        CustomParser = result => ParseTime(result, time),
    };

    /// <summary><c>--venue</c>: venues by name, repeated or comma-separated.</summary>
    public static Option<string[]> Venues(string description) => new("--venue", "--exchange", "-e")
    {
        Description = description,
        HelpName = "venue",
        CustomParser = CommonOptions.ParseNames,
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>A ledger entry type: a unified kind (trade, deposit, withdrawal, fee, margin, adjustment) or the venue's own name (staking).</summary>
    public static LedgerEntryType ParseType(string text) =>
        Enum.TryParse<LedgerEntryKind>(text, ignoreCase: true, out var kind) && kind != LedgerEntryKind.Other && Enum.IsDefined(kind) && !int.TryParse(text, CultureInfo.InvariantCulture, out _)
            ? new LedgerEntryType(kind)
            : LedgerEntryType.Other(text);

    /// <summary>An entry time as the commands print it: UTC, ISO 8601, the fraction only as long as it needs.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(ArgumentResult result, TimeProvider time)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            && text.Length >= 10 && char.IsDigit(text[0]) && text[4] == '-')
        {
            return value;
        }

        if (Intervals.TryParse(text, out var ago, out _))
        {
            return time.GetUtcNow() - ago;
        }

        var option = result.Parent is OptionResult o ? $"{o.Option.Name} " : string.Empty;
        result.AddError($"{option}{Configuration.ConfigText.Quote(text)} is not a time; expected ISO 8601 (2026-12-01T10:00:00Z) or a duration before now (24h, 7d).");
        return null;
    }
}
