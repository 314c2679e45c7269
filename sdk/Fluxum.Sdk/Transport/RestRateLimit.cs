namespace Fluxum.Sdk.Transport;

/// <summary>
/// A client limit a venue documents, declared by its plugin on each <see cref="RestRequest"/> it governs: a
/// counter that every request raises by its <see cref="RestRequest.Cost"/> and that decays steadily at
/// <paramref name="DecayPerSecond"/>. A request that would lift the counter past <paramref name="Capacity"/> is
/// held by the host until enough has decayed, then sent: it waits, it is never refused for the limit. Requests
/// carrying equal limits (same venue, key, capacity and decay) draw from one counter. Kraken's REST call counter
/// is this shape as documented; a rate of N requests per minute is <c>DecayPerSecond = N / 60</c>.
/// </summary>
/// <param name="Venue">The venue name (<see cref="Plugins.VenueContext.Venue"/>): limits are per configured venue.</param>
/// <param name="Key">Which of the venue's limits (e.g. <c>private</c>, <c>public</c>); named in the host's log and counters.</param>
/// <param name="Capacity">The most the counter may hold (Kraken Starter: 15). Positive, and no smaller than any request's cost.</param>
/// <param name="DecayPerSecond">How fast the counter falls (Kraken Starter: 0.33 per second). Positive.</param>
public sealed record RestRateLimit(string Venue, string Key, double Capacity, double DecayPerSecond);
