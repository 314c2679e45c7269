using Fluxum.Host.Tests.Configuration;

namespace Fluxum.Host.Tests.Relay;

/// <summary>The <c>publish</c> section and a relay venue's <c>relay</c>: what they accept, each mistake named with its line and key path.</summary>
public sealed class NatsConfigTests : IDisposable
{
    private readonly ConfigTestFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void Parse_PublishAndRelay_Read()
    {
        var config = _file.Parse("""
            plugin_dirs: [p]
            venues:
              kraken:
                mode: relay
                relay: { nats: { url: "nats://127.0.0.1:4222", stream: FLUXUM }, venue: kraken-a, start: "2026-12-03T10:00:00Z" }
            publish: { nats: { url: "nats://127.0.0.1:4222,nats://127.0.0.1:4223", stream: FLUXUM, subject_prefix: md.eu, max_age: 1h, max_bytes: 512MB, buffer: 1000 } }
            """).GetValidConfig();

        var publish = config.Publish!;
        Assert.Equal("nats://127.0.0.1:4222,nats://127.0.0.1:4223", publish.Url);
        Assert.Equal("md.eu", publish.SubjectPrefix);
        Assert.Equal(TimeSpan.FromHours(1), publish.MaxAge);
        Assert.Equal(512L << 20, publish.MaxBytes);
        Assert.Equal(1000, publish.Buffer);
        var relay = config.Venues.Single().Relay!;
        Assert.Equal("kraken-a", relay.SourceVenue);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero), relay.Start);
        Assert.Equal("relay", config.Venues.Single().ModeName);
    }

    [Theory]
    [InlineData("publish: { nats: { url: \"http://x:1\", stream: S } }", "fluxum.yaml:2:25: publish.nats.url: 'http://x:1' is not a NATS address")]
    [InlineData("publish: { nats: { url: \"nats://127.0.0.1:4222\" } }", "fluxum.yaml:2:18: publish.nats: missing required key 'stream'")]
    [InlineData("publish: { nats: { url: \"nats://127.0.0.1:4222\", stream: \"a.b\" } }", "fluxum.yaml:2:58: publish.nats.stream: 'a.b' is not a stream name")]
    [InlineData("publish: { nats: { url: \"nats://127.0.0.1:4222\", stream: S, max_bytes: lots } }", "fluxum.yaml:2:72: publish.nats.max_bytes: 'lots' is not a size")]
    [InlineData("publish: { nats: { url: \"nats://127.0.0.1:4222\", stream: S, subject_prefix: \"a.*\" } }", "fluxum.yaml:2:77: publish.nats.subject_prefix: 'a.*' is not a subject prefix")]
    public void Parse_BadPublish_NamesLineAndPath(string line, string expected)
    {
        var errors = ConfigTestFile.Messages(_file.Parse($"plugin_dirs: [p]\n{line}\n"));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_RelayWithoutRelaySection_NamesIt()
    {
        var errors = ConfigTestFile.Messages(_file.Parse("plugin_dirs: [p]\nvenues:\n  kraken:\n    mode: relay\n"));

        Assert.Contains(errors, e => e.StartsWith("fluxum.yaml:4:5:", StringComparison.Ordinal) && e.Contains("venues.kraken: missing required key 'relay'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_RelayStartNotATime_NamesIt()
    {
        var errors = ConfigTestFile.Messages(_file.Parse("plugin_dirs: [p]\nvenues:\n  kraken:\n    mode: relay\n    relay: { nats: { url: \"nats://127.0.0.1:4222\", stream: S }, start: yesterday }\n"));

        Assert.Contains(errors, e => e.StartsWith("fluxum.yaml:5:", StringComparison.Ordinal) && e.Contains("venues.kraken.relay.start: 'yesterday' is not a time", StringComparison.Ordinal));
    }
}
