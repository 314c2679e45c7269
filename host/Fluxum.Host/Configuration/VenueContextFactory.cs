using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Configuration;

/// <summary>Turns a <see cref="VenueConfig"/> into the <see cref="VenueContext"/> a plugin receives.</summary>
internal static class VenueContextFactory
{
    /// <summary>
    /// The context for <paramref name="venue"/>. <paramref name="endpoints"/> (e.g. a simulator's loopback
    /// addresses) take precedence over the configured overrides. Credentials are read from the
    /// environment only when the venue configures them; a missing variable throws naming it.
    /// </summary>
    public static VenueContext Create(
        VenueConfig venue,
        IRestTransport rest,
        ILoggerFactory loggerFactory,
        TimeProvider? time = null,
        IReadOnlyDictionary<string, Uri>? endpoints = null,
        Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(venue);
        var merged = new Dictionary<string, Uri>(venue.Endpoints, StringComparer.Ordinal);
        foreach (var (name, uri) in endpoints ?? new Dictionary<string, Uri>())
        {
            merged[name] = uri;
        }

        return new VenueContext
        {
            Venue = venue.Name,
            Mode = venue.Mode,
            Endpoints = merged,
            Settings = venue.Settings,
            Credentials = venue.Credentials?.Resolve(environment),
            Rest = rest,
            Time = time ?? TimeProvider.System,
            LoggerFactory = loggerFactory,
        };
    }
}
