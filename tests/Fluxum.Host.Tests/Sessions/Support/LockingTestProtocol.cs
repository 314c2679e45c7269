using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;

namespace Fluxum.Host.Tests.Sessions.Support;

/// <summary>
/// The JSON test protocol behind one lock held while decoding into the sink and while encoding, as Gemini's
/// protocols do. <see cref="HoldNextDecode"/> makes the next decode wait, holding the lock, until another
/// thread is inside an encode call: the interleaving in which a session that calls the protocol under its
/// own lock, and takes that lock again from the sink, deadlocks. An encode gives up waiting for the lock after
/// 10 s, so such a deadlock ends as a counted <see cref="LockTimeouts"/> instead of a hung test.
/// </summary>
internal sealed class LockingTestProtocol(JsonTestProtocol inner) : DelegatingTestProtocol(inner)
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(10);
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _encodeWhileHolding = new();
    private int _holdNext;
    private int _lockTimeouts;

    /// <summary>Set when a held decode is waiting, lock taken, for an encode on another thread.</summary>
    public ManualResetEventSlim DecodeHolding { get; } = new();

    /// <summary>Encode calls that could not get the lock in time (a deadlock, broken).</summary>
    public int LockTimeouts => Volatile.Read(ref _lockTimeouts);

    /// <summary>Makes the next decode hold the lock until another thread enters an encode call.</summary>
    public void HoldNextDecode() => Volatile.Write(ref _holdNext, 1);

    public override IReadOnlyList<ReadOnlyMemory<byte>> OnConnected() => Locked(inner.OnConnected);

    public override IReadOnlyList<ReadOnlyMemory<byte>> EncodeSubscribe(Subscription subscription) => Locked(() => inner.EncodeSubscribe(subscription));

    public override IReadOnlyList<ReadOnlyMemory<byte>> EncodeUnsubscribe(Subscription subscription) => Locked(() => inner.EncodeUnsubscribe(subscription));

    public override void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink)
    {
        lock (_gate)
        {
            if (Interlocked.Exchange(ref _holdNext, 0) == 1)
            {
                DecodeHolding.Set();
                Assert.True(_encodeWhileHolding.Wait(TimeSpan.FromSeconds(10)), "no encode call while the decode held the lock");
            }

            inner.Decode(frame, receivedAt, sink);
        }
    }

    private IReadOnlyList<ReadOnlyMemory<byte>> Locked(Func<IReadOnlyList<ReadOnlyMemory<byte>>> encode)
    {
        if (DecodeHolding.IsSet)
        {
            _encodeWhileHolding.Set();
        }

        if (!_gate.TryEnter(GiveUp))
        {
            Interlocked.Increment(ref _lockTimeouts);
            return [];
        }

        try
        {
            return encode();
        }
        finally
        {
            _gate.Exit();
        }
    }
}
