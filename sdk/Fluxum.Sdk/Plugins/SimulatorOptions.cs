using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Sdk.Plugins;

/// <summary>How to run a venue simulator.</summary>
public sealed record SimulatorOptions
{
    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>A seed for a deterministic market; null for a random one.</summary>
    public int? Seed { get; init; }

    /// <summary>Time between market events.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The API key and secret private endpoints accept; null accepts none.</summary>
    public VenueCredentials? Credentials { get; init; }

    /// <summary>
    /// The venue's plugin settings (<see cref="VenueContext.Settings"/>) when the simulator stands in for a configured
    /// venue, so that it enforces what that venue's settings declare (Kraken: the <c>tier</c>'s limits); empty for a
    /// simulator run on its own (<c>fluxum simulate</c>), which keeps the venue's defaults.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The load mode (fixed-rate, protocol-exact frames, each stamped with its send time); null for the evolving market.</summary>
    public SimulatorLoad? Load { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Loggers.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
