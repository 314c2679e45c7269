using System.Globalization;
using System.Text;
using Fluxum.Plugins.Gemini.V2;

namespace Fluxum.Plugins.Gemini.Simulator;

/// <summary>Public REST responses (symbols, details, ticker, book, trades, candles) in Gemini's shapes.</summary>
internal static class SimPublic
{
    public static (int, string) Details(SimMarkets markets, string venue) => markets.Find(venue) is { } s
        ? (200, $"{{\"symbol\":\"{s.Venue.ToUpperInvariant()}\",\"base_currency\":\"{s.Symbol.Base}\",\"quote_currency\":\"{s.Symbol.Quote}\",\"tick_size\":1e-{s.Market.SizePrecision},\"quote_increment\":{QuoteIncrement(s.Market.PricePrecision)},\"min_order_size\":\"0.00001\",\"status\":\"open\",\"wrap_enabled\":false,\"product_type\":\"spot\",\"contract_type\":\"vanilla\",\"contract_price_currency\":\"{s.Symbol.Quote}\"}}")
        : Unknown(venue);

    private static string QuoteIncrement(int decimals) => (1m / (decimal)Math.Pow(10, decimals)).ToString(CultureInfo.InvariantCulture);

    public static (int, string) PubTicker(SimMarkets markets, string venue)
    {
        if (markets.Find(venue) is not { } s)
        {
            return Unknown(venue);
        }

        var (bids, asks) = markets.Book(s.Symbol);
        var m = s.Market;
        return (200, $"{{\"bid\":\"{SimWire.Dec(bids[0].Price, s.Market.PricePrecision)}\",\"ask\":\"{SimWire.Dec(asks[0].Price, s.Market.PricePrecision)}\",\"last\":\"{SimWire.Dec(m.LastPrice, s.Market.PricePrecision)}\",\"volume\":{{\"{s.Symbol.Base}\":\"{m.Volume.ToString(CultureInfo.InvariantCulture)}\",\"{s.Symbol.Quote}\":\"{m.Notional.ToString(CultureInfo.InvariantCulture)}\",\"timestamp\":{SimWire.Int(markets.Account.Now.ToUnixTimeMilliseconds())}}}}}");
    }

    /// <summary>
    /// <c>GET /v2/ticker/{symbol}</c>: the day's open (the market's opening price), high, low and close (the last
    /// trade), 24 hourly prices (the simulator keeps no hourly history: the open, then the close for the last hour)
    /// and the book's top.
    /// </summary>
    public static (int, string) Ticker24h(SimMarkets markets, string venue)
    {
        if (markets.Find(venue) is not { } s)
        {
            return Unknown(venue);
        }

        var (bids, asks) = markets.Book(s.Symbol);
        var m = s.Market;
        var open = SimWire.Dec(m.Open, s.Market.PricePrecision);
        var close = SimWire.Dec(m.LastPrice, s.Market.PricePrecision);
        var hourly = string.Join(',', Enumerable.Repeat($"\"{open}\"", 23).Append($"\"{close}\""));
        return (200, $"{{\"symbol\":\"{s.Venue.ToUpperInvariant()}\",\"open\":\"{open}\",\"high\":\"{SimWire.Dec(m.High, s.Market.PricePrecision)}\",\"low\":\"{SimWire.Dec(m.Low, s.Market.PricePrecision)}\",\"close\":\"{close}\",\"changes\":[{hourly}],\"bid\":\"{SimWire.Dec(bids[0].Price, s.Market.PricePrecision)}\",\"ask\":\"{SimWire.Dec(asks[0].Price, s.Market.PricePrecision)}\"}}");
    }

    public static (int, string) Book(SimMarkets markets, string venue)
    {
        if (markets.Find(venue) is not { } s)
        {
            return Unknown(venue);
        }

        var (bids, asks) = markets.Book(s.Symbol);
        var ts = SimWire.Int(markets.Account.Now.ToUnixTimeSeconds());
        var b = new StringBuilder("{\"bids\":[");
        b.AppendJoin(',', bids.Select(l => $"{{\"price\":\"{SimWire.Dec(l.Price, s.Market.PricePrecision)}\",\"amount\":\"{SimWire.Dec(l.Size, s.Market.SizePrecision)}\",\"timestamp\":\"{ts}\"}}"));
        b.Append("],\"asks\":[");
        b.AppendJoin(',', asks.Select(l => $"{{\"price\":\"{SimWire.Dec(l.Price, s.Market.PricePrecision)}\",\"amount\":\"{SimWire.Dec(l.Size, s.Market.SizePrecision)}\",\"timestamp\":\"{ts}\"}}"));
        return (200, b.Append("]}").ToString());
    }

    public static (int, string) Trades(SimMarkets markets, string venue)
    {
        if (markets.Find(venue) is not { } s)
        {
            return Unknown(venue);
        }

        var rows = markets.Read(() => s.Recent.AsEnumerable().Reverse().ToList()).Select(t =>
            $"{{\"timestamp\":{SimWire.Int(t.Time.ToUnixTimeSeconds())},\"timestampms\":{SimWire.Int(t.Time.ToUnixTimeMilliseconds())},\"tid\":{SimWire.Int(t.Id)},\"price\":\"{SimWire.Dec(t.Price, s.Market.PricePrecision)}\",\"amount\":\"{SimWire.Dec(t.Size, s.Market.SizePrecision)}\",\"exchange\":\"gemini\",\"type\":\"{(t.TakerSide == Fluxum.Sdk.Side.Buy ? "buy" : "sell")}\",\"broken\":false}}");
        return (200, "[" + string.Join(',', rows) + "]");
    }

    public static (int, string) Candles(SimMarkets markets, string venue, string timeFrame)
    {
        if (markets.Find(venue) is not { } s)
        {
            return Unknown(venue);
        }

        var index = Array.FindIndex(V2Feeds.Candles, c => c.Name == "candles_" + timeFrame);
        if (index < 0)
        {
            return (400, SimWire.RestError("InvalidTimeFrame", $"unknown time frame {timeFrame}"));
        }

        var c = markets.Read(() => s.Candles[index].Current);
        return (200, c is null ? "[]" : FormattableString.Invariant($"[[{c.Start.ToUnixTimeMilliseconds()},{c.Open},{c.High},{c.Low},{c.Close},{c.Volume}]]"));
    }

    private static (int, string) Unknown(string venue) => (400, SimWire.RestError("InvalidSymbol", $"Supplied value '{venue}' is not a valid symbol"));
}
