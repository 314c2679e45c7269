using System.Globalization;
using System.Text;

namespace Fluxum.Sdk.Kit.Tests.Time;

public sealed class Utf8TimestampTests
{
    [Theory]
    [InlineData("2023-10-04T16:25:00Z", 0)]
    [InlineData("2023-10-04T16:25:00.5Z", 5_000_000)]
    [InlineData("2023-10-04T16:25:00.806315597Z", 8_063_155)]
    [InlineData("2023-10-04T18:25:00.000001+02:00", 10)]
    public void TryParse_ZeroToNineFractionDigits_Parsed(string text, long ticks)
    {
        Assert.True(Utf8Timestamp.TryParse(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(new DateTimeOffset(2023, 10, 4, 16, 25, 0, TimeSpan.Zero).AddTicks(ticks), value);
    }

    [Fact]
    public void Cache_StreamOfStamps_SameAsThePlainParser()
    {
        // A venue's microsecond UTC form mostly, within and across seconds, mixed with every other form and
        // with broken stamps: the cache (and its straight-line path) must answer exactly as the plain parser.
        var cache = new Utf8TimestampCache();
        var random = new Random(11);
        var start = new DateTimeOffset(2026, 7, 7, 23, 59, 58, TimeSpan.Zero);
        string[] odd = ["2026-07-07T23:59:59.5Z", "2026-07-07T23:59:59Z", "2026-07-07T23:59:59.123456+02:00", "2026-07-07T23:59:59.12345Z",
            "2026-07-07T23:59:59.1234567Z", "2026-07-07T23:59:59.12345aZ", "2026-07-07T23:59:59.123456z", "2026-07-07T23:59:59,123456Z",
            "2026-07-07T23:59:59.123456ZZ", "2026-02-30T23:59:59.123456Z", "2026-07-07T24:59:59.123456Z", "2026-07-07T23:59:59.12345 Z"];
        for (var i = 0; i < 20_000; i++)
        {
            var text = random.Next(10) == 0
                ? odd[random.Next(odd.Length)]
                : start.AddTicks(random.NextInt64(0, 50_000_000) / 10 * 10).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
            var bytes = Encoding.UTF8.GetBytes(text);

            var expectedOk = Utf8Timestamp.TryParse(bytes, out var expected);
            var ok = cache.TryParse(bytes, out var value);

            Assert.True(expectedOk == ok, text);
            Assert.Equal(expected, value);
            Assert.Equal(expected.Offset, value.Offset);
        }
    }

    [Theory]
    [InlineData("2023-10-04")]
    [InlineData("2023-10-04T16:25:00")]
    [InlineData("2023-10-04T16:25:00.Z")]
    [InlineData("2023-10-04T16:25:00.1234567890Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    public void TryParse_NotATime_False(string text) => Assert.False(Utf8Timestamp.TryParse(Encoding.UTF8.GetBytes(text), out _));
}
