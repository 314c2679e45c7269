using System.Text;
using System.Text.Json;

namespace Fluxum.Sdk.Kit.Tests.Integers;

public sealed class Utf8IntegerTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("-0", 0L)]
    [InlineData("0007", 7L)]
    [InlineData("1764527605192712", 1764527605192712L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void TryParse_Integer_Value(string text, long expected)
    {
        Assert.True(Utf8Integer.TryParse(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("12a")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("99999999999999999999")]
    public void TryParse_NotAnInteger_FalseAndZero(string text)
    {
        Assert.False(Utf8Integer.TryParse(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(0L, value);
    }

    [Theory]
    [InlineData("123", 123L)]
    [InlineData("\"123\"", 123L)]
    [InlineData("-5", -5L)]
    [InlineData("\"-5\"", -5L)]
    [InlineData("\"\\u0031\\u0032\"", 12L)]
    public void TryRead_NumberOrStringHoldingOne_Value(string json, long expected)
    {
        var reader = Reader(json);

        Assert.True(Utf8Integer.TryRead(ref reader, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("\"\"")]
    [InlineData("\"12x\"")]
    [InlineData("\"1.0\"")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("[1]")]
    [InlineData("9223372036854775808")]
    public void TryRead_NoInteger_FalseAndZero(string json)
    {
        var reader = Reader(json);

        Assert.False(Utf8Integer.TryRead(ref reader, out var value));
        Assert.Equal(0L, value);
    }

    [Fact]
    public void TryReadNumber_StringOfDigits_Refused()
    {
        var number = Reader("17");
        var text = Reader("\"17\"");

        Assert.True(Utf8Integer.TryReadNumber(ref number, out var value));
        Assert.Equal(17L, value);
        Assert.False(Utf8Integer.TryReadNumber(ref text, out value));
        Assert.Equal(0L, value);
    }

    [Fact]
    public void TryRead_StringSplitAcrossSegments_Value()
    {
        var first = new Segment("\"98765"u8.ToArray());
        var last = first.Append("4321\""u8.ToArray());
        var reader = new Utf8JsonReader(new System.Buffers.ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));
        Assert.True(reader.Read());
        Assert.True(reader.HasValueSequence);

        Assert.True(Utf8Integer.TryRead(ref reader, out var value));
        Assert.Equal(987654321L, value);
    }

    private static Utf8JsonReader Reader(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        Assert.True(reader.Read());
        return reader;
    }

    private sealed class Segment : System.Buffers.ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes) => Memory = bytes;

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
