namespace Fluxum.Host.Transport;

/// <summary>Why a connection ended, for connections that know (the session reports it in its states).</summary>
internal interface IConnectionDiagnostics
{
    /// <summary>The reason the connection closed, or null while it is open.</summary>
    string? CloseReason { get; }

    /// <summary>Times the receive loop found the buffer full and waited for the session (flow control instead of a close).</summary>
    long ReceiveWaits { get; }
}
