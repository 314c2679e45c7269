using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Fluxum.Plugins.Kraken.Rest;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Simulation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Kraken.Simulator;

/// <summary>
/// REST: public Time, SystemStatus, Assets, AssetPairs, Ticker, Depth; private Balance, Ledgers (50-row
/// pages with <c>ofs</c>), QueryLedgers, GetWebSocketsToken with real API-Sign verification and per-key
/// nonce checks. Injected errors answer 429 / 5xx with Retry-After and Kraken's error array. The API key's call
/// counter is enforced as documented for the venue's tier (<see cref="KrakenTier"/>, Starter 15, −0.33/s by default; ledger calls cost 2): a
/// private call past it answers HTTP 200 with <c>EAPI:Rate limit exceeded</c>, does not count, and is logged.
/// </summary>
internal sealed partial class KrakenSimulator
{
    private static readonly Action<ILogger, string, string, int, Exception?> LogRestAnswered = LoggerMessage.Define<string, string, int>(
        LogLevel.Debug, new EventId(4202, "KrakenSimRestAnswered"), "Kraken simulator: {Method} {Path} answered {Status}");

    private readonly ConcurrentQueue<SimulatorFault> _restErrors = new();
    private readonly ConcurrentDictionary<string, byte> _tokens = new(StringComparer.Ordinal);
    private static readonly Action<ILogger, string, double, double, Exception?> LogRateLimited = LoggerMessage.Define<string, double, double>(
        LogLevel.Information, new EventId(4203, "KrakenSimRateLimited"), "Kraken simulator: {Path} refused with EAPI:Rate limit exceeded (call counter {Level:0.##} of {Capacity})");

    private readonly Lock _nonceGate = new();
    private DecayingCounter? _callCounter;
    private long _lastNonce;
    private int _tokenCount;
    private int _pendingRestErrors;

    /// <summary>The API key's call counter (created on first private call, on the simulator's clock).</summary>
    internal DecayingCounter CallCounter =>
        LazyInitializer.EnsureInitialized(ref _callCounter, () => new DecayingCounter(Tier.Capacity, Tier.DecayPerSecond, Options.Time));

    private void InjectRestError(SimulatorFault error)
    {
        _restErrors.Enqueue(error);
        Interlocked.Add(ref _pendingRestErrors, error.Count);
    }

