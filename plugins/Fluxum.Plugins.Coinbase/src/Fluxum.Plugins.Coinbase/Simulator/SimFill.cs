using System.Globalization;
using System.Text.Json;

namespace Fluxum.Plugins.Coinbase.Simulator;

/// <summary>One fill of the simulated account, written as List Fills documents it.</summary>
internal sealed record SimFill(string EntryId, string TradeId, string OrderId, DateTimeOffset Time, string ProductId, decimal Price, decimal Size, decimal Commission, bool Buy)
{
    public static List<SimFill> Generate(int seed, DateTimeOffset now, int count)
    {
        var random = new Random(seed);
        var fills = new List<SimFill>();
        string[] products = ["BTC-USD", "ETH-USD"];
        for (var i = 0; i < count; i++)
        {
            var product = products[i % products.Length];
            var price = product == "BTC-USD" ? 60_000m + random.Next(0, 5000) : 3_000m + random.Next(0, 300);
            var size = Math.Round((decimal)random.NextDouble() * (product == "BTC-USD" ? 0.05m : 1m) + 0.001m, 8);
            var commission = Math.Round(price * size * 0.006m, 2);
            fills.Add(new SimFill($"entry-{i:D6}", $"trade-{i:D6}", $"order-{i / 2:D6}", now.AddHours(-(count - i)), product, price, size, commission, random.Next(2) == 0));
        }

        return fills;
    }

    public void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("entry_id", EntryId);
        json.WriteString("trade_id", TradeId);
        json.WriteString("order_id", OrderId);
        json.WriteString("trade_time", SimWire.Time(Time));
        json.WriteString("trade_type", "FILL");
        json.WriteString("price", SimWire.Text(Price));
        json.WriteString("size", SimWire.Text(Size));
        json.WriteString("commission", SimWire.Text(Commission));
        json.WriteString("product_id", ProductId);
        json.WriteString("sequence_timestamp", SimWire.Time(Time));
        json.WriteString("liquidity_indicator", "TAKER");
        json.WriteBoolean("size_in_quote", false);
        json.WriteString("user_id", "3333-333333-3333333");
        json.WriteString("side", Buy ? "BUY" : "SELL");
        json.WriteString("retail_portfolio_id", string.Empty);
        json.WriteEndObject();
    }

    public override string ToString() => EntryId + " " + Time.ToString("O", CultureInfo.InvariantCulture);
}
