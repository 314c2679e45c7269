using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Fluxum.Host.Operations;

/// <summary>
/// The Prometheus text exposition (format 0.0.4) of one <see cref="Meter"/> instance: a <see cref="MeterListener"/>
/// enabled for that instance's instruments alone (so two deployments in one process never mix), read on each
/// scrape. Names follow OpenTelemetry's Prometheus mapping: dots become underscores, counters end in <c>_total</c>.
/// </summary>
/// <remarks>
/// Written here rather than taken from OpenTelemetry's Prometheus exporter: that exporter is a pre-release package
/// and serves every meter of a name in the process; this serves exactly the deployment it belongs to.
/// </remarks>
internal sealed class PrometheusExposition : IDisposable
{
    private readonly Meter _meter;
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly List<Instrument> _instruments = [];
    private Dictionary<Instrument, List<(KeyValuePair<string, object?>[] Tags, double Value)>>? _collecting;

    public PrometheusExposition(Meter meter)
    {
        _meter = meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _meter))
            {
                lock (_gate)
                {
                    _instruments.Add(instrument);
                }

                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Collect(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Collect(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Collect(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The content type of <see cref="Scrape"/>'s text.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Reads every instrument now and writes the exposition.</summary>
    public string Scrape()
    {
        lock (_gate)
        {
            _collecting = [];
            try
            {
                _listener.RecordObservableInstruments();
                var text = new StringBuilder();
                foreach (var instrument in _instruments.OrderBy(i => i.Name, StringComparer.Ordinal))
                {
                    var counter = instrument.GetType().Name.StartsWith("ObservableCounter", StringComparison.Ordinal);
                    var name = Name(instrument.Name) + (counter ? "_total" : string.Empty);
                    text.Append("# HELP ").Append(name).Append(' ').Append(Escape(instrument.Description ?? instrument.Name, label: false)).Append('\n');
                    text.Append("# TYPE ").Append(name).Append(counter ? " counter" : " gauge").Append('\n');
                    if (!_collecting.TryGetValue(instrument, out var points))
                    {
                        continue;
                    }

                    foreach (var (tags, value) in points)
                    {
                        text.Append(name);
                        if (tags.Length > 0)
                        {
                            text.Append('{');
                            for (var i = 0; i < tags.Length; i++)
                            {
                                text.Append(i == 0 ? string.Empty : ",").Append(Name(tags[i].Key)).Append("=\"")
                                    .Append(Escape(Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? string.Empty, label: true)).Append('"');
                            }

                            text.Append('}');
                        }

                        text.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
                    }
                }

                return text.ToString();
            }
            finally
            {
                _collecting = null;
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Collect(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // Called on the scraping thread, inside RecordObservableInstruments (under the gate).
        if (_collecting is not { } collecting)
        {
            return;
        }

        if (!collecting.TryGetValue(instrument, out var points))
        {
            points = [];
            collecting[instrument] = points;
        }

        points.Add((tags.ToArray(), value));
    }

    /// <summary>A metric or label name: every character outside [a-zA-Z0-9_] becomes an underscore.</summary>
    private static string Name(string name) =>
        string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_';
            }
        });

    private static string Escape(string text, bool label) =>
        label
            ? text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            : text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
