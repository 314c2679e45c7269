using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Fluxum.Benchmarks.EndToEnd;

/// <summary>
/// Writes an end-to-end run to <c>tests/Fluxum.Benchmarks/results/e2e.md</c> and <c>e2e.json</c>, with the machine
/// described (processor, cores, memory, OS, runtime) and the command that produced it.
/// </summary>
internal static class EndToEndReport
{
    public static (string Markdown, string Json) Write(string repositoryRoot, string command, IReadOnlyList<EndToEndResult> results)
    {
        var folder = Path.Combine(repositoryRoot, "tests", "Fluxum.Benchmarks", "results");
        Directory.CreateDirectory(folder);
        var machine = Machine();
        var when = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var markdown = Path.Combine(folder, "e2e.md");
        var lines = new List<string>
        {
            "# End-to-end load runs",
            string.Empty,
            $"`{command}` on {when}.",
            string.Empty,
            $"Machine: {machine.Processor}, {machine.Cores} cores, {machine.MemoryGiB:0.#} GiB, {machine.Os}, .NET {machine.Runtime}.",
            string.Empty,
        };
        lines.AddRange(EndToEndBenchmark.Table(results));
        File.WriteAllLines(markdown, lines);
        var json = Path.Combine(folder, "e2e.json");
        var document = new
        {
            command,
            measured = when,
            machine,
            runs = results.Select(r => new
            {
                path = r.Path,
                rate = r.Rate,
                connections = r.Connections,
                expected = r.Expected,
                delivered = r.Delivered,
                superseded = r.Superseded,
                lost = r.Loss,
                seconds = r.Seconds,
                takenPerSecond = r.ProcessedPerSecond,
                deliveredPerSecond = r.DeliveredPerSecond,
                latencyMicros = new { p50 = r.LatencyMicros(50), p99 = r.LatencyMicros(99), p999 = r.LatencyMicros(99.9), max = r.MaxLatencyMicros },
                cpuMicrosPerFrame = r.CpuMicrosPerMessage,
                allocatedBytesPerFrame = r.AllocatedPerMessage,
                qualityEvents = r.QualityEvents,
                reconnects = r.Reconnects,
            }),
        };
        File.WriteAllText(json, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
        return (markdown, json);
    }

    private static MachineInfo Machine()
    {
        var processor = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return new MachineInfo(processor ?? RuntimeInformation.ProcessArchitecture.ToString(), Environment.ProcessorCount, memory, RuntimeInformation.OSDescription, Environment.Version.ToString());
    }

    private sealed record MachineInfo(string Processor, int Cores, double MemoryGiB, string Os, string Runtime);
}
