namespace Fluxum.Sdk.Simulation;

/// <summary>A trade produced by a <see cref="SimulatedMarket"/>.</summary>
/// <param name="Id">Increasing trade id.</param>
/// <param name="Price">Execution price (a level of the book it crossed).</param>
/// <param name="Size">Executed size.</param>
/// <param name="TakerSide">The aggressor's side.</param>
/// <param name="Time">When it happened.</param>
public readonly record struct SimulatedTrade(long Id, decimal Price, decimal Size, Side TakerSide, DateTimeOffset Time);