    public override async Task HandleHttpAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        int status;
        object body;
        string? retryAfter = null;
        if (TakeRestError() is { } fault)
        {
            status = fault.StatusCode;
            retryAfter = fault.RetryAfter is { } ra ? Math.Max(0, (int)Math.Ceiling(ra.TotalSeconds)).ToString(CultureInfo.InvariantCulture) : null;
            body = Error(status == 429 ? "EAPI:Rate limit exceeded" : "EService:Unavailable");
        }
        else if (path.StartsWith("/0/public/", StringComparison.Ordinal))
        {
            (status, body) = (200, Public(path["/0/public/".Length..], request.Query));
        }
        else if (path.StartsWith("/0/private/", StringComparison.Ordinal) && request.Method == "POST")
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var form = await reader.ReadToEndAsync(cancellationToken);
            (status, body) = (200, Private(path, (string?)request.Headers["API-Key"], (string?)request.Headers["API-Sign"], form));
        }
        else
        {
            (status, body) = (404, Error("EGeneral:Unknown method"));
        }

        LogRestAnswered(_logger, request.Method, path, status, null);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (retryAfter is not null)
        {
            context.Response.Headers["Retry-After"] = retryAfter;
        }

        await context.Response.Body.WriteAsync(bytes, cancellationToken);
    }

    private SimulatorFault? TakeRestError()
    {
        while (_restErrors.TryPeek(out var fault))
        {
            if (Interlocked.Decrement(ref _pendingRestErrors) >= 0)
            {
                if (Volatile.Read(ref _pendingRestErrors) == 0)
                {
                    _restErrors.Clear();
                }

                return fault;
            }

            Interlocked.Increment(ref _pendingRestErrors);
            _restErrors.Clear();
        }

        return null;
    }

    private static Dictionary<string, object> Error(string error) => new() { ["error"] = new[] { error } };

    private static Dictionary<string, object> Ok(object result) => new() { ["error"] = Array.Empty<string>(), ["result"] = result };

    private object Public(string method, IQueryCollection query)
    {
        var now = Options.Time.GetUtcNow();
        switch (method)
        {
            case "Time":
                return Ok(new Dictionary<string, object> { ["unixtime"] = now.ToUnixTimeSeconds(), ["rfc1123"] = now.ToString("r", CultureInfo.InvariantCulture) });
            case "SystemStatus":
                return Ok(new Dictionary<string, object> { ["status"] = "online", ["timestamp"] = SimJson.Time(now) });
            case "Assets":
                // Asset id (XXBT, ZUSD, SOL) -> code (BTC, USD, SOL); ?asset= takes ids or altnames (XBT).
                var codes = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var pair in _pairs.Values)
                {
                    codes[pair.RestBase] = pair.Symbol.Base;
                    codes[pair.RestQuote] = pair.Symbol.Quote;
                }

                var assets = new Dictionary<string, object>();
                var wanted = ((string?)query["asset"])?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [.. codes.Keys];
                foreach (var name in wanted)
                {
                    var id = codes.FirstOrDefault(c => c.Key == name || SimPair.AltAsset(c.Value) == name).Key;
                    if (id is null)
                    {
                        return Error("EQuery:Unknown asset");
                    }

                    assets[id] = Asset(codes[id]);
                }

                return Ok(assets);
            case "AssetPairs":
                var pairs = _pairs.Values.ToList();
                if (((string?)query["pair"]) is { } pairList)
                {
                    pairs = [];
                    foreach (var name in pairList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (FindPair(name) is not { } found)
                        {
                            return Error("EQuery:Unknown asset pair");
                        }

                        pairs.Add(found);
                    }
                }

                return Ok(pairs.ToDictionary(p => p.RestKey, p => (object)new Dictionary<string, object>
                {
                    ["altname"] = p.AltName,
                    ["wsname"] = $"{SimPair.AltAsset(p.Symbol.Base)}/{SimPair.AltAsset(p.Symbol.Quote)}",
                    ["base"] = p.RestBase,
                    ["quote"] = p.RestQuote,
                    ["pair_decimals"] = p.Precision.Price,
                    ["lot_decimals"] = p.Precision.Quantity,
                    ["status"] = "online",
                }));
            case "Ticker" or "Depth" when FindPair(((string?)query["pair"])) is { } pair:
                lock (_marketGate)
                {
                    return Ok(new Dictionary<string, object> { [pair.RestKey] = method == "Ticker" ? RestTicker(pair) : RestDepth(pair, ((string?)query["count"])) });
                }

            case "Ticker" or "Depth":
                return Error("EQuery:Unknown asset pair");
            default:
                return Error("EGeneral:Unknown method");
        }
    }

    private static Dictionary<string, object> Asset(string code) => new()
    {
        ["aclass"] = "currency",
        ["altname"] = SimPair.AltAsset(code),
        ["decimals"] = KrakenSimInstruments.AssetDecimals(code),
        ["display_decimals"] = Math.Min(KrakenSimInstruments.AssetDecimals(code), 5),
        ["status"] = "enabled",
    };

    private SimPair? FindPair(string? name) =>
        name is null ? null : _pairs.Values.FirstOrDefault(p => p.RestKey == name || p.AltName == name || p.Symbol.ToString() == name);

    private static Dictionary<string, object> RestTicker(SimPair pair)
    {
        string F(decimal v, int d) => v.ToString("F" + d, CultureInfo.InvariantCulture);
        var m = pair.Market;
        var (pp, qp) = (pair.Precision.Price, pair.Precision.Quantity);
        return new()
        {
            ["a"] = new[] { F(m.Book.Asks[0].Price, pp), "1", F(m.Book.Asks[0].Size, qp) },
            ["b"] = new[] { F(m.Book.Bids[0].Price, pp), "1", F(m.Book.Bids[0].Size, qp) },
            ["c"] = new[] { F(m.LastPrice, pp), F(m.LastSize, qp) },
            ["v"] = new[] { F(m.Volume, qp), F(m.Volume, qp) },
            ["p"] = new[] { F(m.Vwap, pp), F(m.Vwap, pp) },
            ["t"] = new[] { m.TradeCount, m.TradeCount },
            ["l"] = new[] { F(m.Low, pp), F(m.Low, pp) },
            ["h"] = new[] { F(m.High, pp), F(m.High, pp) },
            ["o"] = F(m.Open, pp),
        };
    }

    private Dictionary<string, object> RestDepth(SimPair pair, string? countText)
    {
        var count = int.TryParse(countText, CultureInfo.InvariantCulture, out var c) ? Math.Clamp(c, 1, 500) : 100;
        var now = Options.Time.GetUtcNow().ToUnixTimeSeconds();
        object[] Side(Sdk.Books.BookSideView view) => [.. Enumerable.Range(0, Math.Min(count, view.Count)).Select(i => (object)new object[]
        {
            view[i].Price.ToString("F" + pair.Precision.Price, CultureInfo.InvariantCulture),
            view[i].Size.ToString("F" + pair.Precision.Quantity, CultureInfo.InvariantCulture),
            now,
        })];
        return new() { ["asks"] = Side(pair.Market.Book.Asks), ["bids"] = Side(pair.Market.Book.Bids) };
    }

    private object Private(string path, string? apiKey, string? signature, string form)
    {
        var credentials = Options.Credentials;
        if (credentials is null || apiKey != credentials.ApiKey)
        {
            return Error("EAPI:Invalid key");
        }

        var method = path["/0/private/".Length..];
        var cost = KrakenRateLimits.Cost(method);
        if (cost > 0 && !CallCounter.TryRaise(cost, out var level))
        {
            LogRateLimited(_logger, path, level, CallCounter.Capacity, null);
            return Error("EAPI:Rate limit exceeded");
        }

        var fields = Form(form);
        if (!fields.TryGetValue("nonce", out var nonceText) || !long.TryParse(nonceText, CultureInfo.InvariantCulture, out var nonce))
        {
            return Error("EAPI:Invalid nonce");
        }

        bool valid;
        try
        {
            valid = signature is not null && KrakenSigner.Verify(path, nonceText, form, credentials.ApiSecret, signature);
        }
        catch (FormatException)
        {
            valid = false;
        }

        if (!valid)
        {
            return Error("EAPI:Invalid signature");
        }

        lock (_nonceGate)
        {
            if (nonce <= _lastNonce)
            {
                return Error("EAPI:Invalid nonce");
            }

            _lastNonce = nonce;
        }

        return method switch
        {
            "Balance" => Ok(_ledger.Balances.ToDictionary(b => b.Key, b => (object)b.Value.ToString("F" + (b.Key == "ZUSD" ? 4 : 10), CultureInfo.InvariantCulture))),
            "Ledgers" => Ledgers(fields),
            "QueryLedgers" => QueryLedgers(fields),
            "GetWebSocketsToken" => Ok(new Dictionary<string, object> { ["token"] = NewToken(), ["expires"] = 900 }),
            _ => Error("EGeneral:Unknown method"),
        };
    }

    private string NewToken()
    {
        var token = $"simtoken{Interlocked.Increment(ref _tokenCount)}{Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('/', 'x').Replace('+', 'y')}";
        _tokens[token] = 0;
        return token;
    }

    private static Dictionary<string, string> Form(string form)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in form.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            fields[key] = eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
        }

        return fields;
    }
}
