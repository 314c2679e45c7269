using System.Text;
using System.Text.Json;

namespace Fluxum.Sdk.Kit.Tests.Decimals;

public sealed class Utf8DecimalTests
{
    [Theory]
    [InlineData("302.75", "302.75", 2)]
    [InlineData("0.05000", "0.05", 5)]
    [InlineData("42", "42", 0)]
    [InlineData("-1.5", "-1.5", 1)]
    [InlineData("0007.50", "7.5", 2)]
    [InlineData(".5", "0.5", 1)]
    [InlineData("5.", "5", 0)]
    [InlineData("12345678901234567890.123", "12345678901234567890.123", 3)]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001", 28)]
    public void Parse_PlainForms_ExactValueAndTextScale(string text, string expected, int scale)
    {
        var error = Utf8Decimal.Parse(Encoding.UTF8.GetBytes(text), out var value);

        Assert.Equal(DecimalParseError.None, error);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(scale, value.Scale);
        Assert.True(Utf8Decimal.TryParse(Encoding.UTF8.GetBytes(text), out _, out var reported));
        Assert.Equal(scale, reported);
    }

    [Theory]
    [InlineData("1e-08", "0.00000001", 8)]
    [InlineData("2.5E+3", "2500", 0)]
    [InlineData("2.50e1", "25.0", 1)]
    [InlineData("-3e0", "-3", 0)]
    [InlineData("100e-30", "0.0000000000000000000000000001", 28)]
    [InlineData("0e99999", "0", 0)]
    public void Parse_Exponent_ExactValue(string text, string expected, int scale)
    {
        Assert.Equal(DecimalParseError.None, Utf8Decimal.Parse(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(scale, value.Scale);
    }

    [Theory]
    [InlineData("", DecimalParseError.Empty)]
    [InlineData("-", DecimalParseError.InvalidCharacter)]
    [InlineData(".", DecimalParseError.InvalidCharacter)]
    [InlineData("12a", DecimalParseError.InvalidCharacter)]
    [InlineData("1.2.3", DecimalParseError.InvalidCharacter)]
    [InlineData("+1", DecimalParseError.InvalidCharacter)]
    [InlineData("1-", DecimalParseError.InvalidCharacter)]
    [InlineData("1e", DecimalParseError.InvalidCharacter)]
    [InlineData("e5", DecimalParseError.InvalidCharacter)]
    [InlineData(" 1", DecimalParseError.InvalidCharacter)]
    [InlineData("NaN", DecimalParseError.InvalidCharacter)]
    [InlineData("123456789012345678901234567890", DecimalParseError.TooManyDigits)]
    [InlineData("0.12345678901234567890123456789", DecimalParseError.TooManyDigits)]
    [InlineData("1e-29", DecimalParseError.TooManyDigits)]
    [InlineData("1e29", DecimalParseError.OutOfRange)]
    [InlineData("99999999999999999999999999999", DecimalParseError.OutOfRange)]
    public void Parse_Malformed_RefusedWithReason(string text, DecimalParseError expected)
    {
        var error = Utf8Decimal.Parse(Encoding.UTF8.GetBytes(text), out var value);

        Assert.Equal(expected, error);
        Assert.Equal(0m, value);
        Assert.False(Utf8Decimal.TryParse(Encoding.UTF8.GetBytes(text), out _));
        Assert.NotEqual(Utf8Decimal.Describe(DecimalParseError.None), Utf8Decimal.Describe(error));
    }

    [Fact]
    public void Parse_LargestDecimal_Exact()
    {
        var text = decimal.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(DecimalParseError.None, Utf8Decimal.Parse(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(decimal.MaxValue, value);
    }

    [Theory]
    [InlineData("""{"v":"0.10"}""", "0.10")]
    [InlineData("""{"v":0.10}""", "0.10")]
    [InlineData("""{"v":1e-8}""", "0.00000001")]
    [InlineData("""{"v":"\u0031.5"}""", "1.5")]
    public void Read_NumberOrString_Decimal(string json, string expected)
    {
        var reader = Positioned(json);

        Assert.True(Utf8Decimal.TryRead(ref reader, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Scale, value.Scale);
    }

    [Theory]
    [InlineData("""{"v":true}""", DecimalParseError.NotANumberToken)]
    [InlineData("""{"v":null}""", DecimalParseError.NotANumberToken)]
    [InlineData("""{"v":""}""", DecimalParseError.Empty)]
    [InlineData("""{"v":"abc"}""", DecimalParseError.InvalidCharacter)]
    public void Read_NotADecimal_Reason(string json, DecimalParseError expected)
    {
        var reader = Positioned(json);

        Assert.Equal(expected, Utf8Decimal.Read(ref reader, out var value));
        Assert.Equal(0m, value);
    }

    [Fact]
    public void Read_SegmentedNumber_Decimal()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"v":123.456}""");
        var first = new Segment(bytes.AsMemory(0, 8));
        var last = first.Append(bytes.AsMemory(8));
        var reader = new Utf8JsonReader(new System.Buffers.ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));
        reader.Read();
        reader.Read();
        reader.Read();

        Assert.True(reader.HasValueSequence);
        Assert.True(Utf8Decimal.TryRead(ref reader, out var value));
        Assert.Equal(123.456m, value);
    }

    private static Utf8JsonReader Positioned(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        reader.Read();
        reader.Read();
        return reader;
    }

    private sealed class Segment : System.Buffers.ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
