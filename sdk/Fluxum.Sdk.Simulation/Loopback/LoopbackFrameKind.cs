namespace Fluxum.Sdk.Simulation;

/// <summary>What a frame a client sent on a WebSocket is (its opcode), as <see cref="ILoopbackHandler.AdmitIncomingFrame"/> sees it.</summary>
public enum LoopbackFrameKind
{
    /// <summary>A later frame of a fragmented message (opcode 0).</summary>
    Continuation,

    /// <summary>The first frame of a text message (opcode 1).</summary>
    Text,

    /// <summary>The first frame of a binary message (opcode 2).</summary>
    Binary,

    /// <summary>A close frame (opcode 8).</summary>
    Close,

    /// <summary>A ping frame (opcode 9), which the WebSocket answers itself.</summary>
    Ping,

    /// <summary>A pong frame (opcode 10), which the WebSocket takes itself.</summary>
    Pong,

    /// <summary>A reserved opcode.</summary>
    Reserved,
}
