using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Fluxum.Host.Scripting;

/// <summary>Stream helpers for scripts (the async LINQ in the box has no merge and no quiet stop).</summary>
public sealed partial class ScriptGlobals
{
    /// <summary>
    /// Enumerates <paramref name="source"/> until <paramref name="stop"/> fires, then ends quietly (no exception),
    /// so the code after the loop (a summary) still runs.
    /// </summary>
    public async IAsyncEnumerable<T> Until<T>(IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(source);
        var enumerator = source.GetAsyncEnumerator(stop);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    more = false;
                }

                if (!more)
                {
                    yield break;
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Merges several streams into one, in arrival order (for example the tickers of two venues:
    /// <c>Merge(Market.Venue("kraken").Tickers(s), Market.Venue("gemini").Tickers(s))</c>). Ends when every
    /// source has ended; a source that throws ends the merge with its exception.
    /// </summary>
    /// <remarks>
    /// Each source keeps its own bounded subscription; the merge waits on them and never on the hub. The merge
    /// itself holds one item: a backlog waits in the sources' subscriptions, where a consumer that falls a whole
    /// buffer behind skips it (a counted gap) and continues with current data, not behind a second queue.
    /// </remarks>
    public async IAsyncEnumerable<T> Merge<T>(IEnumerable<IAsyncEnumerable<T>> sources, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var merged = Channel.CreateBounded<T>(new BoundedChannelOptions(1) { SingleReader = true });
        var pumps = sources.Select(s => PumpAsync(s, merged.Writer, stop.Token)).ToArray();
        var completion = CompleteWhenAllAsync(pumps, merged.Writer);
        try
        {
            await foreach (var item in merged.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await completion.ConfigureAwait(false);
        }
    }

    /// <summary>Merges streams; see <see cref="Merge{T}(IEnumerable{IAsyncEnumerable{T}}, CancellationToken)"/>.</summary>
    public IAsyncEnumerable<T> Merge<T>(params IAsyncEnumerable<T>[] sources) => Merge((IEnumerable<IAsyncEnumerable<T>>)sources);

    /// <summary>Copies one source into the merge; its failure (not a requested stop) fails the merge.</summary>
    private static async Task PumpAsync<T>(IAsyncEnumerable<T> source, ChannelWriter<T> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The consumer stopped the merge: the normal end of this pump, nothing is lost.
            return;
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }

    private static async Task CompleteWhenAllAsync<T>(Task[] pumps, ChannelWriter<T> writer)
    {
        await Task.WhenAll(pumps).ConfigureAwait(false);
        writer.TryComplete();
    }
}
