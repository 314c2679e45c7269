namespace Fluxum.Host.Tests.Sessions.Support;

/// <summary>Awaits a condition on real sockets with a generous timeout (never a fixed sleep).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutMs = 10_000, Func<string>? diagnose = null)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"timed out after {timeoutMs} ms waiting for: {what}{(diagnose is null ? string.Empty : $" ({diagnose()})")}");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Awaits an asynchronous condition (an HTTP probe), every 50 ms, until it holds or the time is up.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!await condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"timed out after {timeoutMs} ms waiting for: {what}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Reads <paramref name="count"/> items from a stream, or throws on timeout.</summary>
    public static async Task<List<T>> TakeAsync<T>(IAsyncEnumerable<T> stream, int count, int timeoutMs = 10_000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        var items = new List<T>();
        try
        {
            await foreach (var item in stream.WithCancellation(timeout.Token))
            {
                items.Add(item);
                if (items.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"received {items.Count} of {count} items within {timeoutMs} ms");
        }

        return items;
    }
}
