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

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Loggers.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
