namespace Fluxum.Sdk.Kit;

/// <summary>How a <see cref="SymbolMap"/> compares a frame's symbol bytes with the venue names it holds.</summary>
public enum SymbolCase
{
    /// <summary>Byte for byte: <c>btcusd</c> and <c>BTCUSD</c> are different names.</summary>
    Exact = 0,

    /// <summary>ASCII letters match in either case: <c>btcusd</c>, <c>BtcUsd</c> and <c>BTCUSD</c> are one name.</summary>
    IgnoreAsciiCase,
}
