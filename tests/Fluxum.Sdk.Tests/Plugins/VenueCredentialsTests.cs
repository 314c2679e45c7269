using Fluxum.Sdk.Plugins;

namespace Fluxum.Sdk.Tests.Plugins;

public sealed class VenueCredentialsTests
{
    private const string Secret = "c2VjcmV0LXRoYXQtbXVzdC1uZXZlci1sZWFr";

    [Fact]
    public void ToString_NeverContainsSecretOrPassphraseOrFullKey()
    {
        var credentials = new VenueCredentials("ABCDEFGHIJ", Secret, "my-passphrase");

        var text = credentials.ToString();

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret[..8], text, StringComparison.Ordinal);
        Assert.DoesNotContain("my-passphrase", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ABCDEFGHIJ", text, StringComparison.Ordinal);
        Assert.Contains("ABCD", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_InInterpolation_StaysRedacted()
    {
        var credentials = new VenueCredentials("key", Secret);

        Assert.DoesNotContain(Secret, $"using {credentials}", StringComparison.Ordinal);
        Assert.Equal("****", credentials.RedactedKey);
    }

    [Theory]
    [InlineData("", "secret")]
    [InlineData("key", " ")]
    public void Constructor_BlankKeyOrSecret_Throws(string key, string secret)
    {
        Assert.ThrowsAny<ArgumentException>(() => new VenueCredentials(key, secret));
    }
}
