using Fluxum.Host.Tests.Support;

namespace Fluxum.Host.Tests.Relay;

/// <summary>One real <c>nats-server -js</c> per test class, started on first use (a skipped class starts none), stopped after.</summary>
public sealed class NatsServerFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NatsServer? _server;

    internal async Task<NatsServer> GetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _server ??= await NatsServer.StartAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is { } server)
        {
            await server.DisposeAsync();
        }

        _gate.Dispose();
    }
}
