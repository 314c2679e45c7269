using System.Text;
using System.Text.Json;

namespace Fluxum.Sdk.Kit.Tests.Json;

public sealed class JsonFrameTests
{
    [Fact]
    public void Readers_WellFormedObject_EveryValueInOrder()
    {
        var reader = Reader("""{"p":"0.06317902","n":1.5,"i":42,"s":"x\u0041","t":"2023-02-09T20:32:50.714964855Z","m":1700000000123,"skip":{"a":[1,2]},"end":true}""");
        JsonFrame.Expect(ref reader, JsonTokenType.StartObject);
        Assert.Equal(JsonTokenType.PropertyName, JsonFrame.Next(ref reader));
        Assert.Equal(0.06317902m, JsonFrame.ReadDecimalString(ref reader));
        JsonFrame.Next(ref reader);
        Assert.Equal(1.5m, JsonFrame.ReadDecimal(ref reader));
        JsonFrame.Next(ref reader);
        Assert.Equal(42L, JsonFrame.ReadInt64(ref reader));
        JsonFrame.Next(ref reader);
        Assert.Equal("xA", JsonFrame.ReadString(ref reader));
        JsonFrame.Next(ref reader);
        Assert.Equal(new DateTimeOffset(2023, 2, 9, 20, 32, 50, TimeSpan.Zero).AddTicks(7_149_648), JsonFrame.ReadTimestamp(ref reader, new Utf8TimestampCache()));
        JsonFrame.Next(ref reader);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000123), JsonFrame.ReadUnixMilliseconds(ref reader));
        JsonFrame.Next(ref reader);
        JsonFrame.SkipValue(ref reader);
        JsonFrame.Next(ref reader);
        Assert.True(reader.ValueTextEquals("end"u8));
    }

    [Fact]
    public void Expect_WrongToken_SaysWhatAndWhere()
    {
        var reader = Reader("""{"a":1}""");
        JsonFrame.Next(ref reader);
        JsonFrame.Next(ref reader);
        var error = Fails(reader, (ref r) => JsonFrame.Expect(ref r, JsonTokenType.String));
        Assert.Equal("expected String at byte 5, found Number", error.Message);
    }

    [Fact]
    public void Next_TruncatedFrame_EndsEarly()
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("""{"a":"""), isFinalBlock: false, state: default);
        JsonFrame.Next(ref reader);
        JsonFrame.Next(ref reader);
        Assert.Equal("the frame ends early", Fails(reader, (ref r) => JsonFrame.Next(ref r)).Message);
    }

    [Theory]
    [InlineData("\"1e400\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"2023-02-30T00:00:00Z\"")]
    public void Readers_BadValues_FormatException(string json)
    {
        Assert.Throws<FormatException>(() =>
        {
            var reader = Reader(json);
            if (json.Contains('T', StringComparison.Ordinal))
            {
                JsonFrame.ReadTimestamp(ref reader);
            }
            else
            {
                JsonFrame.ReadDecimalString(ref reader);
            }
        });
    }

    [Fact]
    public void ReadUnixMilliseconds_OutOfRange_FormatException() =>
        Assert.Throws<FormatException>(() =>
        {
            var reader = Reader("253402300800000");
            JsonFrame.ReadUnixMilliseconds(ref reader);
        });

    private static Utf8JsonReader Reader(string json) => new(Encoding.UTF8.GetBytes(json));

    private delegate void ReaderStep(ref Utf8JsonReader reader);

    private static JsonException Fails(Utf8JsonReader reader, ReaderStep step)
    {
        try
        {
            step(ref reader);
        }
        catch (JsonException error)
        {
            return error;
        }

        throw new Xunit.Sdk.XunitException("no JsonException");
    }
}
