using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Sdk.Kit.Tests.Rest;

public sealed class SignedRequestTests
{
    [Fact]
    public void Create_EachResign_FreshNonce()
    {
        var nonces = new NonceSource(new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(1)));
        var seen = new List<long>();

        var request = SignedRequest.Create(nonces, nonce =>
        {
            seen.Add(nonce);
            return new RestRequest(HttpMethod.Post, new Uri("http://127.0.0.1/private")) { Headers = new Dictionary<string, string> { ["Nonce"] = nonce.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        });
        var retry1 = request.Resign!();
        var retry2 = request.Resign!();

        Assert.Equal(3, seen.Distinct().Count());
        Assert.True(seen[0] < seen[1] && seen[1] < seen[2]);
        Assert.NotEqual(request.Headers["Nonce"], retry1.Headers["Nonce"]);
        Assert.NotEqual(retry1.Headers["Nonce"], retry2.Headers["Nonce"]);
    }

    [Fact]
    public void Create_IdempotentRequest_NoResign()
    {
        var request = SignedRequest.Create(() => new RestRequest(HttpMethod.Get, new Uri("http://127.0.0.1/public")) { IsIdempotent = true });

        Assert.Null(request.Resign);
    }
}
