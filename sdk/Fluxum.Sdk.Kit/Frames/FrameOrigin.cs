namespace Fluxum.Sdk.Kit;

/// <summary>What a frame was seen to be before it broke, which decides how a <see cref="FrameGuard"/> reports it.</summary>
public enum FrameOrigin
{
    /// <summary>
    /// Not known yet (nothing read, or an unknown message type): it may have been any book's, so it is reported
    /// through <see cref="Plugins.IFrameSink.UnattributedBookMalformed"/>.
    /// </summary>
    Unattributed = 0,

    /// <summary>Recognisably not book data (a trade, a ticker, an ack): a plain <see cref="Plugins.IFrameSink.Malformed"/>.</summary>
    Other,

    /// <summary>A book frame whose symbol was read: <see cref="Plugins.IFrameSink.BookMalformed"/> for that symbol.</summary>
    Book,
}
