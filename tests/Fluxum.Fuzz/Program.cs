using System.Globalization;
using Fluxum.Fuzz.Harness;
using Fluxum.Fuzz.Streams;

// dotnet run -c Release --project tests/Fluxum.Fuzz -- --frames 1000000 [--venue kraken|gemini-ws|gemini-v2] [--seed N] [--rate 0.25]
long frames = 1_000_000;
var seed = 1;
var rate = 0.25;
string? venue = null;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--frames" when value is not null:
            frames = long.Parse(value, CultureInfo.InvariantCulture);
            i++;
            break;
        case "--seed" when value is not null:
            seed = int.Parse(value, CultureInfo.InvariantCulture);
            i++;
            break;
        case "--rate" when value is not null:
            rate = double.Parse(value, CultureInfo.InvariantCulture);
            i++;
            break;
        case "--venue" when value is not null:
            venue = value;
            i++;
            break;
        default:
            await Console.Error.WriteLineAsync($"unknown or incomplete option '{args[i]}'. Usage: --frames N [--venue kraken|gemini-ws|gemini-v2] [--seed N] [--rate 0..1]");
            return 2;
    }
}

Func<FuzzStream>[] all = [() => new KrakenStream(), () => new GeminiV2Stream(), () => new GeminiWsStream()];
var streams = all.Select(create => create()).Where(s => venue is null || s.Name == venue).ToList();
if (streams.Count == 0)
{
    await Console.Error.WriteLineAsync($"unknown venue '{venue}': kraken, gemini-v2 or gemini-ws");
    return 2;
}

var failed = false;
foreach (var stream in streams)
{
    var result = await new FuzzRunner(stream, new FuzzOptions(frames, seed, rate) { Progress = Console.Error }).RunAsync();
    Console.WriteLine(result);
    failed |= !result.Passed;
}

return failed ? 1 : 0;
