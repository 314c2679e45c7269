namespace Fluxum.Sdk.Plugins;

/// <summary>
/// One instrument a venue simulator trades, with the venue's real precisions. A simulator serves a fixed list
/// of these (like the venue's own instrument list, and through its REST instrument endpoints); any other
/// symbol gets the venue's own error.
/// </summary>
/// <param name="Symbol">The instrument.</param>
/// <param name="PricePrecision">Decimals of prices (the venue's price increment as a count of decimals).</param>
/// <param name="SizePrecision">Decimals of sizes (the venue's lot increment as a count of decimals).</param>
public sealed record SimulatedInstrument(Symbol Symbol, int PricePrecision, int SizePrecision);
