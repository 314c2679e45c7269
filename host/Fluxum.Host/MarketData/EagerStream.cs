using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Fluxum.Host.MarketData;

/// <summary>
/// A stream whose first consumer is registered when the stream is created (so nothing published after the
/// call is missed, even before the first <c>MoveNextAsync</c>); every further enumeration registers its own
/// consumer. Leaving an enumeration unregisters its consumer. A stream never enumerated keeps its first
/// consumer until the source completes, so call a stream method only when you will read it.
/// </summary>
internal sealed class EagerStream<T> : IAsyncEnumerable<T>
{
    private readonly Func<StreamRegistration<T>> _register;
    private readonly CancellationToken _callToken;
    private StreamRegistration<T>? _first;

    public EagerStream(Func<StreamRegistration<T>> register, CancellationToken callToken)
    {
        _register = register;
        _callToken = callToken;
        _first = register();
    }

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAsync(Interlocked.Exchange(ref _first, null) ?? _register(), cancellationToken).GetAsyncEnumerator(cancellationToken);

    private async IAsyncEnumerable<T> ReadAsync(StreamRegistration<T> registration, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_callToken, cancellationToken);
        try
        {
            while (await registration.Reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
            {
                while (registration.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            registration.Unregister();
        }
    }
}

/// <summary>One registered consumer: what it reads, and how to unregister it.</summary>
/// <param name="Reader">The consumer's buffer.</param>
/// <param name="Unregister">Removes the consumer from its source.</param>
internal sealed record StreamRegistration<T>(ChannelReader<T> Reader, Action Unregister);
