using Fluxum.Plugins.Kraken.Rest;
using Fluxum.Plugins.Kraken.Tests.Support;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Venues;
using Fluxum.Sdk.Transport;
using NSubstitute;

namespace Fluxum.Plugins.Kraken.Tests.Rest;

/// <summary>
/// The venue's <c>tier</c> setting picks the documented call counter (Starter 15 / −0.33 s⁻¹, Intermediate 20 / −0.5,
/// Pro 20 / −1) the plugin declares on its private calls; an unknown tier is a settings problem naming the tiers.
/// </summary>
public sealed class KrakenTierTests
{
    private const string Secret = "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";

    [Theory]
    [InlineData(null, 15, 0.33)]
    [InlineData("starter", 15, 0.33)]
    [InlineData("intermediate", 20, 0.5)]
    [InlineData("Pro", 20, 1)]
    public async Task PrivateAsync_TierSetting_DeclaresThatTiersCounter(string? tier, double capacity, double decay)
    {
        var transport = Substitute.For<IRestTransport>();
        var sent = new List<RestRequest>();
        transport.SendAsync(NSubstitute.Arg.Do<RestRequest>(sent.Add), NSubstitute.Arg.Any<CancellationToken>()).Returns(new RestResponse(200, "{\"error\":[],\"result\":{}}"u8.ToArray()));
        var context = Context(tier) with { Rest = transport, Credentials = new VenueCredentials("key", Secret) };

        await new KrakenRestClient(context, new NonceSource(TimeProvider.System)).PrivateAsync("Balance");

        Assert.Equal(new RestRateLimit("kraken", "private", capacity, decay), Assert.Single(sent).RateLimit);
    }

    [Fact]
    public void Validate_UnknownTier_ProblemAtTheTierKeyNamingTheTiers()
    {
        var problems = new KrakenPlugin().Validate(Context("gold"));

        Assert.Equal(["tier: 'gold' is not a Kraken tier (expected starter, intermediate, pro: its REST call counter limit)"], problems);
    }

    [Theory]
    [InlineData("starter")]
    [InlineData("intermediate")]
    [InlineData("pro")]
    public void Validate_KnownTier_NoProblem(string tier) => Assert.Empty(new KrakenPlugin().Validate(Context(tier)));

    private static VenueContext Context(string? tier) => Fixture.Context() with
    {
        Settings = tier is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [KrakenTier.Setting] = tier },
    };
}
