using System.Text;
using Fluxum.Plugins.Binance.Rest;
using Fluxum.Sdk;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Time;
using Fluxum.Sdk.Transport;

namespace Fluxum.Plugins.Binance.Tests;

public sealed class BinanceRestTests
{
    private static readonly Symbol BtcUsdt = Symbol.Parse("BTC/USDT");

    private static RestResponse Json(string body, int status = 200, Dictionary<string, string>? headers = null) =>
        new(status, Encoding.UTF8.GetBytes(body)) { Headers = headers ?? [] };

    [Fact]
    public void Sign_DocumentedHmacExample_GivesTheDocumentedSignature()
    {
        const string payload = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        const string secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

        Assert.Equal("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", BinanceSigner.Sign(payload, secret));
        Assert.True(BinanceSigner.Verify(payload, "C8DB56825AE71D6D79447849E617115F4A920FA2ACDCAB2B053C4B2838BD6B71", secret));
        Assert.False(BinanceSigner.Verify(payload + "1", "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", secret));
    }

    [Fact]
    public void Sign_DocumentedNonAsciiExample_GivesTheDocumentedSignature()
    {
        const string payload = "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        Assert.Equal("e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3", BinanceSigner.Sign(payload, "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"));
    }

    [Theory]
    [InlineData(10, 100, 5)]
    [InlineData(100, 100, 5)]
    [InlineData(101, 500, 25)]
    [InlineData(1000, 1000, 50)]
    [InlineData(1001, 5000, 250)]
    public void DepthLimit_IsTheTopOfTheWeightTier(int depth, int limit, int weight)
    {
        Assert.Equal(limit, BinanceRestClient.DepthLimit(depth));
        Assert.Equal(weight, BinanceRestClient.DepthWeight(limit));
    }

    [Fact]
    public void WeightBudget_RefusesPastTheLimitUntilTheMinuteRolls()
    {
        var clock = TestClock.Create();
        var budget = new WeightBudget(100, clock);

        Assert.True(budget.TryAcquire(60, out _));
        Assert.False(budget.TryAcquire(50, out var wait));
        Assert.Equal(TimeSpan.FromMinutes(1), wait);
        clock.Advance(wait);
        Assert.True(budget.TryAcquire(50, out _));
        Assert.Equal(50, budget.Used);
    }

