using System.Globalization;
using System.Text;
namespace Fluxum.Sdk.Kit.Tests.Decimals;

/// <summary>The digit writer against string formatting, at every magnitude (moved from the first plugin that wrote it).</summary>
public sealed class ScaledDigitsBoundaryTests
{
    [Theory]
    [InlineData("45285.2", 1, "452852")]
    [InlineData("0.001", 8, "100000")]
    [InlineData("0.566", 4, "5660")]
    [InlineData("1774.00", 2, "177400")]
    [InlineData("0.00000001", 8, "1")]
    [InlineData("0", 8, "")]
    [InlineData("1.50", 1, "15")]
    [InlineData("79228162514264337593543950335", 0, "79228162514264337593543950335")]
    [InlineData("123456789012.12345678", 8, "12345678901212345678")]
    public void Write_ValueAndPrecision_ChecksumDigits(string value, int decimals, string expected)
    {
        var buffer = new byte[64];
        var length = ScaledDigits.Write(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), decimals, buffer);

        Assert.Equal(expected, Encoding.ASCII.GetString(buffer, 0, length));
    }
    [Fact]
    public void Write_EveryMagnitudeAndPowerOfTenBoundary_MatchesStringFormatting()
    {
        var random = new Random(11);
        var buffer = new byte[64];
        var values = new List<decimal>();
        var power = 1m;
        for (var digits = 1; digits <= 20; digits++)
        {
            values.Add(power);
            values.Add(power - 1m);
            values.Add(power + 1m);
            values.Add(power * 9.99m);
            power *= 10m;
        }

        for (var i = 0; i < 2000; i++)
        {
            values.Add(Math.Round((decimal)random.NextDouble() * (decimal)Math.Pow(10, random.Next(0, 12)), random.Next(0, 9)));
        }

        foreach (var value in values)
        {
            foreach (var decimals in new[] { 0, 1, 2, 5, 8 })
            {
                var expected = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace(".", string.Empty, StringComparison.Ordinal).TrimStart('0');
                if (Math.Round(value, decimals) != value)
                {
                    continue; // A checksum never formats more decimals than the instrument has.
                }

                var length = ScaledDigits.Write(value, decimals, buffer);
                Assert.Equal(expected, Encoding.ASCII.GetString(buffer, 0, length));
            }
        }
    }
}
