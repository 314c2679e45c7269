using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Tests.MarketData;

public sealed class IntervalsTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("1m", 60_000)]
    [InlineData("1min", 60_000)]
    [InlineData("4h", 14_400_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1w", 604_800_000)]
    [InlineData(" 1.5H ", 5_400_000)]
    public void Parse_ValidText_ReturnsDuration(string text, long milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Intervals.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("10")]
    [InlineData("10y")]
    [InlineData("0s")]
    [InlineData("-1m")]
    public void TryParse_InvalidText_ReturnsFalseAndParseSaysWhatIsExpected(string text)
    {
        Assert.False(Intervals.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => Intervals.Parse(text));
        Assert.Contains("30s", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(604_800_000, "1w")]
    [InlineData(172_800_000, "2d")]
    [InlineData(14_400_000, "4h")]
    [InlineData(60_000, "1m")]
    [InlineData(90_000, "90s")]
    [InlineData(250, "250ms")]
    public void Format_Duration_UsesLargestWholeUnit(long milliseconds, string expected)
    {
        Assert.Equal(expected, Intervals.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Theory]
    [InlineData("15m")]
    [InlineData("1h")]
    [InlineData("2w")]
    public void Format_ParsedText_RoundTrips(string text)
    {
        Assert.Equal(text, Intervals.Format(Intervals.Parse(text)));
    }
}
