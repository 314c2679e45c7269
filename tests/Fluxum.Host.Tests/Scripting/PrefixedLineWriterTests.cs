using Fluxum.Host.Scripting;

namespace Fluxum.Host.Tests.Scripting;

public sealed class PrefixedLineWriterTests
{
    [Fact]
    public void Write_LinesInPieces_EachWholeLinePrefixedOnce()
    {
        using var inner = new StringWriter { NewLine = "\n" };
        using var writer = PrefixedLineWriter.ForScript(inner, "vwap");

        writer.Write("VWAP kraken ");
        writer.WriteLine("100");
        writer.Write("TOTAL\r\nlast");
        Assert.Equal("[vwap] VWAP kraken 100\n[vwap] TOTAL\n", inner.ToString());
        writer.Flush();

        Assert.Equal("[vwap] VWAP kraken 100\n[vwap] TOTAL\n[vwap] last\n", inner.ToString());
    }
}
