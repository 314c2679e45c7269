using System.Net.WebSockets;
using Fluxum.Sdk.Plugins;
using Microsoft.AspNetCore.Http;

namespace Fluxum.Sdk.Simulation;

/// <summary>
/// The part every venue simulator shares, so a venue's simulator keeps only its wire format: the
/// <see cref="LoopbackServer"/> (started on <see cref="SimulatorOptions.Port"/> with the options' loggers), the
/// endpoints named after its port, the market loop calling <see cref="TickAsync"/> every
/// <see cref="SimulatorOptions.TickInterval"/> on <see cref="SimulatorOptions.Time"/>, the dispatch of each
/// <see cref="SimulatorFault"/> to one handler method (a venue overrides those it can produce; the others
/// answer false), and an orderly dispose (loop first, then the server and its connections).
/// </summary>
public abstract class VenueSimulatorBase : IVenueSimulator, ILoopbackHandler
{
    private static readonly IReadOnlyDictionary<string, Uri> NoEndpoints = new Dictionary<string, Uri>();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>Creates a simulator run with <paramref name="options"/> (nothing is bound until <see cref="StartAsync"/>).</summary>
    protected VenueSimulatorBase(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Uri> Endpoints { get; private set; } = NoEndpoints;

    /// <summary>How the simulator runs.</summary>
    protected SimulatorOptions Options { get; }

    /// <summary>The loopback server, once started.</summary>
    protected LoopbackServer? Server { get; private set; }

    /// <summary>How many WebSockets the server has open (0 before start).</summary>
    protected int OpenWebSockets => Server?.OpenWebSockets ?? 0;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The simulator is already started.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Server is not null)
        {
            throw new InvalidOperationException($"{GetType().Name} is already started.");
        }

        Server = await LoopbackServer.StartAsync(this, Options.Port, Options.LoggerFactory, cancellationToken).ConfigureAwait(false);
        Endpoints = CreateEndpoints(Server.Port);
        _loop = Task.Run(() => RunLoopAsync(_stop.Token), CancellationToken.None);
    }

    /// <inheritdoc />
    public bool Inject(SimulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return fault.Kind switch
        {
            SimulatorFaultKind.DropConnections => OnDropConnections(),
            SimulatorFaultKind.Stall => OnStall(fault.Duration),
            SimulatorFaultKind.CorruptChecksum => OnCorruptChecksum(fault.Symbol),
            SimulatorFaultKind.SkipSequence => OnSkipSequence(fault.Symbol),
            SimulatorFaultKind.JumpSequence => fault.By > 0 && OnJumpSequence(fault.Symbol, fault.By),
            SimulatorFaultKind.CutFrame => OnCutFrame(fault.Symbol),
            SimulatorFaultKind.MalformedFrame => OnMalformedFrame(),
            SimulatorFaultKind.RestError => OnRestError(fault),
            _ => false,
        };
    }

    /// <inheritdoc />
    public abstract Task HandleHttpAsync(HttpContext context, CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract Task HandleWebSocketAsync(WebSocket socket, HttpRequest request, CancellationToken cancellationToken);

    /// <inheritdoc />
    public virtual ValueTask<LoopbackRefusal?> InspectUpgradeAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<LoopbackRefusal?>(null);

    /// <inheritdoc />
    public virtual LoopbackKeepAlive? WebSocketKeepAlive => null;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (Server is not null)
        {
            await Server.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The venue's endpoints by the names its plugin reads, on the bound <paramref name="port"/>.</summary>
    protected abstract IReadOnlyDictionary<string, Uri> CreateEndpoints(int port);

    /// <summary>One market step at <paramref name="now"/> and what it sends; called from the market loop only.</summary>
    protected abstract ValueTask TickAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Drops every WebSocket connection; the default aborts them all at the server.</summary>
    protected virtual bool OnDropConnections()
    {
        Server?.AbortWebSockets();
        return true;
    }

    /// <summary>Sends nothing for <paramref name="duration"/>; false (the default) when the venue cannot.</summary>
    protected virtual bool OnStall(TimeSpan duration) => false;

    /// <summary>Corrupts the next book checksum of <paramref name="symbol"/>; false (the default) when the venue has none.</summary>
    protected virtual bool OnCorruptChecksum(Symbol symbol) => false;

    /// <summary>Skips an update id in the next book message of <paramref name="symbol"/>; false (the default) when the venue cannot.</summary>
    protected virtual bool OnSkipSequence(Symbol symbol) => false;

    /// <summary>Makes the next update id of <paramref name="symbol"/> jump by <paramref name="by"/> (positive); false (the default) when the venue has no update ids.</summary>
    protected virtual bool OnJumpSequence(Symbol symbol, long by) => false;

    /// <summary>Cuts the next book message of <paramref name="symbol"/> in half; false (the default) when the venue cannot.</summary>
    protected virtual bool OnCutFrame(Symbol symbol) => false;

    /// <summary>Sends one frame that is not valid JSON; false (the default) when the venue cannot.</summary>
    protected virtual bool OnMalformedFrame() => false;

    /// <summary>Fails the next REST calls as <paramref name="error"/> says; false (the default) when the venue has no REST.</summary>
    protected virtual bool OnRestError(SimulatorFault error) => false;

    private async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.TickInterval, Options.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await TickAsync(Options.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed: the market stops.
        }
    }
}
