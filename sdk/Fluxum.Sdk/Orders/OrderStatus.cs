namespace Fluxum.Sdk.Orders;

/// <summary>Where an order is in its life.</summary>
public enum OrderStatus
{
    /// <summary>Accepted by the venue.</summary>
    New,

    /// <summary>Resting on the book.</summary>
    Open,

    /// <summary>Some of it executed.</summary>
    PartiallyFilled,

    /// <summary>All of it executed.</summary>
    Filled,

    /// <summary>Cancelled (by the account or the venue; see the reason).</summary>
    Canceled,

    /// <summary>Refused by the venue.</summary>
    Rejected,

    /// <summary>Changed in place.</summary>
    Modified,

    /// <summary>A status this SDK does not know; the venue's word is in <see cref="OrderUpdate.VenueStatus"/>.</summary>
    Other,
}
