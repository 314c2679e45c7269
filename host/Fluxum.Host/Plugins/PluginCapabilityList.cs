using Fluxum.Host.Configuration;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Plugins;

/// <summary>
/// What a plugin offers, for listings, derived from the one declaration there is: the capabilities of a venue
/// adapter it creates with default settings (offline: no credentials, a REST transport that refuses every call).
/// </summary>
internal static class PluginCapabilityList
{
    /// <summary>The plugin's offer with default settings, as lower-case names; empty for a plugin that did not load.</summary>
    public static IReadOnlyList<string> Of(PluginEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!entry.IsLoaded)
        {
            return [];
        }

        VenueCapabilities capabilities;
        try
        {
            var context = new VenueContext { Venue = entry.Name, Rest = new OfflineRestTransport(), LoggerFactory = NullLoggerFactory.Instance };
            capabilities = entry.Plugin!.CreateVenue(context).Capabilities;
        }
#pragma warning disable CA1031 // Plugin code is foreign: whatever it throws is shown, not raised.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return [$"unknown: creating a venue threw {e.GetType().Name}: {e.Message}"];
        }

        var names = capabilities.Public.Select(o => Name(o.Kind)).ToList();
        if (capabilities.Ledger)
        {
            names.Add("ledger");
        }

        if (capabilities.Private.Any(o => o.Kind == ChannelKind.Ledger))
        {
            names.Add("ledger-stream");
        }

        if (capabilities.BookRules.Checksum is not null)
        {
            names.Add("book-checksum");
        }

        if (capabilities.BookRules.Sequence != SequenceRule.None)
        {
            names.Add("book-sequence");
        }

        names.Add(capabilities.BookSync switch
        {
            BookSync.RestSnapshot => "book-sync: rest-snapshot",
            BookSync.SocketWithConnectionSequence => "book-sync: connection-sequence",
            _ => "book-sync: socket",
        });
        if (entry.Plugin is ISimulatorProvider)
        {
            names.Add("simulator");
        }

        return names;
    }

    private static string Name(ChannelKind kind) => kind.ToString().ToLowerInvariant();
}
