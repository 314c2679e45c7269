using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Fluxum.Host.Tests.Support;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// <c>telemetry: { otlp: { endpoint } }</c>: <c>fluxum run</c> in a child process pushes the Fluxum meter over OTLP/HTTP
/// (protobuf) to a receiver in the test on 127.0.0.1, which decodes the export requests far enough to read each
/// metric's name and its integer sum points with their <c>venue</c> attribute.
/// </summary>
public sealed class OtlpEndToEndTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Run_WithOtlpEndpoint_DeliversTheMetersToTheCollector()
    {
        using var receiver = new OtlpReceiver();
        var config = CliHarness.Config([VenueYaml.Simulated("kraken", seed: 3, tick: "100ms").Subscribe(["BTC/USD"], "trades", VenueYaml.Book(10))]);
        _cli.WriteConfig(config);
        await File.AppendAllTextAsync(_cli.ConfigPath, $"\ntelemetry: {{ otlp: {{ endpoint: \"{receiver.Address}\", interval: 500ms }} }}\n");

        var result = await FluxumProcess.RunAsync(Path.GetDirectoryName(_cli.ConfigPath)!, "run", "--config", _cli.ConfigPath, "--duration", "6s");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotEmpty(receiver.Requests);
        Assert.All(receiver.Requests, r => Assert.Equal(("/v1/metrics", "application/x-protobuf"), (r.Path, r.ContentType)));
        var metrics = receiver.Requests.SelectMany(r => OtlpMetrics.Read(r.Body)).ToList();
        Assert.Contains(metrics, m => m.Name == "fluxum.session.reconnects");
        Assert.Contains(metrics, m => m.Name == "fluxum.book.checksums.verified" && m.Points.Any(p => p.Venue == "kraken" && p.Value > 0));
        Assert.Contains(metrics, m => m.Name == "fluxum.feed.frames" && m.Points.Any(p => p.Venue == "kraken" && p.Value > 0));
    }

    /// <summary>An HTTP endpoint on a free loopback port that keeps every request it is sent.</summary>
    private sealed class OtlpReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _serving;

        public OtlpReceiver()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Address = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Add(Address.ToString());
            _listener.Start();
            _serving = ServeAsync();
        }

        public Uri Address { get; }

        public ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> Requests { get; } = new();

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _ = _serving;
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return; // stopped
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                Requests.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }
    }

    /// <summary>
    /// Just enough of the OTLP protobuf (opentelemetry/proto/collector/metrics/v1): ExportMetricsServiceRequest.resource_metrics(1)
    /// → ResourceMetrics.scope_metrics(2) → ScopeMetrics.metrics(2) → Metric {name(1), gauge(5) | sum(7)} → data_points(1) →
    /// NumberDataPoint {as_int(6, sfixed64), attributes(7) KeyValue {key(1), value(2) AnyValue {string_value(1)}}}.
    /// </summary>
    private static class OtlpMetrics
    {
        public sealed record Metric(string Name, List<(string? Venue, long Value)> Points);

        public static IEnumerable<Metric> Read(byte[] request)
        {
            foreach (var resource in Fields(request, 1))
            {
                foreach (var scope in Fields(resource, 2))
                {
                    foreach (var metric in Fields(scope, 2))
                    {
                        var name = Fields(metric, 1).Select(b => System.Text.Encoding.UTF8.GetString(b)).FirstOrDefault() ?? string.Empty;
                        var points = new List<(string?, long)>();
                        foreach (var data in Fields(metric, 7).Concat(Fields(metric, 5)))
                        {
                            foreach (var point in Fields(data, 1))
                            {
                                string? venue = null;
                                foreach (var attribute in Fields(point, 7))
                                {
                                    var key = Fields(attribute, 1).Select(b => System.Text.Encoding.UTF8.GetString(b)).FirstOrDefault();
                                    if (key == "venue")
                                    {
                                        venue = Fields(attribute, 2).SelectMany(v => Fields(v, 1)).Select(b => System.Text.Encoding.UTF8.GetString(b)).FirstOrDefault();
                                    }
                                }

                                if (Fixed64(point, 6) is { } value)
                                {
                                    points.Add((venue, value));
                                }
                            }
                        }

                        yield return new Metric(name, points);
                    }
                }
            }
        }

        /// <summary>The length-delimited values of field <paramref name="number"/> in a message.</summary>
        private static List<byte[]> Fields(byte[] message, int number)
        {
            var found = new List<byte[]>();
            Walk(message, (field, wire, value) =>
            {
                if (field == number && wire == 2)
                {
                    found.Add(value);
                }
            });
            return found;
        }

        private static long? Fixed64(byte[] message, int number)
        {
            long? found = null;
            Walk(message, (field, wire, value) =>
            {
                if (field == number && wire == 1)
                {
                    found = BitConverter.ToInt64(value);
                }
            });
            return found;
        }

        private static void Walk(byte[] message, Action<int, int, byte[]> each)
        {
            var i = 0;
            while (i < message.Length)
            {
                var tag = Varint(message, ref i);
                var field = (int)(tag >> 3);
                var wire = (int)(tag & 7);
                switch (wire)
                {
                    case 0:
                        Varint(message, ref i);
                        break;
                    case 1:
                        each(field, wire, message[i..(i + 8)]);
                        i += 8;
                        break;
                    case 2:
                        var length = (int)Varint(message, ref i);
                        each(field, wire, message[i..(i + length)]);
                        i += length;
                        break;
                    case 5:
                        i += 4;
                        break;
                    default:
                        throw new InvalidDataException($"wire type {wire} at {i}: not an OTLP message");
                }
            }
        }

        private static ulong Varint(byte[] message, ref int i)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = message[i++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }
    }
}
