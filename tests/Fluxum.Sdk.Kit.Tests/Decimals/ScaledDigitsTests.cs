using System.Text;

namespace Fluxum.Sdk.Kit.Tests.Decimals;

public sealed class ScaledDigitsTests
{
    [Theory]
    [InlineData("0.05000", 5, "5000")]
    [InlineData("45285.2", 1, "452852")]
    [InlineData("45285.2", 3, "45285200")]
    [InlineData("0.00000000", 8, "")]
    [InlineData("1.23456", 2, "123")]
    [InlineData("79228162514264337593543950335", 2, "7922816251426433759354395033500")]
    public void Write_Value_DigitsScaledWithoutLeadingZeros(string value, int decimals, string expected)
    {
        var buffer = new byte[64];

        var written = ScaledDigits.Write(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), decimals, buffer);

        Assert.Equal(expected, Encoding.ASCII.GetString(buffer, 0, written));
    }

    [Fact]
    public void Write_ShortDestination_Throws()
    {
        Assert.Throws<ArgumentException>(() => ScaledDigits.Write(123456m, 0, new byte[3]));
    }
}
