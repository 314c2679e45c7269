using System.IO.Hashing;
using System.Runtime.Intrinsics;
using Fluxum.Plugins.Kraken.Books;

namespace Fluxum.Plugins.Kraken.Tests.Books;

public sealed class Crc32CombineTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 17)]
    [InlineData(17, 0)]
    [InlineData(1, 1)]
    [InlineData(4, 4)]
    [InlineData(170, 171)]
    [InlineData(333, 640)]
    [InlineData(1000, 4096)]
    public void Combine_TwoParts_EqualsTheCrcOfTheirConcatenation(int firstLength, int secondLength)
    {
        var random = new Random(firstLength * 7919 + secondLength);
        for (var round = 0; round < 20; round++)
        {
            var first = new byte[firstLength];
            var second = new byte[secondLength];
            random.NextBytes(first);
            random.NextBytes(second);

            var combined = Crc32Combine.Combine(Crc32.HashToUInt32(first), Crc32.HashToUInt32(second), second.Length);

            Assert.Equal(Crc32.HashToUInt32([.. first, .. second]), combined);
        }
    }

    [Fact]
    public void HashPadded_EveryLengthUpTo400_EqualsThePlainCrc()
    {
        var random = new Random(3);
        for (var length = 0; length <= 400; length++)
        {
            var buffer = new byte[Crc32Combine.ZeroPrefix + length];
            random.NextBytes(buffer.AsSpan(Crc32Combine.ZeroPrefix));

            var padded = Crc32Combine.HashPadded(buffer, Crc32Combine.ZeroPrefix, length);

            Assert.Equal(Crc32.HashToUInt32(buffer.AsSpan(Crc32Combine.ZeroPrefix)), padded);
        }
    }

    [Fact]
    public void HashPadded_NotEnoughZerosBefore_Throws()
    {
        Assert.Throws<ArgumentException>(() => Crc32Combine.HashPadded(new byte[100], 8, 20));
    }

    [Fact]
    public void CarrylessMultiply_Portable_MatchesTheInstruction()
    {
        if (!System.Runtime.Intrinsics.X86.Pclmulqdq.IsSupported)
        {
            Assert.Equal(0b1111UL, Crc32Combine.CarrylessMultiply(0b101, 0b11)); // (x²+1)(x+1) = x³+x²+x+1
            return;
        }

        var random = new Random(9);
        for (var i = 0; i < 1000; i++)
        {
            var a = (uint)random.NextInt64(0, 1L << 32);
            var b = (uint)random.NextInt64(0, 1L << 32);
            var expected = System.Runtime.Intrinsics.X86.Pclmulqdq.CarrylessMultiply(
                System.Runtime.Intrinsics.Vector128.CreateScalar((ulong)a),
                System.Runtime.Intrinsics.Vector128.CreateScalar((ulong)b),
                0x00).ToScalar();

            Assert.Equal(expected, Crc32Combine.CarrylessMultiply(a, b));
        }
    }

    [Fact]
    public void Combine_SecondPartTooLong_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Crc32Combine.Combine(1, 2, Crc32Combine.MaxLength + 1));
    }
}
