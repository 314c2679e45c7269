using Fluxum.Host.Configuration;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace Fluxum.Host.Tests.Configuration;

public sealed class VenueContextFactoryTests
{
    private static readonly VenueConfig Venue = new()
    {
        Name = "kraken",
        Plugin = "kraken",
        Mode = VenueMode.Live,
        Settings = new Dictionary<string, string> { ["api"] = "v2" },
        Endpoints = new Dictionary<string, Uri> { ["ws"] = new("wss://a.test/ws"), ["rest"] = new("https://a.test") },
        Credentials = new CredentialsConfig("K_ENV", "S_ENV", null),
    };

    [Fact]
    public void Create_GivenEndpoints_OverrideConfiguredOnesAndCredentialsResolved()
    {
        var env = new Dictionary<string, string> { ["K_ENV"] = "key1234567", ["S_ENV"] = "secret" };

        var context = VenueContextFactory.Create(
            Venue, Substitute.For<IRestTransport>(), NullLoggerFactory.Instance,
            endpoints: new Dictionary<string, Uri> { ["ws"] = new("ws://127.0.0.1:4000/") },
            environment: n => env.GetValueOrDefault(n));

        Assert.Equal(("kraken", VenueMode.Live, "v2"), (context.Venue, context.Mode, context.Setting("api", "")));
        Assert.Equal(new Uri("ws://127.0.0.1:4000/"), context.Endpoints["ws"]);
        Assert.Equal(new Uri("https://a.test"), context.Endpoints["rest"]);
        Assert.Equal(("key1234567", "secret"), (context.Credentials!.ApiKey, context.Credentials.ApiSecret));
    }

    [Fact]
    public void Create_VariableMissing_ThrowsNamingVariableOnly()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => VenueContextFactory.Create(
            Venue, Substitute.For<IRestTransport>(), NullLoggerFactory.Instance, environment: n => n == "K_ENV" ? "key-value" : null));

        Assert.Equal("environment variable S_ENV is not set", ex.Message);
    }
}
