using Fluxum.Sdk;

namespace Fluxum.Host.Sessions;

/// <summary>A book resync the manager asked for, queued until the session's resync loop sends it.</summary>
/// <param name="Symbol">The book's symbol.</param>
/// <param name="Reason">Why (for the log).</param>
/// <param name="Connection">The connection it was asked on; another connection resubscribes anyway.</param>
internal sealed record ResyncRequest(Symbol Symbol, string Reason, int Connection);
