using System.CommandLine;
using Symbol = Fluxum.Sdk.Symbol;
using System.CommandLine.Parsing;
using Fluxum.Host.Configuration;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Cli;

/// <summary>Options shared by several commands, and their parsers.</summary>
internal static class CommonOptions
{
    /// <summary><c>--config</c>: the config file, default <c>fluxum.yaml</c> in the current directory.</summary>
    public static Option<FileInfo> Config() => new("--config", "-c")
    {
        Description = "The deployment file (default: fluxum.yaml in the current directory).",
        HelpName = "path",
        DefaultValueFactory = _ => new FileInfo(ConfigLoader.DefaultFileName),
    };

    /// <summary><c>--duration</c>: stop by itself after e.g. <c>30s</c>, <c>5m</c>.</summary>
    public static Option<TimeSpan?> Duration() => new("--duration", "-d")
    {
        Description = "Stop after this long, e.g. 30s, 5m, 1h (default: run until Ctrl+C).",
        HelpName = "duration",
        CustomParser = ParseDuration,
    };

    /// <summary><c>--format</c>: <c>table</c> or <c>json</c> (read it with <see cref="GetFormat"/>).</summary>
    public static Option<string> Format(string description)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = description,
            DefaultValueFactory = _ => "table",
        };
        option.AcceptOnlyFromAmong("table", "json");
        return option;
    }

    /// <summary>The parsed value of a <see cref="Format"/> option.</summary>
    public static Runners.OutputFormat GetFormat(ParseResult result, Option<string> format) =>
        string.Equals(result.GetValue(format), "json", StringComparison.OrdinalIgnoreCase) ? Runners.OutputFormat.Json : Runners.OutputFormat.Table;

    /// <summary>Parses a duration token with <see cref="Intervals"/>, reporting what is expected.</summary>
    public static TimeSpan? ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
        if (Intervals.TryParse(text, out var value, out var problem))
        {
            return value;
        }

        var option = result.Parent is System.CommandLine.Parsing.OptionResult o ? $"{o.Option.Name} " : string.Empty;
        result.AddError($"{option}{Configuration.ConfigText.Quote(text)} {problem}.");
        return null;
    }

    /// <summary>Parses symbols given as repeated options or comma-separated (<c>BTC/USD,ETH/USD</c>).</summary>
    public static Symbol[] ParseSymbols(ArgumentResult result)
    {
        var symbols = new List<Symbol>();
        foreach (var part in SplitTokens(result))
        {
            if (Symbol.TryParse(part, out var symbol))
            {
                symbols.Add(symbol);
            }
            else
            {
                result.AddError($"'{part}' is not a symbol; expected BASE/QUOTE, for example BTC/USD.");
            }
        }

        return [.. symbols.Distinct()];
    }

    /// <summary>Parses names given as repeated options or comma-separated (<c>kraken,gemini</c>).</summary>
    public static string[] ParseNames(ArgumentResult result) => [.. SplitTokens(result).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static IEnumerable<string> SplitTokens(ArgumentResult result) =>
        result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
