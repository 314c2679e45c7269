using System.CommandLine;
using Symbol = Fluxum.Sdk.Symbol;
using Fluxum.Host.Cli.Runners;
using Fluxum.Sdk;

namespace Fluxum.Host.Cli.Commands;

/// <summary>
/// <c>fluxum stream ticker|trades|ohlc|book|raw --exchange kraken,gemini --symbol BTC/USD [--depth 10]
/// [--interval 1m] [--format table|json] [--duration 30s] [--record frames.jsonl] [--config]</c>.
/// </summary>
internal static class StreamCommand
{
    public static Command Create(CliServices services)
    {
        var kind = new Argument<string>("kind") { Description = "What to stream: ticker, trades, ohlc, book or raw." };
        kind.AcceptOnlyFromAmong("ticker", "trades", "ohlc", "book", "raw");
        var exchanges = new Option<string[]>("--exchange", "-e")
        {
            Description = "Venues from the config file, comma-separated or repeated (e.g. kraken,gemini).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            CustomParser = CommonOptions.ParseNames,
            HelpName = "venues",
        };
        var symbols = new Option<Symbol[]>("--symbol", "-s")
        {
            Description = "Symbols BASE/QUOTE, comma-separated or repeated (e.g. BTC/USD,ETH/USD). Optional for raw.",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = CommonOptions.ParseSymbols,
            HelpName = "symbols",
        };
        var depth = new Option<int?>("--depth") { Description = "Book levels per side (book only; default 10).", HelpName = "levels" };
        var interval = new Option<TimeSpan?>("--interval", "-i")
        {
            Description = "Candle interval (ohlc only; default 1m), e.g. 1m, 5m, 1h.",
            CustomParser = CommonOptions.ParseDuration,
            HelpName = "interval",
        };
        var format = CommonOptions.Format("table (for people) or json (one object per line, for piping).");
        var duration = CommonOptions.Duration();
        var record = new Option<FileInfo?>("--record", "-r") { Description = "Also record every raw frame to this JSON-lines file.", HelpName = "file" };
        var config = CommonOptions.Config();
        var command = new Command("stream", "Stream normalized market data from venues configured in the config file (their modes and endpoints apply).")
        {
            kind, exchanges, symbols, depth, interval, format, duration, record, config,
        };
        command.Validators.Add(result =>
        {
            if (!Enum.TryParse<StreamKind>(result.GetValue(kind), ignoreCase: true, out var k))
            {
                return;
            }

            if (k != StreamKind.Raw && result.GetResult(symbols) is null)
            {
                result.AddError($"--symbol is required for {k.ToString().ToLowerInvariant()} (e.g. --symbol BTC/USD).");
            }

            if (result.GetResult(depth) is not null && k != StreamKind.Book)
            {
                result.AddError("--depth applies to book only.");
            }
            else if (result.GetValue(depth) is { } d && d < 1)
            {
                result.AddError($"--depth must be at least 1, got {d}.");
            }

            if (result.GetResult(interval) is not null && k != StreamKind.Ohlc)
            {
                result.AddError("--interval applies to ohlc only.");
            }
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!Enum.TryParse<StreamKind>(result.GetValue(kind), ignoreCase: true, out var k) || !Enum.IsDefined(k))
            {
                await services.Error.WriteLineAsync($"Argument '{result.GetValue(kind)}' not recognized. Must be one of: 'ticker', 'trades', 'ohlc', 'book', 'raw'").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var request = new StreamRequest(
                k,
                result.GetValue(exchanges) ?? [],
                result.GetValue(symbols) ?? [],
                k == StreamKind.Book ? result.GetValue(depth) ?? 10 : null,
                k == StreamKind.Ohlc ? result.GetValue(interval) ?? TimeSpan.FromMinutes(1) : null,
                CommonOptions.GetFormat(result, format),
                result.GetValue(duration),
                result.GetValue(record)?.FullName,
                result.GetValue(config)!.FullName);
            using var deadline = new CommandDeadline(request.Duration, services.Time, cancellationToken);
            return await services.Stream.RunAsync(request, deadline.Token).ConfigureAwait(false);
        });
        return command;
    }
}
