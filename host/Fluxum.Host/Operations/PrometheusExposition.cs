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

    private readonly Func<IEnumerable<(string Name, string Help, KeyValuePair<string, string>[] Tags, LatencyHistogram Histogram)>> _histograms;

    public PrometheusExposition(Meter meter, Func<IEnumerable<(string Name, string Help, KeyValuePair<string, string>[] Tags, LatencyHistogram Histogram)>>? histograms = null)
    {
        _meter = meter;
        _histograms = histograms ?? (() => []);
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
                    var counter = instrument is ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double>;
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

                WriteHistograms(text);
                return text.ToString();
            }
            finally
            {
                _collecting = null;
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>Each histogram as cumulative <c>_bucket</c> series with <c>le</c>, then <c>_sum</c> and <c>_count</c> (seconds).</summary>
    private void WriteHistograms(StringBuilder text)
    {
        foreach (var group in _histograms().GroupBy(h => h.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = Name(group.Key) + "_seconds";
            text.Append("# HELP ").Append(name).Append(' ').Append(Escape(group.First().Help, label: false)).Append('\n');
            text.Append("# TYPE ").Append(name).Append(" histogram\n");
            foreach (var (_, _, tags, histogram) in group)
            {
                var labels = string.Concat(tags.Select(t => $"{Name(t.Key)}=\"{Escape(t.Value, label: true)}\","));
                var cumulative = histogram.Cumulative();
                for (var i = 0; i < cumulative.Length; i++)
                {
                    var bound = i < LatencyHistogram.Bounds.Length ? LatencyHistogram.Bounds[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
                    text.Append(name).Append("_bucket{").Append(labels).Append("le=\"").Append(bound).Append("\"} ").Append(cumulative[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
                }

                var plain = labels.Length == 0 ? string.Empty : "{" + labels.TrimEnd(',') + "}";
                text.Append(name).Append("_sum").Append(plain).Append(' ').Append(histogram.SumSeconds.ToString(CultureInfo.InvariantCulture)).Append('\n');
                text.Append(name).Append("_count").Append(plain).Append(' ').Append(cumulative[^1].ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }
    }

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
