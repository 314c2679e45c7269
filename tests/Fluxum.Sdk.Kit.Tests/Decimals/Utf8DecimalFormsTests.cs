using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Fluxum.Sdk.Kit.Tests.Decimals;

/// <summary>The parser against <see cref="decimal.Parse(string, IFormatProvider)"/> over many random plain forms.</summary>
public sealed partial class Utf8DecimalFormsTests
{
    [Fact]
    public void Parse_ManyPlainForms_SameValueAndScaleAsDecimalParse()
    {
        var random = new Random(5);
        var cases = new List<string> { "0", "-0", "0.0", "12345678", "123456789", "1234567890123456789", "12345678901234567890", "0.1234567812345678", "99999999.99999999", "00000000000000000001", "1234567890123456789012345678" };
        for (var i = 0; i < 5000; i++)
        {
            var whole = random.NextInt64(0, (long)Math.Pow(10, random.Next(1, 18))).ToString(CultureInfo.InvariantCulture);
            var decimals = random.Next(0, 10);
            var text = decimals == 0 ? whole : whole + "." + random.NextInt64(0, (long)Math.Pow(10, decimals)).ToString("D" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            cases.Add(random.Next(4) == 0 ? "-" + text : text);
        }

        foreach (var text in cases)
        {
            Assert.Matches(Plain(), text);
            Assert.True(Utf8Decimal.TryParse(Encoding.ASCII.GetBytes(text), out var value), text);
            var expected = decimal.Parse(text, CultureInfo.InvariantCulture);
            Assert.Equal(expected, value);
            Assert.Equal(expected.Scale, value.Scale);
        }
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("12a45678")]
    [InlineData("1234:678")]
    [InlineData("123/5678")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("--1")]
    [InlineData("1e5e5")]
    public void Parse_NotANumber_Declined(string text)
    {
        Assert.False(Utf8Decimal.TryParse(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(0m, value);
    }

    [Fact]
    public void TryParse_PlainForm_AllocatesNothing()
    {
        var bytes = Encoding.ASCII.GetBytes("45285.12345");
        var wide = Encoding.ASCII.GetBytes("1234567890123.1234567890123");
        Utf8Decimal.TryParse(bytes, out _);
        Utf8Decimal.TryParse(wide, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = 0m;
        for (var i = 0; i < 100; i++)
        {
            Utf8Decimal.TryParse(bytes, out var a);
            Utf8Decimal.TryParse(wide, out var b);
            total += a + b;
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(total > 0m);
    }

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial Regex Plain();
}
