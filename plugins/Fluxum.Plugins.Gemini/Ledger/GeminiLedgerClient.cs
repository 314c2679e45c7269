using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Ledger;

namespace Fluxum.Plugins.Gemini.Ledger;

/// <summary>
/// Gemini has no single ledger endpoint: this merges <c>/v2/transfers</c> (deposits, withdrawals),
/// <c>/v1/mytrades</c> per symbol (a trade entry per side plus a fee entry) and <c>/v1/balances</c>,
/// paging each source forward in time, then returns one list newest first.
/// </summary>
internal sealed class GeminiLedgerClient : ILedgerClient
{
    internal const int TransfersPage = 50;
    internal const int TradesPage = 500;
    private readonly GeminiEnvironment _env;
    private readonly IReadOnlyList<Symbol>? _symbols;

    public GeminiLedgerClient(GeminiEnvironment env, IReadOnlyList<Symbol>? symbols)
    {
        _env = env;
        _symbols = symbols;
    }

    public async Task<IReadOnlyList<LedgerEntry>> QueryAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var entries = new List<LedgerEntry>();
        var kind = query.Type?.Kind;
        if (kind is null or LedgerEntryKind.Deposit or LedgerEntryKind.Withdrawal or LedgerEntryKind.Adjustment or LedgerEntryKind.Other)
        {
            await PageAsync("/v2/transfers", "limit_transfers", TransfersPage, query, null, entries, cancellationToken).ConfigureAwait(false);
        }

        if (kind is null or LedgerEntryKind.Trade or LedgerEntryKind.Fee)
        {
            foreach (var symbol in await TradedSymbolsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (query.Asset is null || kind == LedgerEntryKind.Fee || symbol.Base.Equals(query.Asset, StringComparison.OrdinalIgnoreCase) || symbol.Quote.Equals(query.Asset, StringComparison.OrdinalIgnoreCase))
                {
                    await PageAsync("/v1/mytrades", "limit_trades", TradesPage, query, symbol, entries, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var result = entries.Where(query.Matches).OrderByDescending(e => e.Time).ThenBy(e => e.Id, StringComparer.Ordinal);
        return query.Limit is { } limit ? [.. result.Take(limit)] : [.. result];
    }

    public async Task<IReadOnlyDictionary<string, decimal>> BalancesAsync(CancellationToken cancellationToken = default)
    {
        var body = await _env.Rest.PostPrivateAsync("/v1/balances", null, cancellationToken).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(body);
        var balances = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            var currency = row.GetProperty("currency").GetString()!.ToUpperInvariant();
            balances[currency] = balances.GetValueOrDefault(currency) + LedgerMapper.Dec(row.GetProperty("amount"));
        }

        return balances;
    }

    private async Task PageAsync(string path, string limitName, int pageSize, LedgerQuery query, Symbol? symbol, List<LedgerEntry> into, CancellationToken cancellationToken)
    {
        // Forward paging (Gemini's recipe): ask for rows on/after a time, continue after the newest row seen.
        var from = query.Start?.ToUnixTimeMilliseconds() ?? 0L;
        var end = query.End?.ToUnixTimeMilliseconds() ?? long.MaxValue;
        var venueSymbol = symbol is { } s ? (_env.Symbols.Find(s)?.Lower ?? throw new ArgumentException(_env.Symbols.Problem(s))) : null;
        while (from <= end)
        {
            var since = from;
            var body = await _env.Rest.PostPrivateAsync(path, w =>
            {
                w.WriteNumber("timestamp", since);
                w.WriteNumber(limitName, pageSize);
                if (venueSymbol is not null)
                {
                    w.WriteString("symbol", venueSymbol);
                }
            }, cancellationToken).ConfigureAwait(false);
            using var doc = JsonDocument.Parse(body);
            var rows = doc.RootElement.GetArrayLength();
            var newest = -1L;
            var receivedAt = _env.Time.GetUtcNow();
            foreach (var row in doc.RootElement.EnumerateArray())
            {
                newest = Math.Max(newest, row.GetProperty("timestampms").GetInt64());
                if (symbol is { } sym)
                {
                    into.AddRange(LedgerMapper.Trade(row, sym, receivedAt));
                }
                else
                {
                    into.Add(LedgerMapper.Transfer(row, receivedAt));
                }
            }

            if (rows < pageSize || newest < 0)
            {
                return;
            }

            from = newest + 1;
        }
    }

    private async Task<IReadOnlyList<Symbol>> TradedSymbolsAsync(CancellationToken cancellationToken)
    {
        await _env.Symbols.EnsureLoadedAsync(_env.Rest, cancellationToken).ConfigureAwait(false);
        if (_symbols is not null)
        {
            return _symbols;
        }

        // No ledger_symbols setting: every instrument whose two currencies both appear in the balances.
        var held = await BalancesAsync(cancellationToken).ConfigureAwait(false);
        return [.. _env.Symbols.All.Select(v => v.Symbol).Where(s => held.ContainsKey(s.Base) && held.ContainsKey(s.Quote)).Order()];
    }
}
