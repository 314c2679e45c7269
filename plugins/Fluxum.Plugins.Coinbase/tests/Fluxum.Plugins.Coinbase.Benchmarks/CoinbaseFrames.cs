using System.Globalization;
using System.Text.Json;

namespace Fluxum.Plugins.Coinbase.Benchmarks;

/// <summary>
/// Advanced Trade <c>l2_data</c> messages in the documented envelope and field order (the venue's nanosecond
/// timestamps, one event per message): a snapshot per product, then updates of one to four levels near the top.
/// The updates form a cycle that leaves every book as it found it, so a benchmark can replay them forever.
/// </summary>
internal static class CoinbaseFrames
{
    public static readonly string[] Products = ["BTC-USD", "ETH-USD", "SOL-USD"];

    public static byte[] Snapshot(string product, int depth, long sequence)
    {
        var mid = Mid(product);
        var levels = new List<(string Side, decimal Price, decimal Size)>();
        for (var i = 0; i < depth; i++)
        {
            levels.Add(("bid", mid - ((i + 1) * 0.01m), 0.5m + (i % 7)));
            levels.Add(("offer", mid + ((i + 1) * 0.01m), 0.25m + (i % 5)));
        }

        return Message("snapshot", product, sequence, levels, "1970-01-01T00:00:00Z");
    }

    /// <summary>
    /// Updates in pairs per product: the first sets new quantities (adding a level outside the snapshot), the second
    /// restores the snapshot's quantities and deletes the added level.
    /// </summary>
    public static List<byte[]> Updates(int count, long firstSequence)
    {
        var random = new Random(42);
        var frames = new List<byte[]>(count);
        var sequence = firstSequence;
        while (frames.Count < count)
        {
            foreach (var product in Products)
            {
                var mid = Mid(product);
                var side = random.Next(2) == 0 ? "bid" : "offer";
                var sign = side == "bid" ? -1 : 1;
                var changed = random.Next(1, 4);
                var set = new List<(string, decimal, decimal)>();
                var restore = new List<(string, decimal, decimal)>();
                for (var i = 0; i < changed; i++)
                {
                    var level = random.Next(0, 10);
                    var price = mid + (sign * (level + 1) * 0.01m);
                    set.Add((side, price, decimal.Round((decimal)random.NextDouble() * 3m, 8) + 0.00000001m));
                    restore.Add((side, price, (side == "bid" ? 0.5m : 0.25m) + (level % (side == "bid" ? 7 : 5))));
                }

                var inside = mid + (sign * 0.005m);
                set.Add((side, inside, 0.01m));
                restore.Add((side, inside, 0m));
                frames.Add(Message("update", product, sequence++, set, null));
                frames.Add(Message("update", product, sequence++, restore, null));
            }
        }

        return frames;
    }

    private static decimal Mid(string product) => product switch
    {
        "BTC-USD" => 97123.45m,
        "ETH-USD" => 3612.07m,
        _ => 231.84m,
    };

    private static byte[] Message(string type, string product, long sequence, List<(string Side, decimal Price, decimal Size)> levels, string? eventTime)
    {
        var time = Time(sequence);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("channel", "l2_data");
            json.WriteString("client_id", string.Empty);
            json.WriteString("timestamp", time);
            json.WriteNumber("sequence_num", sequence);
            json.WriteStartArray("events");
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteString("product_id", product);
            json.WriteStartArray("updates");
            foreach (var (side, price, size) in levels)
            {
                json.WriteStartObject();
                json.WriteString("side", side);
                json.WriteString("event_time", eventTime ?? time);
                json.WriteString("price_level", price.ToString(CultureInfo.InvariantCulture));
                json.WriteString("new_quantity", size.ToString(CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string Time(long sequence) =>
        new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc).AddTicks(sequence * 12_345).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "55Z";
}
