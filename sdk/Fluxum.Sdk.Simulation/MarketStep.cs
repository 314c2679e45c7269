using Fluxum.Sdk.Books;

namespace Fluxum.Sdk.Simulation;

/// <summary>What one step of a <see cref="SimulatedMarket"/> did: level changes (in order) and trades.</summary>
/// <param name="Changes">Book changes; a size of 0 removes the level.</param>
/// <param name="Trades">Trades that executed (their fills are part of <paramref name="Changes"/>).</param>
public sealed record MarketStep(IReadOnlyList<LevelChange> Changes, IReadOnlyList<SimulatedTrade> Trades);
