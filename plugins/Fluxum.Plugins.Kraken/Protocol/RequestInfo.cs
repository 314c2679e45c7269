using Fluxum.Sdk.MarketData;

namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>
/// What a request was for, so its ack (which may not name the channel) maps back to it. Kept per connection in
/// the kit's <see cref="Fluxum.Sdk.Kit.RequestTracker{TRequest}"/>: error acks carry only the <c>req_id</c> and symbol.
/// </summary>
internal sealed record RequestInfo(string Channel, MarketChannel? MarketChannel);
