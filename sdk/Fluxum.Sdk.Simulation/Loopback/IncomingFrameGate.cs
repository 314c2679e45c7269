namespace Fluxum.Sdk.Simulation;

/// <summary>
/// The read side of an accepted WebSocket's connection, passed through unchanged while each frame the client sends is
/// shown to an admission check at its first byte (control frames included, which the WebSocket would otherwise take
/// unseen). A frame refused ends the stream right before it: that read returns only the bytes ahead of it, and every
/// later read returns 0, so the WebSocket sees the client go away. Client frames are masked (RFC 6455 5.3).
/// </summary>
internal sealed class IncomingFrameGate(Stream inner, Func<LoopbackFrameKind, bool> admit) : Stream
{
    private State _state = State.Start;
    private int _extension;
    private int _mask;
    private long _payload;
    private bool _ended;

    private enum State
    {
        Start,
        Length,
        Extension,
        Mask,
        Payload,
    }

    /// <summary>A frame was refused: the stream ended there (a disconnect the server means, not a client gone away).</summary>
    public bool Refused => _ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_ended)
        {
            return 0;
        }

        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Admit(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("the WebSocket reads asynchronously");

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    /// <summary>Walks the frame headers in <paramref name="bytes"/>; returns how many of them the WebSocket may read.</summary>
    private int Admit(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            switch (_state)
            {
                case State.Start:
                    if (!admit(Kind(bytes[i] & 0x0F)))
                    {
                        _ended = true;
                        return i;
                    }

                    _state = State.Length;
                    i++;
                    break;
                case State.Length:
                    var length = bytes[i] & 0x7F;
                    _mask = (bytes[i] & 0x80) != 0 ? 4 : 0;
                    (_payload, _extension) = length switch { 126 => (0L, 2), 127 => (0L, 8), _ => (length, 0) };
                    _state = _extension > 0 ? State.Extension : State.Mask;
                    i++;
                    break;
                case State.Extension:
                    _payload = (_payload << 8) | bytes[i];
                    _state = --_extension > 0 ? State.Extension : State.Mask;
                    i++;
                    break;
                case State.Mask:
                    var mask = Math.Min(_mask, bytes.Length - i);
                    _mask -= mask;
                    i += mask;
                    if (_mask == 0)
                    {
                        _state = _payload > 0 ? State.Payload : State.Start;
                    }

                    break;
                default:
                    var payload = (int)Math.Min(_payload, bytes.Length - i);
                    _payload -= payload;
                    i += payload;
                    if (_payload == 0)
                    {
                        _state = State.Start;
                    }

                    break;
            }
        }

        return bytes.Length;
    }

    private static LoopbackFrameKind Kind(int opcode) => opcode switch
    {
        0x0 => LoopbackFrameKind.Continuation,
        0x1 => LoopbackFrameKind.Text,
        0x2 => LoopbackFrameKind.Binary,
        0x8 => LoopbackFrameKind.Close,
        0x9 => LoopbackFrameKind.Ping,
        0xA => LoopbackFrameKind.Pong,
        _ => LoopbackFrameKind.Reserved,
    };
}