    [Fact]
    public void WeightBudget_ServerCountAndRetryAfterHoldRequestsBack()
    {
        var clock = TestClock.Create();
        var budget = new WeightBudget(6000, clock);

        budget.Observe(5990);
        Assert.False(budget.TryAcquire(25, out _));
        clock.Advance(TimeSpan.FromMinutes(1));
        budget.BackOff(TimeSpan.FromSeconds(7));
        Assert.False(budget.TryAcquire(1, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(7), wait);
        clock.Advance(wait);
        Assert.True(budget.TryAcquire(1, out _));
    }

    [Fact]
    public async Task WeightBudget_AWaitLongerThanAllowed_IsRefusedNotWaited()
    {
        var budget = new WeightBudget(6000, TestClock.Create(), TimeSpan.FromSeconds(10));
        budget.BackOff(TimeSpan.FromMinutes(2));

        await Assert.ThrowsAsync<WeightBudgetExhaustedException>(() => budget.AcquireAsync(1).AsTask());
    }

    [Fact]
    public async Task FetchBookSnapshot_AsksTheTierLimitAndParsesTheOfficialSnapshot()
    {
        var rest = new ScriptedRest(_ => Json(Encoding.UTF8.GetString(TestVenue.Fixture("binance_spot_depth_snapshot.json")), headers: new() { ["X-MBX-USED-WEIGHT-1M"] = "31" }));
        var venue = new BinanceVenue(TestVenue.Context(rest));

        var snapshot = await venue.FetchBookSnapshotAsync(BtcUsdt, 20, CancellationToken.None);

        Assert.Equal("/api/v3/depth?symbol=BTCUSDT&limit=100", Assert.Single(rest.Requests).Uri.PathAndQuery);
        Assert.Equal(1027024, snapshot.Sequence);
        Assert.Equal(4.00000000m, snapshot.BestBid!.Value.Price);
        Assert.Equal(12m, snapshot.BestAsk!.Value.Size);
        Assert.Equal(31, venue.Rest.Budget.Used);
    }

    [Fact]
    public async Task FetchBookSnapshot_InvalidSymbol_ThrowsTheVenuesError()
    {
        var rest = new ScriptedRest(_ => Json("""{"code":-1121,"msg":"Invalid symbol."}""", 400));
        var venue = new BinanceVenue(TestVenue.Context(rest));

        var error = await Assert.ThrowsAsync<VenueApiException>(() => venue.FetchBookSnapshotAsync(BtcUsdt, 20, CancellationToken.None).AsTask());

        Assert.Equal(VenueErrorKind.InvalidRequest, error.Kind);
        Assert.Equal(["-1121"], error.VenueErrors);
        Assert.Equal("bnc-test", error.Venue);
    }

    [Fact]
    public async Task Ledger_SignsWithServerTimeAndMapsBalancesAndTrades()
    {
        var clock = TestClock.Create();
        var credentials = new VenueCredentials("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A", "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j");
        var serverTime = clock.GetUtcNow().ToUnixTimeMilliseconds() + 1500;
        var rest = new ScriptedRest(r => r.Uri.AbsolutePath switch
        {
            "/api/v3/time" => Json($$"""{"serverTime":{{serverTime}}}"""),
            "/api/v3/account" => Json("""{"balances":[{"asset":"BTC","free":"1.5","locked":"0.25"},{"asset":"USDT","free":"100","locked":"0"}]}"""),
            "/api/v3/myTrades" when r.Uri.Query.Contains("symbol=BTCUSDT", StringComparison.Ordinal) => Json("""[{"symbol":"BTCUSDT","id":28457,"orderId":100234,"orderListId":-1,"price":"4.00000100","qty":"12.00000000","quoteQty":"48.000012","commission":"10.10000000","commissionAsset":"BNB","time":1499865549590,"isBuyer":true,"isMaker":false,"isBestMatch":true}]"""),
            _ => Json("[]"),
        });
        var ledger = new BinanceVenue(TestVenue.Context(rest, credentials, clock)).CreateLedgerClient();

        var balances = await ledger.BalancesAsync();
        var entries = await ledger.QueryAsync(new LedgerQuery());

        Assert.Equal(1.75m, balances["BTC"]);
        var account = rest.Requests.Single(r => r.Uri.AbsolutePath == "/api/v3/account");
        Assert.Equal(credentials.ApiKey, account.Headers["X-MBX-APIKEY"]);
        var query = account.Uri.Query.TrimStart('?');
        var signed = query[..query.IndexOf("&signature=", StringComparison.Ordinal)];
        Assert.Contains($"timestamp={serverTime}", signed, StringComparison.Ordinal);
        Assert.Contains("recvWindow=5000", signed, StringComparison.Ordinal);
        Assert.Equal(BinanceSigner.Sign(signed, credentials.ApiSecret), query[(signed.Length + "&signature=".Length)..]);
        Assert.Equal(3, entries.Count);
        Assert.Equal(12m, entries.Single(e => e.Asset == "BTC").Amount);
        Assert.Equal(-48.000012m, entries.Single(e => e.Asset == "USDT").Amount);
        var fee = entries.Single(e => e.Type.Kind == LedgerEntryKind.Fee);
        Assert.Equal(("BNB", -10.1m, 10.1m), (fee.Asset, fee.Amount, fee.Fee));
        Assert.All(entries, e => Assert.Equal("bnc-test", e.Venue));
    }

    [Fact]
    public async Task Ledger_WithoutCredentials_RefusesBeforeSending()
    {
        var rest = new ScriptedRest();
        var ledger = new BinanceVenue(TestVenue.Context(rest)).CreateLedgerClient();

        var error = await Assert.ThrowsAsync<VenueApiException>(() => ledger.BalancesAsync());

        Assert.Equal(VenueErrorKind.MissingCredentials, error.Kind);
        Assert.Empty(rest.Requests);
    }
}
