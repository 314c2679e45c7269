using System.Text;

namespace Fluxum.Sdk.Kit.Tests.Symbols;

public sealed class SymbolMapTests
{
    private static readonly Symbol BtcUsd = Symbol.Parse("BTC/USD");
    private static readonly Symbol EthUsd = Symbol.Parse("ETH/USD");

    [Fact]
    public void Find_HeldName_SlotAndBackToVenueName()
    {
        var map = new SymbolMap();
        var btc = map.Add("BTCUSD", BtcUsd);
        var eth = map.Add("ETHUSD", EthUsd);

        Assert.Equal(eth, map.Find("ETHUSD"u8));
        Assert.Equal(btc, map.Find("BTCUSD"u8));
        Assert.Equal(EthUsd, map[eth]);
        Assert.Equal("ETHUSD", map.VenueName(EthUsd));
        Assert.Equal("BTCUSD", map.VenueName(btc));
        Assert.Equal(btc, map.Find(BtcUsd));
    }

    [Fact]
    public void Find_UnknownName_MinusOneAndNothingAdded()
    {
        var map = new SymbolMap();
        map.Add("BTCUSD", BtcUsd);

        Assert.Equal(-1, map.Find("XRPUSD"u8));
        Assert.Equal(-1, map.Find(""u8));
        Assert.Equal(-1, map.Find(EthUsd));
        Assert.Null(map.VenueName(EthUsd));
        Assert.False(map.TryGetSymbol("XRPUSD"u8, out _));
        Assert.Equal(1, map.Unknown);
        Assert.Equal(1, map.Count);
    }

    [Fact]
    public void Find_OtherCase_ExactByDefault_MatchedWhenIgnoringCase()
    {
        var exact = new SymbolMap();
        exact.Add("BTCUSD", BtcUsd);
        var folding = new SymbolMap(new SymbolMapOptions { Case = SymbolCase.IgnoreAsciiCase });
        var slot = folding.Add("BTCUSD", BtcUsd);

        Assert.Equal(-1, exact.Find("btcusd"u8));
        Assert.Equal(slot, folding.Find("btcusd"u8));
        Assert.Equal(slot, folding.Find("BtcUsd"u8));
        Assert.Equal(-1, folding.Find("btcusdt"u8));
        Assert.Equal("BTCUSD", folding.VenueName(slot));
    }

    [Fact]
    public void Add_SameSymbolTwice_KeepsItsSlot()
    {
        var map = new SymbolMap();
        var first = map.Add("BTCUSD", BtcUsd);

        Assert.Equal(first, map.Add("btcusd", BtcUsd));
        Assert.Equal(1, map.Count);
    }

    [Fact]
    public void IgnoreAsciiCase_LowerCaseNameAdded_UpperAndMixedCaseFoundAndNameKeptAsAdded()
    {
        var map = new SymbolMap(new SymbolMapOptions { Case = SymbolCase.IgnoreAsciiCase });
        var slot = map.Add("btcusd", BtcUsd);
        map.Add("ethusd", EthUsd);

        Assert.True(map.TryGetSymbol("BTCUSD"u8, out var upper));
        Assert.True(map.TryGetSymbol("BtcUsd"u8, out var mixed));
        Assert.Equal(BtcUsd, upper);
        Assert.Equal(BtcUsd, mixed);
        Assert.Equal(slot, map.Find("BTCUSD"u8));
        Assert.Equal("btcusd", map.VenueName(slot));
        Assert.Equal("btcusd", map.VenueName(BtcUsd));
        Assert.False(map.TryGetSymbol("BTCUS"u8, out _));
        Assert.Equal(-1, map.Find("BTCUSDT"u8));
        Assert.Equal(1, map.Unknown);
    }

    [Fact]
    public void TryGetSymbol_ResolvableName_ResolvedOnceAndRemembered()
    {
        var calls = 0;
        var map = new SymbolMap(new SymbolMapOptions { Resolve = text => { calls++; return Symbol.TryParse(text, out var s) ? s : null; } });

        Assert.True(map.TryGetSymbol("BTC/USD"u8, out var first));
        Assert.True(map.TryGetSymbol("BTC/USD"u8, out var second));

        Assert.Equal(BtcUsd, first);
        Assert.Equal(first, second);
        Assert.Equal(1, calls);
        Assert.False(map.TryGetSymbol("not a symbol"u8, out _));
        Assert.Equal(1, map.Unknown);
    }

    [Fact]
    public void TryGetSymbol_ManyUnknownNames_MapStaysBounded()
    {
        var map = new SymbolMap(new SymbolMapOptions { MaxEntries = 4, Resolve = text => Symbol.TryParse(text, out var s) ? s : null });

        for (var i = 0; i < 20; i++)
        {
            Assert.True(map.TryGetSymbol(Encoding.UTF8.GetBytes($"A{i}/USD"), out var symbol));
            Assert.Equal($"A{i}/USD", symbol.ToString());
        }

        Assert.Equal(4, map.Count);
        Assert.Equal(16, map.NotRemembered);
        Assert.Throws<InvalidOperationException>(() => map.Add("EXTRA", EthUsd));
    }

    [Fact]
    public void Find_HeldName_AllocatesNothing()
    {
        var map = new SymbolMap(new SymbolMapOptions { Case = SymbolCase.IgnoreAsciiCase });
        map.Add("BTCUSD", BtcUsd);
        map.Add("ETHUSD", EthUsd);
        var bytes = Encoding.UTF8.GetBytes("ethusd");
        map.Find(bytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var slot = 0;
        for (var i = 0; i < 100; i++)
        {
            slot += map.Find(bytes) + map.Find("BTCUSD"u8);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(100, slot);
    }
}
