using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fluxum.Host.Configuration;

namespace Fluxum.Host.Cli.Output;

/// <summary>
/// The one way the commands write a <c>--format json</c> document: indented UTF-8 JSON, camelCase names,
/// text not escaped beyond what JSON needs (symbols keep their <c>/</c>, messages their quotes as <c>\"</c>).
/// </summary>
internal static class CliJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document <paramref name="write"/> writes, as text.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>An array of strings named <paramref name="name"/>.</summary>
    public static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(values);
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>A config problem: <c>{ file, line, column, path, message }</c> (line and column 0 when it is about the whole file).</summary>
    public static void WriteConfigError(Utf8JsonWriter json, ConfigError error)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(error);
        json.WriteStartObject();
        json.WriteString("file", error.File);
        json.WriteNumber("line", error.Line);
        json.WriteNumber("column", error.Column);
        json.WriteString("path", error.Path);
        json.WriteString("message", error.Message);
        json.WriteEndObject();
    }
}
