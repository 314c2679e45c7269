using Fluxum.Sdk;

namespace Fluxum.Host.Configuration;

/// <summary>A book manager to keep for one venue and symbol.</summary>
/// <param name="Venue">The venue name.</param>
/// <param name="Symbol">The symbol.</param>
/// <param name="Depth">Levels per side; null: the depth of the venue's book subscription.</param>
internal sealed record BookConfig(string Venue, Symbol Symbol, int? Depth);
