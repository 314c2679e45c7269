using System.Text.Json;
using Fluxum.Plugins.Kraken.Books;
using Fluxum.Plugins.Kraken.Rest;
using Fluxum.Sdk;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Kraken.Symbols;

/// <summary>
/// Fills a venue's <see cref="InstrumentTable"/> from REST Assets + AssetPairs (<c>pair_decimals</c>,
/// <c>lot_decimals</c>) before its first public connection, in live and simulated mode: the book checksum then
/// has every pair's precision even before (or without) the <c>instrument</c> channel, which overrides it when
/// it arrives. Once per venue; a failure is logged and retried at the next connect, and never stops the
/// connection (the instrument channel still brings the precisions).
/// </summary>
internal sealed partial class AssetPairsLoader
{
    private readonly KrakenRestClient _rest;
    private readonly InstrumentTable _instruments;
    private readonly ILogger _logger;
    private readonly string _venue;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _loaded;

    public AssetPairsLoader(string venue, KrakenRestClient rest, InstrumentTable instruments, ILogger logger)
    {
        _venue = venue;
        _rest = rest;
        _instruments = instruments;
        _logger = logger;
    }

    /// <summary>Whether the precisions were loaded.</summary>
    public bool IsLoaded => Volatile.Read(ref _loaded);

    /// <summary>Loads the pairs' precisions unless already done; returns how many were set (0 when already loaded or on failure).</summary>
    public async ValueTask<int> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (IsLoaded)
        {
            return 0;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_loaded)
            {
                return 0;
            }

            var assets = KrakenAssets.FromResult(await _rest.PublicAsync("Assets", cancellationToken: cancellationToken).ConfigureAwait(false));
            var pairs = KrakenPairs.FromResult(await _rest.PublicAsync("AssetPairs", cancellationToken: cancellationToken).ConfigureAwait(false), assets);
            var set = 0;
            foreach (var pair in pairs.All)
            {
                if (Precision.IsValid(pair.Precision.Price, pair.Precision.Quantity))
                {
                    _instruments.Set(pair.Symbol, pair.Precision);
                    set++;
                }
            }

            Volatile.Write(ref _loaded, true);
            LogLoaded(_logger, _venue, set);
            return set;
        }
        catch (Exception e) when (e is VenueApiException or HttpRequestException or IOException or TimeoutException or JsonException or InvalidOperationException or FormatException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogFailed(_logger, _venue, e.GetType().Name, e.Message);
            return 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "{Venue}: pair precisions of {Count} pairs from REST AssetPairs")]
    private static partial void LogLoaded(ILogger logger, string venue, int count);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "{Venue}: REST AssetPairs failed ({Error}: {Message}); book checksums wait for the instrument channel's precisions")]
    private static partial void LogFailed(ILogger logger, string venue, string error, string message);
}
