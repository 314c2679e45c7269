using System.Text;
using Fluxum.Plugins.Kraken.Books;

namespace Fluxum.Plugins.Kraken.Tests.Books;

public sealed class DecimalDigitsTests
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
    public void Write_ValueAndPrecision_KrakenChecksumDigits(string value, int decimals, string expected)
    {
        var buffer = new byte[64];
        var length = DecimalDigits.Write(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), decimals, buffer);

        Assert.Equal(expected, Encoding.ASCII.GetString(buffer, 0, length));
    }
}
