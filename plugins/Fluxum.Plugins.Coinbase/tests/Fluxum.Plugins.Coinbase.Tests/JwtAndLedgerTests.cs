using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fluxum.Plugins.Coinbase.Auth;
using Fluxum.Plugins.Coinbase.Simulator;
using Fluxum.Sdk;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Transport;

namespace Fluxum.Plugins.Coinbase.Tests;

public sealed class JwtAndLedgerTests
{
    private static readonly VenueCredentials Simulated = new("sim-coinbase-0a1b2c", Convert.ToBase64String(Enumerable.Range(0, 64).Select(i => (byte)(i * 7)).ToArray()));

    [Fact]
    public void Create_PemKey_VerifiesWithThePublicKeyAndCarriesTheDocumentedClaims()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = ec.ExportECPrivateKeyPem();
        using var key = CoinbaseJwt.Key(pem);
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        var token = CoinbaseJwt.Create(key, "organizations/o/apiKeys/k", "GET api.coinbase.com/api/v3/brokerage/accounts", now, "abc123");

        var parts = token.Split('.');
        Assert.True(ec.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.TryDecode(parts[2])!, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        using var header = JsonDocument.Parse(Base64Url.TryDecode(parts[0])!);
        using var claims = JsonDocument.Parse(Base64Url.TryDecode(parts[1])!);
        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("organizations/o/apiKeys/k", header.RootElement.GetProperty("kid").GetString());
        Assert.Equal("abc123", header.RootElement.GetProperty("nonce").GetString());
        Assert.Equal("cdp", claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal("organizations/o/apiKeys/k", claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal(1_700_000_000, claims.RootElement.GetProperty("nbf").GetInt64());
        Assert.Equal(1_700_000_120, claims.RootElement.GetProperty("exp").GetInt64());
        Assert.Equal("GET api.coinbase.com/api/v3/brokerage/accounts", claims.RootElement.GetProperty("uri").GetString());
        Assert.DoesNotContain('=', token);
    }

    [Fact]
    public void Key_NonPemSecret_DeterministicP256Key()
    {
        using var a = CoinbaseJwt.Key(Simulated.ApiSecret);
        using var b = CoinbaseJwt.Key(Simulated.ApiSecret);
        using var other = CoinbaseJwt.Key("another secret");
        var now = DateTimeOffset.UtcNow;
        var token = CoinbaseJwt.Create(a, "k", "GET h/p", now, "n");

        Assert.Null(CoinbaseJwt.Problem(token, b, "k", "GET h/p", now));
        Assert.Equal("bad signature", CoinbaseJwt.Problem(token, other, "k", "GET h/p", now));
        Assert.Equal("expired or not yet valid", CoinbaseJwt.Problem(token, b, "k", "GET h/p", now.AddSeconds(121)));
        Assert.Equal("uri claim does not match the request", CoinbaseJwt.Problem(token, b, "k", "GET h/other", now));
    }

    [Fact]
    public async Task Ledger_AgainstTheSimulator_BalancesAndFillEntries()
    {
        await using var simulator = new CoinbaseSimulator(new SimulatorOptions { Seed = 3, Credentials = Simulated });
        await simulator.StartAsync();
        using var rest = new LoopbackRestTransport();
        var venue = new CoinbasePlugin().CreateVenue(Support.Context(simulator.Endpoints, Simulated, rest));
        Assert.True(venue.Capabilities.Ledger);
        var ledger = venue.CreateLedgerClient();

        var balances = await ledger.BalancesAsync();
        var entries = await ledger.QueryAsync(new LedgerQuery());

        Assert.Equal(10_150.25m, balances["USD"]);
        Assert.Equal(0.5m, balances["BTC"]);
        Assert.Equal(3.5m, balances["ETH"]);
        Assert.Equal(90, entries.Count); // 30 fills: base leg, quote leg, commission (more than one 100-fill page is not needed here).
        Assert.All(entries, e => Assert.Equal("cb-test", e.Venue));
        Assert.True(entries.Zip(entries.Skip(1)).All(p => p.First.Time >= p.Second.Time), "newest first");
        var fees = entries.Where(e => e.Type.Kind == LedgerEntryKind.Fee).ToList();
        Assert.Equal(30, fees.Count);
        Assert.All(fees, f => Assert.True(f.Amount < 0 && f.Fee == -f.Amount && f.Asset == "USD"));
        var limited = await ledger.QueryAsync(new LedgerQuery { Type = LedgerEntryType.Fee, Limit = 5 });
        Assert.Equal(5, limited.Count);
        Assert.Empty(await ledger.QueryAsync(new LedgerQuery { Type = LedgerEntryType.Deposit }));
    }

    [Fact]
    public async Task Simulator_WrongSignatureOrExpiredToken_401()
    {
        await using var simulator = new CoinbaseSimulator(new SimulatorOptions { Seed = 3, Credentials = Simulated });
        await simulator.StartAsync();
        using var http = new HttpClient();
        var address = new Uri(simulator.Endpoints["rest"], "/api/v3/brokerage/accounts");
        var uri = CoinbaseJwt.Uri("GET", address);
        using var wrongKey = CoinbaseJwt.Key("not the secret");
        using var rightKey = CoinbaseJwt.Key(Simulated.ApiSecret);

        async Task<HttpStatusCode> Send(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Send(CoinbaseJwt.Create(rightKey, Simulated.ApiKey, uri, DateTimeOffset.UtcNow, "n1")));
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(CoinbaseJwt.Create(wrongKey, Simulated.ApiKey, uri, DateTimeOffset.UtcNow, "n2")));
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(CoinbaseJwt.Create(rightKey, Simulated.ApiKey, uri, DateTimeOffset.UtcNow.AddMinutes(-10), "n3")));
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(CoinbaseJwt.Create(rightKey, Simulated.ApiKey, "GET 127.0.0.1/api/v3/brokerage/other", DateTimeOffset.UtcNow, "n4")));
    }

    [Fact]
    public async Task Ledger_RestErrorFault_VenueApiExceptionWithTheVenuesMessage()
    {
        await using var simulator = new CoinbaseSimulator(new SimulatorOptions { Seed = 3, Credentials = Simulated });
        await simulator.StartAsync();
        using var rest = new LoopbackRestTransport();
        var ledger = new CoinbasePlugin().CreateVenue(Support.Context(simulator.Endpoints, Simulated, rest)).CreateLedgerClient();
        Assert.True(simulator.Inject(SimulatorFault.RestError(503)));
        Assert.False(simulator.Inject(SimulatorFault.CorruptChecksum(Symbol.Parse("BTC/USD"))));

        var error = await Assert.ThrowsAsync<VenueApiException>(() => ledger.BalancesAsync());

        Assert.Equal(VenueErrorKind.Unavailable, error.Kind);
        Assert.Equal("cb-test", error.Venue);
        Assert.Contains("injected fault", error.Message, StringComparison.Ordinal);
    }
}
