using System.Text;
using System.Text.Json;
using Fluxum.Plugins.Gemini.Wire;

namespace Fluxum.Plugins.Gemini.Tests.V2;

public sealed class JsonDecimalTests
{
    [Theory]
    [InlineData("302.75", "302.75")]
    [InlineData("0", "0")]
    [InlineData("0.00000000", "0.00000000")]
    [InlineData("1e-8", "0.00000001")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("9999999999999999999", "9999999999999999999")]
    [InlineData("123456789012345678901", "123456789012345678901")]
    [InlineData("0.1921229751", "0.1921229751")]
    public void ParseDecimal_WireForms_ExactValue(string text, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture), Read(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    public void ParseDecimal_NotANumber_JsonException(string text)
    {
        Assert.Throws<JsonException>(() => Read(text));
    }

    /// <summary>The decimal of a JSON string holding <paramref name="text"/>, through Gemini's reader (the kit's parser).</summary>
    private static decimal Read(string text)
    {
        var reader = new Utf8JsonReader(Encoding.ASCII.GetBytes("\"" + text + "\""));
        reader.Read();
        return Json.Decimal(ref reader);
    }
}
