using System.Net;
using Fluxum.Host.Configuration;

namespace Fluxum.Host.Tests.Configuration;

/// <summary>The <c>admin</c> and <c>telemetry</c> sections: what they accept, and each mistake named with its line.</summary>
public sealed class OperationsConfigTests : IDisposable
{
    private readonly ConfigTestFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void Parse_AdminAndTelemetry_Read()
    {
        var config = _file.Parse("""
            plugin_dirs: [p]
            admin: { listen: "127.0.0.1:9464", stale_limit: 10s }
            telemetry: { otlp: { endpoint: "http://127.0.0.1:4318", interval: 2s } }
            """).GetValidConfig();

        Assert.Equal(new AdminConfig(IPAddress.Loopback, 9464) { StaleLimit = TimeSpan.FromSeconds(10) }, config.Admin);
        Assert.True(config.Admin!.IsLoopback);
        Assert.Equal(new Uri("http://127.0.0.1:4318"), config.Telemetry.OtlpEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(2), config.Telemetry.OtlpInterval);
    }

    [Fact]
    public void Parse_NoAdmin_Off()
    {
        var config = _file.Parse("plugin_dirs: [p]\n").GetValidConfig();

        Assert.Null(config.Admin);
        Assert.Null(config.Telemetry.OtlpEndpoint);
    }

    [Fact]
    public void Parse_AdminOffLoopbackWithoutAToken_Refused()
    {
        var result = _file.Parse("plugin_dirs: [p]\nadmin: { listen: \"0.0.0.0:9464\" }\n");

        var error = Assert.Single(ConfigTestFile.Messages(result));
        Assert.StartsWith("fluxum.yaml:2:18: admin.listen: '0.0.0.0:9464' is not a loopback address", error);
        Assert.Contains("token_env", error);
    }

    [Fact]
    public void Parse_AdminOffLoopbackWithATokenVariable_Accepted()
    {
        var config = _file.Parse("plugin_dirs: [p]\nadmin: { listen: \"0.0.0.0:9464\", token_env: FLUXUM_ADMIN_TOKEN }\n").GetValidConfig();

        Assert.Equal("FLUXUM_ADMIN_TOKEN", config.Admin!.TokenEnv);
        Assert.False(config.Admin.IsLoopback);
    }

    [Theory]
    [InlineData("admin: { listen: \"127.0.0.1\" }", "fluxum.yaml:2:18: admin.listen: '127.0.0.1' is not host:port")]
    [InlineData("admin: { listen: \"127.0.0.1:70000\" }", "fluxum.yaml:2:18: admin.listen: '127.0.0.1:70000' is not host:port")]
    [InlineData("admin: { stale_limit: 5s }", "fluxum.yaml:2:8: admin: missing required key 'listen'")]
    [InlineData("admin: { listen: \"127.0.0.1:1\", token_env: \"hunter2 is my password\" }", "fluxum.yaml:2:44: admin.token_env:")]
    [InlineData("admin: { listen: \"127.0.0.1:1\", port: 3 }", "fluxum.yaml:2:33: admin.port: unknown key 'port'")]
    [InlineData("telemetry: { otlp: { endpoint: \"udp://127.0.0.1:4318\" } }", "fluxum.yaml:2:32: telemetry.otlp.endpoint: 'udp://127.0.0.1:4318' is not an http(s) address")]
    [InlineData("telemetry: { otlp: { interval: 1s } }", "fluxum.yaml:2:20: telemetry.otlp: missing required key 'endpoint'")]
    public void Parse_AdminOrTelemetryMistake_NamedWithItsLine(string section, string expected)
    {
        var result = _file.Parse("plugin_dirs: [p]\n" + section + "\n");

        Assert.False(result.IsValid);
        Assert.Contains(ConfigTestFile.Messages(result), m => m.StartsWith(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(ConfigTestFile.Messages(result), m => m.Contains("hunter2", StringComparison.Ordinal)); // a token is never echoed
    }
}
