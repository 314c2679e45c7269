namespace Fluxum.Sdk.Simulation;

/// <summary>
/// How a <see cref="LoopbackServer"/> refuses a WebSocket upgrade request: a plain HTTP response with this
/// status and body, and no WebSocket (as a real venue answers a bad authenticated handshake).
/// </summary>
/// <param name="StatusCode">The HTTP status, e.g. 401.</param>
/// <param name="Body">The response body (short; the venue's own error shape).</param>
/// <param name="ContentType">The body's media type.</param>
public sealed record LoopbackRefusal(int StatusCode, string Body, string ContentType = "application/json");
