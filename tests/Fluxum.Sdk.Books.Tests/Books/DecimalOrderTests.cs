namespace Fluxum.Sdk.Books.Tests;

/// <summary>
/// <see cref="DecimalOrder.Compare"/> against <see cref="decimal.Compare"/>: the same sign for every pair, whatever
/// the scales, signs and magnitudes, so the book's fast paths never order two prices differently from the decimals.
/// </summary>
public sealed class DecimalOrderTests
{
    public static TheoryData<decimal, decimal> Pairs => new()
    {
        { 97123.45m, 97123.45000000m },          // equal, scales 2 and 8
        { 97123.44m, 97123.44999999m },          // smaller scale is less
        { 97123.46m, 97123.45999999m },          // smaller scale is greater
        { 0m, 0.00000000m },                     // zeros of two scales
        { 1m, 0.9999999999999999999m },          // a scale difference of 19
        { 1m, 0.99999999999999999999m },         // 20: beyond the fast path
        { 18446744073709551615m, 1844674407370955161.5m }, // 64-bit integers at their limit
        { 18446744073709551615m, 18446744073709551615.0m }, // the product needs more than 64 bits
        { 79228162514264337593543950335m, 7.9m },   // a 96-bit integer: the general routine
        { -1.5m, -1.50m },                       // negatives: the general routine
        { -1.5m, 1.50m },
        { 1.5m, -1.50m },
        { 5m, 0.5m },
        { 0.1m, 0.10000000000000000000000000m }, // scale 28
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Compare_MatchesDecimalCompare(decimal a, decimal b)
    {
        Assert.Equal(Math.Sign(decimal.Compare(a, b)), Math.Sign(DecimalOrder.Compare(a, b)));
        Assert.Equal(Math.Sign(decimal.Compare(b, a)), Math.Sign(DecimalOrder.Compare(b, a)));
    }

    [Fact]
    public void Compare_RandomPricesOfMixedScales_MatchDecimalCompare()
    {
        var random = new Random(3);
        for (var i = 0; i < 200_000; i++)
        {
            var a = PriceLike(random);
            var b = random.Next(4) == 0 ? Rescale(a, random.Next(0, 29)) : PriceLike(random);
            Assert.True(
                Math.Sign(decimal.Compare(a, b)) == Math.Sign(DecimalOrder.Compare(a, b)),
                $"{a} vs {b}: decimal.Compare {decimal.Compare(a, b)}, DecimalOrder {DecimalOrder.Compare(a, b)}");
        }
    }

    /// <summary>A price-like value: 1 to 20 digits, scale 0 to 28, mostly positive.</summary>
    private static decimal PriceLike(Random random)
    {
        var digits = random.Next(1, 21);
        var integer = 0UL;
        for (var d = 0; d < digits; d++)
        {
            integer = unchecked((integer * 10) + (ulong)random.Next(10));
        }

        var scale = (byte)random.Next(0, 29);
        return new decimal((int)(uint)integer, (int)(uint)(integer >> 32), random.Next(8) == 0 ? random.Next() : 0, random.Next(10) == 0, scale);
    }

    /// <summary>The same value at another scale, where the decimal holds it exactly (else the value unchanged).</summary>
    private static decimal Rescale(decimal value, int scale)
    {
        var text = value.ToString("F" + scale, System.Globalization.CultureInfo.InvariantCulture);
        return decimal.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var rescaled) && rescaled == value ? rescaled : value;
    }
}
